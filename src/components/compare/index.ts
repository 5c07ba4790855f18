/**
 * git-storage-kit/components/compare: two branches compared — `CompareView`. Importing one
 * family bundles only it (and what it uses).
 */
export { COMPARE_COMMITS, CompareView, type CompareViewProps } from './CompareView.js';
export type { CompareLabels } from './labels.js';
