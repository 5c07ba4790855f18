/**
 * Public (camelCase) types of the core client. Names and fields follow the official
 * `@pierre/storage` SDK wherever the two overlap, so code moves between them unchanged.
 */
import type { RefUpdate } from './errors.js';
import type { Scope } from './wire-types.js';

/** What a token is asked for: one repository, some scopes. */
export interface TokenRequest {
  repoId: string;
  scopes: readonly Scope[];
  /**
   * Aborted when nobody waits for this token any more (every request that asked was aborted),
   * or when the client's tokens are cleared: pass it to your `fetch` of the token endpoint.
   */
  signal?: AbortSignal;
}

/** A token, optionally with its expiry (otherwise read from the JWT's `exp`). */
export type TokenResult = string | { token: string; expiresAt?: number | string | Date };

/** Fetches a token for a repository, usually from the host backend's token endpoint. */
export type GetToken = (request: TokenRequest) => Promise<TokenResult>;

export interface CommitSignature {
  name: string;
  email: string;
}

export interface RepoInfo {
  id: string;
  defaultBranch: string;
  createdAt: string;
}

export interface ListReposResult {
  repos: {
    repoId: string;
    url: string;
    defaultBranch: string;
    createdAt: string;
    baseRepo?: { provider: string; owner: string; name: string };
  }[];
  nextCursor?: string;
  hasMore: boolean;
}

export interface DeleteRepoResult {
  repoId: string;
  message: string;
}

export interface TreeEntry {
  path: string;
  type: 'blob' | 'tree' | 'symlink' | 'submodule';
  mode: string;
}

export interface ListFilesResult {
  paths: string[];
  ref: string;
  entries: TreeEntry[];
  nextCursor?: string;
  hasMore: boolean;
}

export interface FileWithMetadata {
  path: string;
  mode: string;
  size: number;
  lastCommitSha: string;
  type?: TreeEntry['type'];
}

export interface ListFilesWithMetadataResult {
  files: FileWithMetadata[];
  commits: Record<string, { author: string; date: Date; rawDate: string; message: string }>;
  ref: string;
  nextCursor?: string;
  hasMore: boolean;
}

export interface FileMetadata {
  status: number;
  blobSha: string;
  lastCommitSha: string;
  size?: number;
  etag?: string;
  lastModified?: Date;
  rawLastModified?: string;
  acceptRanges?: string;
  contentRange?: string;
  contentType?: string;
}

export interface BranchInfo {
  cursor: string;
  name: string;
  headSha: string;
  createdAt: string;
}

export interface ListBranchesResult {
  branches: BranchInfo[];
  nextCursor?: string;
  hasMore: boolean;
}

export interface CreateBranchResult {
  message: string;
  targetBranch: string;
  targetIsEphemeral: boolean;
  commitSha?: string;
}

export interface DeleteBranchResult {
  name: string;
  message: string;
  ephemeral: boolean;
}

export interface TagInfo {
  cursor: string;
  name: string;
  /** The commit the tag names (an annotated tag is peeled to its commit). */
  sha: string;
}

export interface ListTagsResult {
  tags: TagInfo[];
  nextCursor?: string;
  hasMore: boolean;
}

export interface CreateTagResult {
  name: string;
  sha: string;
  message: string;
}

export interface DeleteTagResult {
  name: string;
  message: string;
}

export interface BlameLine {
  lineNumber: number;
  commitSha: string;
  originalLineNumber: number;
  originalPath: string;
  previousCommitSha?: string;
  authorName: string;
  authorEmail: string;
  authorTime: Date;
  rawAuthorTime: string;
  committerName: string;
  committerEmail: string;
  committerTime: Date;
  rawCommitterTime: string;
  summary: string;
}

export interface BlameResult {
  ref: string;
  path: string;
  commitSha: string;
  lines: BlameLine[];
}

export interface GrepOptions {
  ref?: string;
  /** Resolve `ref` among the ephemeral branches. */
  ephemeral?: boolean;
  /** Folders or files to search (literal paths). */
  paths?: string[];
  query: { pattern: string; caseSensitive?: boolean };
  fileFilters?: { includeGlobs?: string[]; excludeGlobs?: string[]; extensionFilters?: string[] };
  context?: { before?: number; after?: number };
  limits?: { maxLines?: number; maxMatchesPerFile?: number };
  pagination?: { cursor?: string; limit?: number };
  signal?: AbortSignal;
}

export interface GrepResult {
  query: { pattern: string; caseSensitive: boolean };
  repo: { ref: string; commit: string };
  matches: { path: string; lines: { lineNumber: number; text: string; type: string }[] }[];
  nextCursor?: string;
  hasMore: boolean;
}

export interface CommitInfo {
  sha: string;
  parentShas: string[];
  message: string;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  date: Date;
  rawDate: string;
  signature?: string;
  payload?: string;
}

export interface ListCommitsResult {
  commits: CommitInfo[];
  nextCursor?: string;
  hasMore: boolean;
}

export interface GetCommitResult {
  commit: CommitInfo;
}

export type DiffFileState =
  | 'added'
  | 'modified'
  | 'deleted'
  | 'renamed'
  | 'copied'
  | 'type_changed'
  | 'unmerged'
  | 'unknown';

export interface FilteredFile {
  path: string;
  state: DiffFileState;
  rawState: string;
  oldPath?: string;
  bytes: number;
  isEof: boolean;
}

export interface FileDiff extends FilteredFile {
  raw: string;
  additions: number;
  deletions: number;
}

export interface DiffStats {
  files: number;
  additions: number;
  deletions: number;
  changes: number;
}

export interface GetBranchDiffResult {
  branch: string;
  base: string;
  mergeBaseSha?: string;
  stats: DiffStats;
  files: FileDiff[];
  filteredFiles: FilteredFile[];
}

export interface GetCommitDiffResult {
  sha: string;
  baseSha?: string;
  mergeBaseSha?: string;
  stats: DiffStats;
  files: FileDiff[];
  filteredFiles: FilteredFile[];
}

export interface CommitResult {
  commitSha: string;
  treeSha: string;
  targetBranch: string;
  packBytes: number;
  blobCount: number;
  refUpdate: RefUpdate;
}

export interface RestoreCommitResult {
  commitSha: string;
  treeSha: string;
  targetBranch: string;
  packBytes: number;
  refUpdate: RefUpdate;
}

/** Git file modes a commit may set. */
export type GitFileMode = '100644' | '100755' | '120000';

/** Where a committed file's bytes come from; read lazily, in 4 MiB pieces. */
export type FileSource =
  | string
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | ArrayBuffer | ArrayBufferView | string>;

/** Progress of a commit upload. */
export interface CommitProgress {
  /** `uploading` while bytes are sent; `committing` once the last byte left and git is working. */
  phase: 'uploading' | 'committing';
  /** File bytes sent so far, all files together. */
  bytesSent: number;
  /** All files' bytes, when every source's size is known. */
  totalBytes?: number;
  /** The file being sent (the last one once committing). */
  currentFile?: string;
  /** Bytes sent per file path. */
  files: Record<string, { bytesSent: number; totalBytes?: number }>;
}

export interface SendOptions {
  signal?: AbortSignal;
  /** Send a commit that changes nothing (refused with a ValidationError otherwise). */
  allowEmpty?: boolean;
  onProgress?: (progress: CommitProgress) => void;
}

export interface GetNoteResult {
  /** The annotated commit. */
  sha: string;
  note: string;
  /** The notes ref's tip: pass it as `expectedRefSha` to guard a later write. */
  refSha: string;
}

export interface NoteWriteOptions {
  /** The commit to annotate. */
  sha: string;
  note: string;
  /** Notes ref: `reviews` → `refs/notes/reviews`; default `refs/notes/commits`. */
  ref?: string;
  /** The write fails with a `RefUpdateError` (`precondition_failed`) unless the ref is here. */
  expectedRefSha?: string;
  author?: CommitSignature;
  signal?: AbortSignal;
}

export interface NoteWriteResult {
  sha: string;
  targetRef: string;
  baseCommit?: string;
  newRefSha: string;
  result: { success: boolean; status: string; message?: string };
}

export interface NotesRefInfo {
  cursor: string;
  ref: string;
  sha: string;
}

export interface ListNotesRefsResult {
  refs: NotesRefInfo[];
  nextCursor?: string;
  hasMore: boolean;
  /** The prefix listed, normalised (`reviews/` → `refs/notes/reviews/`). */
  prefix: string;
}

/** One side of a conflicted file; `content` only with `includeContent`, and bounded. */
export interface PreviewMergeBlob {
  oid?: string;
  content?: string;
  truncated: boolean;
  binary: boolean;
}

export interface PreviewMergeConflict {
  path: string;
  /** The file with conflict markers, as a merge would leave it. */
  result: PreviewMergeBlob;
  base: PreviewMergeBlob;
  /** The target branch's side. */
  ours: PreviewMergeBlob;
  /** The source branch's side. */
  theirs: PreviewMergeBlob;
}

export interface PreviewMergeResult {
  status: 'clean' | 'conflicted';
  result: 'merge_commit' | 'fast_forward' | 'no_op';
  sourceBranch: string;
  targetBranch: string;
  sourceTipSha: string;
  targetTipSha: string;
  mergeBaseSha?: string;
  conflictPaths: string[];
  conflicts: PreviewMergeConflict[];
  filteredConflicts: { path: string; reason: string }[];
}

export interface MergeOptions {
  sourceBranch: string;
  targetBranch: string;
  sourceIsEphemeral?: boolean;
  targetIsEphemeral?: boolean;
  /** `merge` always makes a merge commit; `ff_prefer` fast-forwards when it can; `ff_only` must. */
  strategy: 'merge' | 'ff_only' | 'ff_prefer';
  /** One new commit on the target with the source's changes (not with `ff_only`). */
  squash?: boolean;
  /** The target must still be at this commit, else the merge fails with a 409. */
  expectedTargetSha?: string;
  commitMessage?: string;
  author?: CommitSignature;
  committer?: CommitSignature;
  allowUnrelatedHistories?: boolean;
  signal?: AbortSignal;
}

export interface MergeResult {
  result: 'merge_commit' | 'fast_forward' | 'no_op' | 'squash' | 'unknown';
  commitSha: string;
  treeSha: string;
  source: { branch: string; ephemeral: boolean; sha: string };
  target: { branch: string; ephemeral: boolean; oldSha: string; newSha: string };
  mergeBaseSha?: string;
  /** Commits of the source the target did not have. */
  promotedCommits: number;
}

export interface ArchiveOptions {
  /** Branch, tag or commit; default: the default branch. */
  ref?: string;
  includeGlobs?: string[];
  excludeGlobs?: string[];
  /** Files larger than this many bytes are left out. */
  maxBlobSize?: number;
  /** A folder every entry is placed in, e.g. `project-v1`. */
  archivePrefix?: string;
  signal?: AbortSignal;
}

/** A fork of a repository of the same organisation. */
export interface ForkBaseRepo {
  id: string;
  /** Fork at this branch or tag only. */
  ref?: string;
  /** Fork at this commit only (wins over `ref`). */
  sha?: string;
}

/** A repository kept in sync with one on GitHub (default) or another git host. */
export interface SyncBaseRepo {
  owner: string;
  name: string;
  provider?: 'github' | 'gitlab' | 'bitbucket' | 'gitea' | 'forgejo' | 'codeberg' | 'sr.ht';
  defaultBranch?: string;
  /** Bare host name of a self-hosted instance. */
  upstreamHost?: string;
  auth?: { authType: 'public' };
}

export interface GitCredential {
  id: string;
  createdAt?: string;
}
