/**
 * git-storage-kit/components/commit-history: The history: `CommitHistory` (connected) and `CommitList`. Importing one family
 * bundles only it (and what it uses).
 */
export { CommitHistory, type CommitHistoryProps } from './CommitHistory.js';
export {
  CommitList,
  type CommitListItem,
  type CommitListProps,
} from './CommitList.js';
export type { CommitHistoryLabels } from './labels.js';
