/**
 * git-storage-kit/components/review: review and merge — `ReviewDiff` (line comments kept in git
 * notes), `ReviewThreadView`, `CommentForm`, `MergePanel` and `ConflictResolver`. Importing one
 * family bundles only it (and what it uses).
 */
export { ConflictResolver, type ConflictResolverProps } from './ConflictResolver.js';
export {
  type ConflictHunk,
  type ConflictRegion,
  type ConflictShape,
  chosenLines,
  conflictKey,
  conflictShape,
  type FileChoices,
  fileResolution,
  type HunkChoice,
  type MergeConflict,
  resultText,
  textShape,
  type WholeChoice,
} from './conflict-model.js';
export type { ReviewLabels } from './labels.js';
export { type MergeMethod, MergePanel, type MergePanelProps } from './MergePanel.js';
export { ReviewDiff, type ReviewDiffProps } from './ReviewDiff.js';
export {
  CommentForm,
  type CommentFormProps,
  type ReviewThreadActions,
  ReviewThreadView,
  type ReviewThreadViewProps,
} from './ReviewThreadView.js';
