import {
  CommitBuilder,
  type CreateCommitOptions,
  checkSignature,
  commitMetadata,
} from './commit-builder.js';
import { sendUpload, type UploadTarget } from './commit-upload.js';
import { ApiError, ValidationError } from './errors.js';
import type { HttpClient, QueryValue } from './http.js';
import { paginate } from './pagination.js';
import { branchNameProblem, pathProblem, tagNameProblem } from './paths.js';
import type { UploadTransport } from './transports/types.js';
import type {
  ArchiveOptions,
  BlameLine,
  BlameResult,
  BranchInfo,
  CommitInfo,
  CommitResult,
  CommitSignature,
  CreateBranchResult,
  CreateTagResult,
  DeleteBranchResult,
  DeleteTagResult,
  FileMetadata,
  FileSource,
  GetBranchDiffResult,
  GetCommitDiffResult,
  GetCommitResult,
  GetNoteResult,
  GrepOptions,
  GrepResult,
  ListBranchesResult,
  ListCommitsResult,
  ListFilesResult,
  ListFilesWithMetadataResult,
  ListNotesRefsResult,
  ListTagsResult,
  MergeOptions,
  MergeResult,
  NoteWriteOptions,
  NoteWriteResult,
  PreviewMergeResult,
  RestoreCommitResult,
  SendOptions,
  TagInfo,
  TreeEntry,
} from './types.js';
import {
  commitInfo,
  diffParts,
  pageInfo,
  refUpdateFailure,
  snakeKeys,
  type WireRefResultPart,
} from './wire-mappers.js';
import type {
  Scope,
  WireBlameResponse,
  WireBranchDiffResponse,
  WireCommitDiffResponse,
  WireCreateBranchResponse,
  WireCreateTagResponse,
  WireDeleteBranchResponse,
  WireDeleteTagResponse,
  WireGetCommitResponse,
  WireGrepResponse,
  WireListBranchesResponse,
  WireListCommitsResponse,
  WireListFilesResponse,
  WireListFilesWithMetadataResponse,
  WireListTagsResponse,
  WireMergePreviewResponse,
  WireMergeResponse,
  WireNoteResponse,
  WireNotesRefsResponse,
  WireNoteWriteResponse,
} from './wire-types.js';

/** Conditional and range headers for file reads (the SDK's option names). */
export interface FileRequestHeaders {
  range?: string;
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  ifUnmodifiedSince?: string;
  ifRange?: string;
}

export interface GetFileOptions {
  path: string;
  /** Branch, tag or commit SHA; default: the default branch. */
  ref?: string;
  /** Resolve `ref` among the ephemeral branches. */
  ephemeral?: boolean;
  headers?: FileRequestHeaders;
  signal?: AbortSignal;
}

export interface ListFilesOptions {
  ref?: string;
  ephemeral?: boolean;
  path?: string;
  /** Default true; false lists one directory level. */
  recursive?: boolean;
  cursor?: string;
  limit?: number;
  signal?: AbortSignal;
}

export interface ListCommitsOptions {
  branch?: string;
  ephemeral?: boolean;
  path?: string;
  cursor?: string;
  limit?: number;
  signal?: AbortSignal;
}

export interface CreateCommitFromDiffOptions extends Omit<CreateCommitOptions, never>, SendOptions {
  /** A patch as `git diff --binary` prints it. */
  diff: FileSource;
}

export interface RestoreCommitOptions {
  targetBranch: string;
  targetCommitSha: string;
  commitMessage?: string;
  expectedHeadSha?: string;
  author: CommitSignature;
  committer?: CommitSignature;
  signal?: AbortSignal;
}

const HEADER_NAMES: Record<keyof FileRequestHeaders, string> = {
  range: 'Range',
  ifMatch: 'If-Match',
  ifNoneMatch: 'If-None-Match',
  ifModifiedSince: 'If-Modified-Since',
  ifUnmodifiedSince: 'If-Unmodified-Since',
  ifRange: 'If-Range',
};

const READ: Scope[] = ['git:read'];
const WRITE: Scope[] = ['git:write'];

function checkPath(path: string, field = 'path'): string {
  const problem = pathProblem(path);
  if (problem) throw new ValidationError(field, `${field} ${JSON.stringify(path)}: ${problem}`);
  return path;
}

/** One rule for every branch the client sends: trimmed, `refs/heads/` dropped, then checked. */
function checkBranch(name: string | undefined, field: string): string {
  const branch = name?.trim().replace(/^refs\/heads\//, '') ?? '';
  const problem = branchNameProblem(branch);
  if (problem) throw new ValidationError(field, `${field}: ${problem}`);
  return branch;
}

/** One level of `{ line_number }` → `{ lineNumber }`. */
function camelKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      v,
    ]),
  );
}

/** A required string option, trimmed. */
function required(value: string | undefined, field: string): string {
  const text = value?.trim();
  if (!text) throw new ValidationError(field, `${field} is required`);
  return text;
}

/** Tags: trimmed, `refs/tags/` dropped, then checked like branches. */
function checkTag(name: string | undefined, field: string): string {
  const tag = name?.trim().replace(/^refs\/tags\//, '') ?? '';
  const problem = tagNameProblem(tag);
  if (problem) throw new ValidationError(field, `${field}: ${problem}`);
  return tag;
}

/**
 * One repository. Every method asks the token source for a token scoped to this repository and
 * to what the call needs (`git:read` or `git:write`).
 */
export class Repo {
  constructor(
    private readonly http: HttpClient,
    private readonly transport: UploadTransport,
    private readonly storageBaseUrl: string,
    readonly id: string,
    readonly defaultBranch = 'main',
    readonly createdAt = '',
  ) {}

  private get uploadTarget(): UploadTarget {
    return { http: this.http, transport: this.transport, repoId: this.id };
  }

  private read<T>(
    path: string,
    query: Record<string, QueryValue>,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.http.json<T>({
      method: 'GET',
      path,
      repoId: this.id,
      scopes: READ,
      query,
      signal,
    });
  }

  private write<T>(
    method: 'POST' | 'DELETE',
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.http.json<T>({ method, path, repoId: this.id, scopes: WRITE, body, signal });
  }

  private fileRequest(method: 'GET' | 'HEAD', options: GetFileOptions): Promise<Response> {
    const headers: Record<string, string> = {};
    for (const [key, name] of Object.entries(HEADER_NAMES)) {
      const value = options.headers?.[key as keyof FileRequestHeaders];
      if (value) headers[name] = value;
    }
    return this.http.send({
      method,
      path: 'repos/file',
      repoId: this.id,
      scopes: READ,
      query: { path: checkPath(options.path), ref: options.ref, ephemeral: options.ephemeral },
      headers,
      allow: [304, 412, 416],
      signal: options.signal,
    });
  }

  /** The file's bytes as a streaming `Response` (200, or 206/304/412/416 for ranges and validators). */
  getFileStream(options: GetFileOptions): Promise<Response> {
    return this.fileRequest('GET', options);
  }

  /** The file's metadata (size, blob SHA, ETag, last commit) without its bytes. */
  async headFile(options: GetFileOptions): Promise<FileMetadata> {
    const response = await this.fileRequest('HEAD', options);
    const h = response.headers;
    const meta: FileMetadata = {
      status: response.status,
      blobSha: h.get('x-blob-sha') ?? '',
      lastCommitSha: h.get('x-last-commit-sha') ?? '',
    };
    const length = h.get('content-length');
    if (length !== null && length !== '') meta.size = Number(length);
    const optional = {
      etag: h.get('etag'),
      acceptRanges: h.get('accept-ranges'),
      contentRange: h.get('content-range'),
      contentType: h.get('content-type'),
      rawLastModified: h.get('last-modified'),
    };
    for (const [key, value] of Object.entries(optional)) {
      if (value) (meta as unknown as Record<string, string>)[key] = value;
    }
    if (meta.rawLastModified) meta.lastModified = new Date(meta.rawLastModified);
    return meta;
  }

  /** Files and directories at a ref (the whole tree by default; `recursive: false` for one level). */
  async listFiles(options: ListFilesOptions = {}): Promise<ListFilesResult> {
    const raw = await this.read<WireListFilesResponse>(
      'repos/files',
      {
        ref: options.ref,
        ephemeral: options.ephemeral,
        path: options.path,
        recursive: options.recursive,
        cursor: options.cursor,
        limit: options.limit,
      },
      options.signal,
    );
    return {
      paths: raw.paths,
      ref: raw.ref,
      entries: (raw.entries ?? []).map((e) => ({ path: e.path, type: e.type, mode: e.mode })),
      ...pageInfo(raw),
    };
  }

  /** Every entry under `path`, page by page. */
  iterateFiles(options: Omit<ListFilesOptions, 'cursor'> = {}): AsyncGenerator<TreeEntry> {
    return paginate(
      (cursor) => this.listFiles({ ...options, cursor, limit: options.limit ?? 1000 }),
      (page) => page.entries,
    );
  }

  /** Every file under `path` with its size, mode and the last commit that touched it. */
  async listFilesWithMetadata(
    options: Omit<ListFilesOptions, 'recursive'> = {},
  ): Promise<ListFilesWithMetadataResult> {
    const raw = await this.read<WireListFilesWithMetadataResponse>(
      'repos/files/metadata',
      {
        ref: options.ref,
        ephemeral: options.ephemeral,
        path: options.path,
        cursor: options.cursor,
        limit: options.limit,
      },
      options.signal,
    );
    return {
      files: raw.files.map((f) => ({
        path: f.path,
        mode: f.mode,
        size: f.size,
        lastCommitSha: f.last_commit_sha,
        ...(f.type ? { type: f.type } : {}),
      })),
      commits: Object.fromEntries(
        Object.entries(raw.commits).map(([sha, c]) => [
          sha,
          { author: c.author, date: new Date(c.date), rawDate: c.date, message: c.message },
        ]),
      ),
      ref: raw.ref,
      ...pageInfo(raw),
    };
  }

  /** One page of branches, sorted by name. */
  async listBranches(
    options: { cursor?: string; limit?: number; ephemeral?: boolean; signal?: AbortSignal } = {},
  ): Promise<ListBranchesResult> {
    const raw = await this.read<WireListBranchesResponse>(
      'repos/branches',
      { cursor: options.cursor, limit: options.limit, ephemeral: options.ephemeral },
      options.signal,
    );
    return {
      branches: raw.branches.map((b) => ({
        cursor: b.cursor,
        name: b.name,
        headSha: b.head_sha,
        createdAt: b.created_at,
      })),
      ...pageInfo(raw),
    };
  }

  iterateBranches(
    options: { limit?: number; ephemeral?: boolean } = {},
  ): AsyncGenerator<BranchInfo> {
    return paginate(
      (cursor) =>
        this.listBranches({ cursor, limit: options.limit ?? 100, ephemeral: options.ephemeral }),
      (page) => page.branches,
    );
  }

  /** Creates `targetBranch` at `baseRef` (a branch, `refs/heads/…` name or commit SHA). */
  async createBranch(options: {
    targetBranch: string;
    baseRef?: string;
    /** @deprecated use baseRef */
    baseBranch?: string;
    /** The base is an ephemeral branch (promotion, when the target is not). */
    baseIsEphemeral?: boolean;
    /** Create the branch in the ephemeral namespace. */
    targetIsEphemeral?: boolean;
    signal?: AbortSignal;
  }): Promise<CreateBranchResult> {
    const target = checkBranch(options.targetBranch, 'targetBranch');
    const base = (options.baseRef ?? options.baseBranch)?.trim();
    if (!base)
      throw new ValidationError(
        'baseRef',
        'baseRef is required: the branch or commit to start from',
      );
    const raw = await this.write<WireCreateBranchResponse>(
      'POST',
      'repos/branches/create',
      {
        target_branch: target,
        base_ref: base,
        ...(options.baseIsEphemeral ? { base_is_ephemeral: true } : {}),
        ...(options.targetIsEphemeral ? { target_is_ephemeral: true } : {}),
      },
      options.signal,
    );
    return {
      message: raw.message,
      targetBranch: raw.target_branch,
      targetIsEphemeral: raw.target_is_ephemeral,
      ...(raw.commit_sha ? { commitSha: raw.commit_sha } : {}),
    };
  }

  /** Deletes a branch (never the default branch; an ephemeral one with `ephemeral: true`). */
  async deleteBranch(options: {
    name: string;
    ephemeral?: boolean;
    signal?: AbortSignal;
  }): Promise<DeleteBranchResult> {
    const name = checkBranch(options.name, 'name');
    const raw = await this.write<WireDeleteBranchResponse>(
      'DELETE',
      'repos/branches',
      { name, ephemeral: options.ephemeral },
      options.signal,
    );
    return { name: raw.name, message: raw.message, ephemeral: raw.ephemeral ?? false };
  }

  /** One page of tags, sorted by name; `sha` is the commit each names. */
  async listTags(
    options: { cursor?: string; limit?: number; signal?: AbortSignal } = {},
  ): Promise<ListTagsResult> {
    const raw = await this.read<WireListTagsResponse>(
      'repos/tags',
      { cursor: options.cursor, limit: options.limit },
      options.signal,
    );
    return {
      tags: raw.tags.map((t) => ({ cursor: t.cursor, name: t.name, sha: t.sha })),
      ...pageInfo(raw),
    };
  }

  iterateTags(options: { limit?: number } = {}): AsyncGenerator<TagInfo> {
    return paginate(
      (cursor) => this.listTags({ cursor, limit: options.limit ?? 100 }),
      (page) => page.tags,
    );
  }

  /** Creates a lightweight tag `name` at `target` (a full commit SHA; the local server also takes a branch). */
  async createTag(options: {
    name: string;
    target: string;
    signal?: AbortSignal;
  }): Promise<CreateTagResult> {
    const name = checkTag(options.name, 'name');
    const target = options.target?.trim();
    if (!target) throw new ValidationError('target', 'target is required: the commit to tag');
    const raw = await this.write<WireCreateTagResponse>(
      'POST',
      'repos/tags',
      { name, target },
      options.signal,
    );
    return { name: raw.name, sha: raw.sha, message: raw.message };
  }

  /** Deletes a tag. */
  async deleteTag(options: { name: string; signal?: AbortSignal }): Promise<DeleteTagResult> {
    const name = checkTag(options.name, 'name');
    const raw = await this.write<WireDeleteTagResponse>(
      'DELETE',
      'repos/tags',
      { name },
      options.signal,
    );
    return { name: raw.name, message: raw.message };
  }

  /**
   * Who last changed each line of `path` at `ref` (default branch): `ranges` are `git blame -L`
   * specs (`10,20`, `/start/,+5`, …; at most 16), `detectMoves` follows moved and copied lines.
   */
  async getBlame(options: {
    path: string;
    ref?: string;
    ranges?: string[];
    detectMoves?: boolean;
    ephemeral?: boolean;
    signal?: AbortSignal;
  }): Promise<BlameResult> {
    const path = checkPath(options.path?.trim() ?? '');
    const raw = await this.read<WireBlameResponse>(
      'repos/blame',
      {
        path,
        ref: options.ref?.trim() || undefined,
        range: options.ranges && options.ranges.length > 0 ? options.ranges : undefined,
        detect_moves: options.detectMoves ? 'true' : undefined,
        ephemeral: options.ephemeral ? 'true' : undefined,
      },
      options.signal,
    );
    return {
      ref: raw.ref,
      path: raw.path,
      commitSha: raw.commit_sha,
      lines: raw.lines.map(
        (l) =>
          ({
            ...camelKeys(l),
            authorTime: new Date(l.author_time),
            rawAuthorTime: l.author_time,
            committerTime: new Date(l.committer_time),
            rawCommitterTime: l.committer_time,
          }) as BlameLine,
      ),
    };
  }

  /**
   * Searches the files at `ref` (default branch) for `query.pattern`, a regular expression
   * (extended syntax); `fileFilters` globs, `context` lines, `limits` and `pagination` by file.
   */
  async grep(options: GrepOptions): Promise<GrepResult> {
    const pattern = required(options.query?.pattern, 'query.pattern');
    const paths = options.paths?.map((p, i) => checkPath(p.trim(), `paths[${i}]`));
    const { query, ref, paths: _paths, signal, ...rest } = options;
    const raw = await this.http.json<WireGrepResponse>({
      method: 'POST',
      path: 'repos/grep',
      repoId: this.id,
      scopes: ['git:read'],
      // fileFilters, context, limits and pagination go as they are, with snake_case keys.
      body: snakeKeys({
        ...rest,
        query: { pattern, caseSensitive: query.caseSensitive },
        ref: ref?.trim() || undefined,
        paths: paths?.length ? paths : undefined,
      }),
      signal,
    });
    return {
      query: { pattern: raw.query.pattern, caseSensitive: raw.query.case_sensitive },
      repo: { ref: raw.repo.ref, commit: raw.repo.commit },
      matches: raw.matches.map((m) => ({
        path: m.path,
        lines: m.lines.map((l) => ({ lineNumber: l.line_number, text: l.text, type: l.type })),
      })),
      ...pageInfo(raw),
    };
  }

  /** The note on commit `sha` in `ref` (default `refs/notes/commits`). */
  async getNote(options: {
    sha: string;
    ref?: string;
    signal?: AbortSignal;
  }): Promise<GetNoteResult> {
    const sha = required(options.sha, 'sha');
    const raw = await this.read<WireNoteResponse>(
      'repos/notes',
      { sha, ref: options.ref?.trim() || undefined },
      options.signal,
    );
    return { sha: raw.sha, note: raw.note, refSha: raw.ref_sha };
  }

  /** Adds a note to a commit; fails when it already has one in that ref (append instead). */
  createNote(options: NoteWriteOptions): Promise<NoteWriteResult> {
    return this.writeNote('POST', 'add', options);
  }

  /** Appends to a commit's note (creating it if there is none). */
  appendNote(options: NoteWriteOptions): Promise<NoteWriteResult> {
    return this.writeNote('POST', 'append', options);
  }

  deleteNote(options: Omit<NoteWriteOptions, 'note'>): Promise<NoteWriteResult> {
    return this.writeNote('DELETE', undefined, options);
  }

  private async writeNote(
    method: 'POST' | 'DELETE',
    action: 'add' | 'append' | undefined,
    options: Partial<NoteWriteOptions>,
  ): Promise<NoteWriteResult> {
    const note = action ? required(options.note, 'note') : undefined;
    const body = {
      sha: required(options.sha, 'sha'),
      action,
      note,
      ref: options.ref?.trim() || undefined,
      expected_ref_sha: options.expectedRefSha?.trim() || undefined,
      author: options.author ? checkSignature(options.author, 'author') : undefined,
    };
    const response = await this.http.send({
      method,
      path: 'repos/notes',
      repoId: this.id,
      scopes: WRITE,
      body,
      allow: [409, 412],
      signal: options.signal,
    });
    const raw = (await response.json().catch(() => ({}))) as Partial<WireNoteWriteResponse> & {
      error?: string;
    };
    if (response.ok && raw.result?.success) {
      return {
        sha: raw.sha ?? body.sha,
        targetRef: raw.target_ref ?? '',
        ...(raw.base_commit ? { baseCommit: raw.base_commit } : {}),
        newRefSha: raw.new_ref_sha ?? '',
        result: raw.result,
      };
    }
    if (raw.result) {
      throw refUpdateFailure(
        response.status,
        {
          ...raw.result,
          branch: raw.target_ref,
          old_sha: raw.base_commit,
          new_sha: raw.new_ref_sha,
        },
        raw.error,
        `note ${action ?? 'delete'} failed (${response.status})`,
      );
    }
    throw new ApiError(raw.error ?? `note ${action ?? 'delete'} failed (${response.status})`, {
      status: response.status,
      method,
      url: response.url,
      body: raw,
    });
  }

  /** One page of notes refs under `prefix` (default `refs/notes/`). */
  async listNotesRefs(
    options: { prefix?: string; cursor?: string; limit?: number; signal?: AbortSignal } = {},
  ): Promise<ListNotesRefsResult> {
    const raw = await this.read<WireNotesRefsResponse>(
      'repos/notes/refs',
      { prefix: options.prefix?.trim() || undefined, cursor: options.cursor, limit: options.limit },
      options.signal,
    );
    return { refs: raw.refs, prefix: raw.prefix, ...pageInfo(raw) };
  }

  /** What merging `sourceBranch` into `targetBranch` would do; never moves anything. */
  async previewMerge(options: {
    sourceBranch: string;
    targetBranch: string;
    /** Include (bounded) contents of each conflicted file's sides. */
    includeContent?: boolean;
    signal?: AbortSignal;
  }): Promise<PreviewMergeResult> {
    const raw = await this.read<WireMergePreviewResponse>(
      'repos/merge/preview',
      {
        source_branch: checkBranch(options.sourceBranch, 'sourceBranch'),
        target_branch: checkBranch(options.targetBranch, 'targetBranch'),
        include_content: options.includeContent,
      },
      options.signal,
    );
    const { conflict_paths, filtered_conflicts, conflicts, ...rest } = raw;
    return {
      ...(camelKeys(rest) as Omit<
        PreviewMergeResult,
        'conflictPaths' | 'conflicts' | 'filteredConflicts'
      >),
      conflictPaths: conflict_paths ?? [],
      conflicts: conflicts ?? [],
      filteredConflicts: filtered_conflicts ?? [],
    };
  }

  /**
   * Merges `sourceBranch` into `targetBranch`. Conflicts fail with an `ApiError` (409) whose
   * `body.conflict_paths` lists the files; preview first to show them.
   */
  async merge(options: MergeOptions): Promise<MergeResult> {
    const { signal, author, committer, ...rest } = options;
    if (!['merge', 'ff_only', 'ff_prefer'].includes(options.strategy)) {
      throw new ValidationError('strategy', 'strategy must be "merge", "ff_only" or "ff_prefer"');
    }
    if (options.squash && options.strategy === 'ff_only') {
      throw new ValidationError('squash', 'squash cannot be combined with the ff_only strategy');
    }
    const raw = await this.write<WireMergeResponse>(
      'POST',
      'repos/merge',
      snakeKeys({
        ...rest,
        sourceBranch: checkBranch(options.sourceBranch, 'sourceBranch'),
        targetBranch: checkBranch(options.targetBranch, 'targetBranch'),
        expectedTargetSha: options.expectedTargetSha?.trim() || undefined,
        commitMessage: options.commitMessage?.trim() || undefined,
        author: author ? checkSignature(author, 'author') : undefined,
        committer: committer ? checkSignature(committer, 'committer') : undefined,
      }),
      signal,
    );
    const { branch, ephemeral, sha } = raw.source;
    return {
      ...(camelKeys(raw) as Omit<MergeResult, 'target' | 'source'>),
      source: { branch, ephemeral, sha },
      target: camelKeys(raw.target) as MergeResult['target'],
    };
  }

  /** A gzip'd tar of `ref` as a streaming `Response` (`await response.body` to read it). */
  getArchiveStream(options: ArchiveOptions = {}): Promise<Response> {
    const { signal, archivePrefix, ref, ...filters } = options;
    const body = snakeKeys({
      ...filters,
      ref: ref?.trim() || undefined,
      archive: archivePrefix?.trim() ? { prefix: archivePrefix.trim() } : undefined,
    }) as Record<string, unknown>;
    return this.http.send({
      method: 'POST',
      path: 'repos/archive',
      repoId: this.id,
      scopes: READ,
      ...(Object.keys(body).length > 0 ? { body } : {}),
      signal,
    });
  }

  /**
   * Brings the upstream's new commits into this repository (a fork or a synced repository);
   * `ref` limits it to one branch. Code Storage syncs asynchronously: the call returns once the
   * sync is accepted.
   */
  async pullUpstream(options: { ref?: string; signal?: AbortSignal } = {}): Promise<void> {
    const ref = options.ref?.trim();
    const response = await this.http.send({
      method: 'POST',
      path: 'repos/pull-upstream',
      repoId: this.id,
      scopes: WRITE,
      body: ref ? { ref } : {},
      signal: options.signal,
    });
    await response.body?.cancel();
    if (response.status !== 202) {
      throw new ApiError(`pullUpstream: expected 202 Accepted, got ${response.status}`, {
        status: response.status,
        method: 'POST',
        url: response.url,
      });
    }
  }

  /** One page of a branch's history, newest first; `path` keeps only commits touching it. */
  async listCommits(options: ListCommitsOptions = {}): Promise<ListCommitsResult> {
    const raw = await this.read<WireListCommitsResponse>(
      'repos/commits',
      {
        branch: options.branch,
        ephemeral: options.ephemeral,
        path: options.path,
        cursor: options.cursor,
        limit: options.limit,
      },
      options.signal,
    );
    return {
      commits: raw.commits.map(commitInfo),
      ...pageInfo(raw),
    };
  }

  /** Every commit of a branch (newest first), page by page: `for await (const c of repo.iterateCommits())`. */
  iterateCommits(options: Omit<ListCommitsOptions, 'cursor'> = {}): AsyncGenerator<CommitInfo> {
    return paginate(
      (cursor) => this.listCommits({ ...options, cursor, limit: options.limit ?? 100 }),
      (page) => page.commits,
    );
  }

  /** One commit, by SHA (full or short), branch, tag or revision (`main~1`). */
  async getCommit(options: { sha: string; signal?: AbortSignal }): Promise<GetCommitResult> {
    const sha = required(options.sha, 'sha');
    const raw = await this.read<WireGetCommitResponse>('repos/commit', { sha }, options.signal);
    return { commit: commitInfo(raw.commit) };
  }

  /** What `branch` changed since it left `base` (default: the default branch): a three-dot diff. */
  async getBranchDiff(options: {
    branch: string;
    base?: string;
    /** `branch` is an ephemeral branch. */
    ephemeral?: boolean;
    /** `base` is an ephemeral branch. */
    ephemeralBase?: boolean;
    paths?: string[];
    signal?: AbortSignal;
  }): Promise<GetBranchDiffResult> {
    const branch = required(options.branch, 'branch');
    const raw = await this.read<WireBranchDiffResponse>(
      'repos/branches/diff',
      {
        branch,
        base: options.base,
        ephemeral: options.ephemeral,
        ephemeral_base: options.ephemeralBase,
        path: options.paths?.map((p) => checkPath(p)),
      },
      options.signal,
    );
    return {
      branch: raw.branch,
      base: raw.base,
      ...(raw.merge_base_sha ? { mergeBaseSha: raw.merge_base_sha } : {}),
      ...diffParts(raw),
    };
  }

  /** What a commit changed against its first parent, or against `baseSha`. */
  async getCommitDiff(options: {
    sha: string;
    baseSha?: string;
    gitApplyCompatible?: boolean;
    paths?: string[];
    signal?: AbortSignal;
  }): Promise<GetCommitDiffResult> {
    const sha = required(options.sha, 'sha');
    const raw = await this.read<WireCommitDiffResponse>(
      'repos/diff',
      {
        sha,
        baseSha: options.baseSha,
        gitApplyCompatible: options.gitApplyCompatible,
        path: options.paths?.map((p) => checkPath(p)),
      },
      options.signal,
    );
    return {
      sha: raw.sha,
      ...(raw.base_sha !== undefined ? { baseSha: raw.base_sha } : {}),
      ...(raw.merge_base_sha !== undefined ? { mergeBaseSha: raw.merge_base_sha } : {}),
      ...diffParts(raw),
    };
  }

  /** Starts a commit: add files, delete paths, then `send()`. */
  createCommit(options: CreateCommitOptions): CommitBuilder {
    return new CommitBuilder(this.uploadTarget, options);
  }

  /** Commits a patch (as `git diff --binary` prints it), applied to the branch tip by the server. */
  createCommitFromDiff(options: CreateCommitFromDiffOptions): Promise<CommitResult> {
    const metadata = commitMetadata(options);
    return sendUpload(
      this.uploadTarget,
      'repos/diff-commit',
      metadata,
      'diff_chunk',
      [{ path: '(diff)', source: options.diff, size: undefined }],
      options,
    );
  }

  /** A new commit on `targetBranch` whose tree is that of `targetCommitSha` (history is kept). */
  async restoreCommit(options: RestoreCommitOptions): Promise<RestoreCommitResult> {
    const branch = checkBranch(options.targetBranch, 'targetBranch');
    const sha = required(options.targetCommitSha, 'targetCommitSha');
    const metadata: Record<string, unknown> = {
      target_branch: branch,
      target_commit_sha: sha,
      author: checkSignature(options.author, 'author'),
    };
    if (options.commitMessage?.trim()) metadata.commit_message = options.commitMessage.trim();
    if (options.expectedHeadSha?.trim())
      metadata.expected_head_sha = options.expectedHeadSha.trim();
    if (options.committer) metadata.committer = checkSignature(options.committer, 'committer');
    const response = await this.http.send({
      method: 'POST',
      path: 'repos/restore-commit',
      repoId: this.id,
      scopes: WRITE,
      body: { metadata },
      allow: [400, 404, 408, 409, 412, 422, 429, 499, 500, 502, 503, 504],
      signal: options.signal,
    });
    const raw = (await response.json().catch(() => ({}))) as {
      commit?: { commit_sha: string; tree_sha: string; target_branch: string; pack_bytes: number };
      result?: WireRefResultPart;
      error?: string;
    };
    if (response.ok && raw.commit && raw.result?.success) {
      return {
        commitSha: raw.commit.commit_sha,
        treeSha: raw.commit.tree_sha,
        targetBranch: raw.commit.target_branch,
        packBytes: raw.commit.pack_bytes,
        refUpdate: {
          branch: raw.result.branch ?? branch,
          oldSha: raw.result.old_sha ?? '',
          newSha: raw.result.new_sha ?? '',
        },
      };
    }
    throw refUpdateFailure(
      response.status,
      raw.result,
      raw.error,
      `restoreCommit failed (${response.status})`,
    );
  }

  /**
   * A git remote URL with a token as the password (`git clone`, `git push`). The token is a
   * credential: keep the URL out of logs.
   */
  async getRemoteURL(options: { permissions?: Scope[] } = {}): Promise<string> {
    const scopes = options.permissions ?? ['git:write', 'git:read'];
    const token = await this.http.tokens.get(this.id, scopes);
    const base = /^https?:\/\//.test(this.storageBaseUrl)
      ? this.storageBaseUrl
      : `https://${this.storageBaseUrl}`;
    const url = new URL(`${base.replace(/\/+$/, '')}/${this.id}.git`);
    url.username = 't';
    url.password = token;
    return url.toString();
  }

  /** The remote of the ephemeral branches (`REPO+ephemeral.git`): they appear as its branches. */
  async getEphemeralRemoteURL(options: { permissions?: Scope[] } = {}): Promise<string> {
    return (await this.getRemoteURL(options)).replace(/\.git$/, '+ephemeral.git');
  }
}
