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
