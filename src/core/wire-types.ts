/**
 * Wire (snake_case) shapes of the Code Storage v1 API, as in shared/PROTOCOL.md. They stay inside
 * core/ and local-server/; the public API hands out the camelCase forms.
 */

/** Largest decoded `blob_chunk` / `diff_chunk` payload (PROTOCOL.md §8.3). */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/** The all-zero object name git uses for "no ref yet". */
export const ZERO_SHA = '0000000000000000000000000000000000000000';

export interface WireSignature {
  name: string;
  email: string;
}

export interface WireCommitFile {
  path: string;
  content_id: string;
  operation?: 'upsert' | 'delete';
  mode?: string;
}

/** Line 1 of commit-pack (§8.2) and, without `files`, of diff-commit (§9). */
export interface WireCommitMetadata {
  target_branch: string;
  commit_message: string;
  author: WireSignature;
  committer?: WireSignature;
  files?: WireCommitFile[];
  expected_head_sha?: string;
  base_branch?: string;
  ephemeral?: boolean;
  ephemeral_base?: boolean;
}

export interface WireBlobChunk {
  content_id: string;
  data: string;
  eof: boolean;
}

export interface WireDiffChunk {
  data: string;
  eof: boolean;
}

export interface WireRefResult {
  branch: string;
  /** The newer name of `branch` (PROTOCOL.md §12.3); the server sends both. */
  target_branch?: string;
  old_sha: string;
  new_sha: string;
  success: boolean;
  status: string;
  message?: string;
}

/** Success acknowledgement of commit-pack and diff-commit (§8.5). */
export interface WireCommitAck {
  commit: {
    commit_sha: string;
    tree_sha: string;
    target_branch: string;
    pack_bytes: number;
    blob_count: number;
  };
  result: WireRefResult;
}

export interface WireCommitInfo {
  sha: string;
  parent_shas: string[];
  message: string;
  author_name: string;
  author_email: string;
  committer_name: string;
  committer_email: string;
  date: string;
  signature?: string;
  payload?: string;
}

export interface WireTreeEntry {
  path: string;
  type: 'blob' | 'tree' | 'symlink' | 'submodule';
  mode: string;
}

export interface WireDiffFile {
  path: string;
  state: string;
  old_path?: string | null;
  raw: string;
  bytes: number;
  is_eof: boolean;
  additions: number;
  deletions: number;
}

export interface WireFilteredFile {
  path: string;
  state: string;
  old_path?: string | null;
  bytes: number;
  is_eof: boolean;
}

export interface WireDiffStats {
  files: number;
  additions: number;
  deletions: number;
  changes: number;
}

/** Scopes a token can carry (§3.3). */
export type Scope = 'git:read' | 'git:write' | 'repo:write' | 'org:read';

/** The cursor fields of every paginated answer. */
export interface WirePage {
  next_cursor?: string | null;
  has_more?: boolean;
}

/** A repository as `GET repo`, `GET repos` and `POST repos` describe it (§7.1). */
export interface WireRepoInfo {
  repo_id: string;
  repo_name?: string;
  url: string;
  default_branch: string;
  created_at: string;
  base_repo?: { provider: string; owner: string; name: string } | null;
}

export interface WireListReposResponse extends WirePage {
  repos: WireRepoInfo[];
}

export interface WireDeleteRepoResponse {
  repo_id: string;
  message: string;
}

/** `GET repos/files` (§7.3). */
export interface WireListFilesResponse extends WirePage {
  paths: string[];
  entries?: WireTreeEntry[];
  ref: string;
}

/** `GET repos/files/metadata` (§7.3). */
export interface WireListFilesWithMetadataResponse extends WirePage {
  files: {
    path: string;
    mode: string;
    size: number;
    last_commit_sha: string;
    type?: WireTreeEntry['type'];
  }[];
  commits: Record<string, { author: string; date: string; message: string }>;
  ref: string;
}

/** `GET repos/branches` (§7.4). */
export interface WireListBranchesResponse extends WirePage {
  branches: { cursor: string; name: string; head_sha: string; created_at: string }[];
}

export interface WireCreateBranchResponse {
  message: string;
  target_branch: string;
  target_is_ephemeral: boolean;
  commit_sha?: string | null;
}

export interface WireDeleteBranchResponse {
  name: string;
  message: string;
  ephemeral?: boolean;
}

/** `GET repos/tags` (§7.5). */
export interface WireListTagsResponse extends WirePage {
  tags: { cursor: string; name: string; sha: string }[];
}

export interface WireCreateTagResponse {
  name: string;
  sha: string;
  message: string;
}

export interface WireDeleteTagResponse {
  name: string;
  message: string;
}

/** `GET repos/blame` (§7.6.3). */
export interface WireBlameLine {
  line_number: number;
  commit_sha: string;
  original_line_number: number;
  original_path: string;
  previous_commit_sha?: string;
  author_name: string;
  author_email: string;
  author_time: string;
  committer_name: string;
  committer_email: string;
  committer_time: string;
  summary: string;
}

export interface WireBlameResponse {
  ref: string;
  path: string;
  commit_sha: string;
  lines: WireBlameLine[];
}

/** `POST repos/grep` (§7.9). */
export interface WireGrepResponse extends WirePage {
  query: { pattern: string; case_sensitive: boolean };
  repo: { ref: string; commit: string };
  matches: { path: string; lines: { line_number: number; text: string; type: string }[] }[];
}

/** `GET repos/notes` (§7.7.1). */
export interface WireNoteResponse {
  sha: string;
  note: string;
  ref_sha: string;
}

/** `POST`/`DELETE repos/notes` (§7.7.2–3). */
export interface WireNoteWriteResponse {
  sha: string;
  target_ref: string;
  /** The newer name of `target_ref` (PROTOCOL.md §12.3). */
  notes_ref?: string;
  base_commit?: string;
  new_ref_sha: string;
  result: { success: boolean; status: string; message?: string };
}

/** `GET repos/notes/refs` (§7.7.4). */
export interface WireNotesRefsResponse extends WirePage {
  refs: { cursor: string; ref: string; sha: string }[];
  prefix: string;
}

/** `GET repos/merge/preview` (§7.11.1). */
export interface WireMergeBlob {
  oid?: string;
  content?: string;
  truncated: boolean;
  binary: boolean;
}

export interface WireMergeConflict {
  path: string;
  result: WireMergeBlob;
  base: WireMergeBlob;
  ours: WireMergeBlob;
  theirs: WireMergeBlob;
}

export interface WireMergePreviewResponse {
  status: 'clean' | 'conflicted';
  result: 'merge_commit' | 'fast_forward' | 'no_op';
  source_branch: string;
  target_branch: string;
  source_tip_sha: string;
  target_tip_sha: string;
  merge_base_sha?: string;
  conflict_paths: string[];
  conflicts: WireMergeConflict[];
  filtered_conflicts: { path: string; reason: string }[];
}

/** `POST repos/merge` (§7.11.2). */
export interface WireMergeResponse {
  result: 'merge_commit' | 'fast_forward' | 'no_op' | 'squash' | 'unknown';
  commit_sha: string;
  tree_sha: string;
  /** `ref` is the newer name of `branch` (PROTOCOL.md §12.3). */
  source: { branch: string; ref?: string; ephemeral: boolean; sha: string };
  target: { branch: string; ephemeral: boolean; old_sha: string; new_sha: string };
  merge_base_sha?: string;
  promoted_commits: number;
}

/** `GET repos/commits` (§7.6). */
export interface WireListCommitsResponse extends WirePage {
  commits: WireCommitInfo[];
}

export interface WireGetCommitResponse {
  commit: WireCommitInfo;
}

interface WireDiffBody {
  stats: WireDiffStats;
  files: WireDiffFile[];
  filtered_files: WireFilteredFile[];
}

/** `GET repos/branches/diff` (§7.8). */
export interface WireBranchDiffResponse extends WireDiffBody {
  branch: string;
  base: string;
  merge_base_sha?: string;
}

/** `GET repos/diff` (§7.8). */
export interface WireCommitDiffResponse extends WireDiffBody {
  sha: string;
  base_sha?: string;
  merge_base_sha?: string;
}
