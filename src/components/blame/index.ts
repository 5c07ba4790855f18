/**
 * git-storage-kit/components/blame: who last changed each line — `BlameView` (connected) and
 * `BlameLines` (presentational). Importing one family bundles only it (and what it uses).
 */
export { BlameLines, type BlameLinesProps } from './BlameLines.js';
export { BLAME_MAX_BYTES, BlameView, type BlameViewProps } from './BlameView.js';
export type { BlameLabels } from './labels.js';
