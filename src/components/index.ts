/**
 * git-storage-kit/components: React components over the hooks, each as a connected part (takes
 * `repoId`, reads through the hooks) and a presentational part (takes data as props). Import
 * `git-storage-kit/styles.css` once for the look. The built entry starts with 'use client', so a
 * Next.js App Router page can import it.
 */
export { BranchCombobox, type BranchComboboxProps } from './branch-picker/BranchCombobox.js';
export { BranchPicker, type BranchPickerProps } from './branch-picker/BranchPicker.js';
export { type BranchOption, branchOptions } from './branch-picker/branch-options.js';
export {
  BranchMovedNotice,
  type BranchMovedNoticeProps,
} from './commit-composer/BranchMovedNotice.js';
export { CommitComposer, type CommitComposerProps } from './commit-composer/CommitComposer.js';
export {
  CommitComposerView,
  type CommitComposerViewProps,
} from './commit-composer/CommitComposerView.js';
export { type CommitFailure, describeCommitError } from './commit-composer/commit-errors.js';
export { DropZone, type DropZoneProps } from './commit-composer/DropZone.js';
export {
  changedPaths,
  MOVED_COMMITS_MAX,
  type MovedBranch,
  summarizeMovedBranch,
} from './commit-composer/moved-branch.js';
export { StagedList, type StagedListProps } from './commit-composer/StagedList.js';
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
} from './commit-composer/staging.js';
export { TextEditor, type TextEditorProps } from './commit-composer/TextEditor.js';
export { UploadProgress, type UploadProgressProps } from './commit-composer/UploadProgress.js';
export { CommitHistory, type CommitHistoryProps } from './commit-history/CommitHistory.js';
export {
  CommitList,
  type CommitListItem,
  type CommitListProps,
} from './commit-history/CommitList.js';
export { DiffFile, type DiffFileProps } from './diff-viewer/DiffFile.js';
export { DiffFileList, type DiffFileListProps } from './diff-viewer/DiffFileList.js';
export { DiffPiece, type DiffPieceProps, WORD_DIFF_MAX_LINE } from './diff-viewer/DiffPiece.js';
export { DiffView, type DiffViewProps } from './diff-viewer/DiffView.js';
export { CONTEXT_MAX_BYTES, DiffViewer, type DiffViewerProps } from './diff-viewer/DiffViewer.js';
export {
  type DiffData,
  type DiffEntry,
  diffEntries,
  HIGHLIGHT_MAX_LINES,
} from './diff-viewer/diff-model.js';
export {
  type DiffBlock,
  type FileFact,
  type FilePlan,
  fileFacts,
  fileIdentity,
  type LineSource,
  type LinesBlock,
  PIECE_ROWS,
  planFile,
} from './diff-viewer/diff-plan.js';
export {
  hunkSide,
  LineKind,
  lineText,
  type ParsedPatch,
  type PatchHunk,
  type PatchSection,
  parsePatch,
} from './diff-viewer/parse-patch.js';
export { FileBrowser, type FileBrowserProps } from './file-browser/FileBrowser.js';
export { FileTree, type FileTreeProps } from './file-browser/FileTree.js';
export {
  ancestors,
  type FolderContents,
  PathTree,
  type TreeEntryLike,
  type TreeNode,
  type TreeNodeKind,
  type TreeNodeRow,
  type TreeRow,
  type TreeSource,
  type TreeStatusRow,
  visibleRows,
} from './file-browser/tree-model.js';
export {
  type FileTreeModel,
  type UseFileTreeOptions,
  useFileTree,
} from './file-browser/use-file-tree.js';
export {
  FOLDER_PAGE,
  type RepositoryTree,
  useRepositoryTree,
  WHOLE_TREE_LIMIT,
} from './file-browser/use-repository-tree.js';
export { type DetectedType, detectType } from './file-view/detect-type.js';
export {
  FilePreview,
  type FilePreviewCommit,
  type FilePreviewProps,
} from './file-view/FilePreview.js';
export { FileView, type FileViewProps, LOAD_ALL_LIMIT } from './file-view/FileView.js';
export {
  formatLocationHash,
  parseLocationHash,
  type RepositoryLocation,
} from './repository-browser/location.js';
export {
  RepositoryBrowser,
  type RepositoryBrowserProps,
} from './repository-browser/RepositoryBrowser.js';
export { ConfirmDialog, type ConfirmDialogProps } from './shared/ConfirmDialog.js';
export { formatBytes, formatRelativeTime } from './shared/format.js';
export {
  defaultLabels,
  type GitStorageLabels,
  GitStorageLabelsProvider,
  useLabels,
  useLocale,
} from './shared/labels.js';
