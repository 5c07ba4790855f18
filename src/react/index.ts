/**
 * git-storage-kit/react: a provider and hooks on @tanstack/react-query. Nothing here touches
 * `window` or `document` at import time, so it is safe to import during server rendering.
 */
export { useCspNonce, useGitStorage } from './context.js';
export { afterBranchMoved } from './invalidate.js';
export { GitStorageProvider, type GitStorageProviderProps } from './provider.js';
export {
  type BranchDiffOptions,
  type CommitDiffOptions,
  type DiffOptions,
  type DiffResult,
  type FileOptions,
  type FilesOptions,
  type PagedQueryOptions,
  type ReadQueryOptions,
  type RepoInfo,
  storageQueries,
} from './queries.js';
export { DEFAULT_MAX_BYTES, decodeText, type FileContent, fetchFileContent } from './read-file.js';
export { DEFAULT_REF, storageKeys } from './storage-keys.js';
export { useBlame } from './use-blame.js';
export { useBranches } from './use-branches.js';
export { useCommit } from './use-commit.js';
export {
  type CommitBuilderState,
  type CommitError,
  type CommitOptions,
  type StagedChange,
  useCommitBuilder,
} from './use-commit-builder.js';
export { useCommits } from './use-commits.js';
export { useCreateBranch } from './use-create-branch.js';
export { useCreateCommitFromDiff } from './use-create-commit-from-diff.js';
export { useDeleteBranch } from './use-delete-branch.js';
export { useDiff } from './use-diff.js';
export { useFile } from './use-file.js';
export { useFileMetadata } from './use-file-metadata.js';
export { useFiles } from './use-files.js';
export { useGrep } from './use-grep.js';
export { useMerge, usePreviewMerge, useResolveConflicts } from './use-merge.js';
export { type NoteWrite, useNote, useWriteNote } from './use-notes.js';
export { useRepo } from './use-repo.js';
export { useRestoreCommit } from './use-restore-commit.js';
export { type UseReviewOptions, useReview } from './use-review.js';
export { useCreateTag, useDeleteTag, useTags } from './use-tags.js';
