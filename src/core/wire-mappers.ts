/** Turns snake_case wire bodies into the public camelCase results. */
import { RefUpdateError } from './errors.js';
import type { CommitInfo, DiffFileState, DiffStats, FileDiff, FilteredFile } from './types.js';
import type {
  WireCommitAck,
  WireCommitInfo,
  WireDiffFile,
  WireFilteredFile,
} from './wire-types.js';

export function optionalCursor(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** The cursor fields of a paginated answer (`nextCursor` only when there is one). */
export function pageInfo(raw: { next_cursor?: string | null; has_more?: boolean }): {
  nextCursor?: string;
  hasMore: boolean;
} {
  const cursor = optionalCursor(raw.next_cursor);
  return { ...(cursor ? { nextCursor: cursor } : {}), hasMore: raw.has_more ?? false };
}

export function commitInfo(raw: WireCommitInfo): CommitInfo {
  const info: CommitInfo = {
    sha: raw.sha,
    parentShas: raw.parent_shas ?? [],
    message: raw.message,
    authorName: raw.author_name,
    authorEmail: raw.author_email,
    committerName: raw.committer_name,
    committerEmail: raw.committer_email,
    date: new Date(raw.date),
    rawDate: raw.date,
  };
  if (raw.signature && raw.payload) {
    info.signature = raw.signature;
    info.payload = raw.payload;
  }
  return info;
}

const STATES: Record<string, DiffFileState> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type_changed',
  U: 'unmerged',
};

function filteredFile(raw: WireFilteredFile): FilteredFile {
  const file: FilteredFile = {
    path: raw.path,
    state: STATES[raw.state.charAt(0).toUpperCase()] ?? 'unknown',
    rawState: raw.state,
    bytes: raw.bytes,
    isEof: raw.is_eof,
  };
  if (raw.old_path) file.oldPath = raw.old_path;
  return file;
}

export function diffParts(raw: {
  stats: DiffStats;
  files: WireDiffFile[];
  filtered_files: WireFilteredFile[];
}): { stats: DiffStats; files: FileDiff[]; filteredFiles: FilteredFile[] } {
  return {
    stats: raw.stats,
    files: raw.files.map((f) => ({
      ...filteredFile(f),
      raw: f.raw,
      additions: f.additions ?? 0,
      deletions: f.deletions ?? 0,
    })),
    filteredFiles: raw.filtered_files.map(filteredFile),
  };
}

export function commitResult(ack: WireCommitAck) {
  return {
    commitSha: ack.commit.commit_sha,
    treeSha: ack.commit.tree_sha,
    targetBranch: ack.commit.target_branch,
    packBytes: ack.commit.pack_bytes,
    blobCount: ack.commit.blob_count,
    refUpdate: {
      branch: ack.result.branch,
      oldSha: ack.result.old_sha,
      newSha: ack.result.new_sha,
    },
  };
}

/** The `result` of a ref-moving write, as far as a failed answer carries it. */
export interface WireRefResultPart {
  branch?: string;
  old_sha?: string;
  new_sha?: string;
  success?: boolean;
  status?: string;
  message?: string;
}

const STATUS_BY_HTTP: Record<number, string> = {
  400: 'invalid',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  412: 'precondition_failed',
  422: 'invalid',
  429: 'unavailable',
  500: 'internal',
  502: 'unavailable',
  503: 'unavailable',
  504: 'timeout',
};

/**
 * The RefUpdateError for a failed commit, restore or diff-commit: the server's status label when
 * it sent one, else one derived from the HTTP status; the server's message, else `fallback`.
 */
export function refUpdateFailure(
  httpStatus: number,
  result: WireRefResultPart | undefined,
  serverMessage: string | undefined,
  fallback: string,
): RefUpdateError {
  const refUpdate: { branch?: string; oldSha?: string; newSha?: string } = {};
  if (result?.branch) refUpdate.branch = result.branch;
  if (result?.old_sha) refUpdate.oldSha = result.old_sha;
  if (result?.new_sha) refUpdate.newSha = result.new_sha;
  return new RefUpdateError(result?.message ?? serverMessage ?? fallback, {
    label: result?.status?.trim() || STATUS_BY_HTTP[httpStatus] || 'failed',
    ...(httpStatus > 0 ? { status: httpStatus } : {}),
    refUpdate,
  });
}

/** `{ fileFilters: { includeGlobs } }` → `{ file_filters: { include_globs } }`; undefined dropped. */
export function snakeKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(v)]),
  );
}
