/**
 * git-storage-kit/components/commit-view: one commit as a page (`CommitView`): message, people,
 * parents, SHA, then its diff. Importing one family bundles only it (and what it uses).
 */
export { CommitView, type CommitViewProps } from './CommitView.js';
export type { CommitViewLabels } from './labels.js';
