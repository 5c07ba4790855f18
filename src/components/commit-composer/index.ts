/**
 * git-storage-kit/components/commit-composer: The commit composer: `CommitComposer` (connected), its view and parts, and the staging plan. Importing one family
 * bundles only it (and what it uses).
 */
export {
  BranchMovedNotice,
  type BranchMovedNoticeProps,
} from './BranchMovedNotice.js';
export { CommitComposer, type CommitComposerProps } from './CommitComposer.js';
export {
  CommitComposerView,
  type CommitComposerViewProps,
} from './CommitComposerView.js';
export { type CommitFailure, describeCommitError } from './commit-errors.js';
export { DropZone, type DropZoneProps } from './DropZone.js';
export {
  changedPaths,
  MOVED_COMMITS_MAX,
  type MovedBranch,
  summarizeMovedBranch,
} from './moved-branch.js';
export { StagedList, type StagedListProps } from './StagedList.js';
export {
  type DropPlan,
  EDITABLE_MAX_BYTES,
  junkReason,
  type PickedFile,
  pickedPath,
  planDrop,
  type SkippedFile,
  type StagedKind,
  stagedKind,
  summarize,
  TransferMeter,
  targetPath,
} from './staging.js';
export { TextEditor, type TextEditorProps } from './TextEditor.js';
export { UploadProgress, type UploadProgressProps } from './UploadProgress.js';
