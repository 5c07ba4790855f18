/**
 * git-storage-kit/components/commit-composer: The commit composer: `CommitComposer` (connected),
 * its view and the parts it is built of (to compose another layout from). Importing one family
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
export type { CommitComposerLabels } from './labels.js';
export type { MovedBranch } from './moved-branch.js';
export { StagedList, type StagedListProps } from './StagedList.js';
export type { PickedFile, SkippedFile } from './staging.js';
export { TextEditor, type TextEditorProps } from './TextEditor.js';
export { UploadProgress, type UploadProgressProps } from './UploadProgress.js';
