/** File routes (PROTOCOL.md §7.3): read (GET/HEAD with ranges and validators), list, list with metadata. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathProblem } from '../../core/paths.js';
import type {
  WireListFilesResponse,
  WireListFilesWithMetadataResponse,
} from '../../core/wire-types.js';
import { inNamespace, queryBool, queryLimit, type RepoContext } from '../context.js';
import type { TreeEntry } from '../git-repo.js';
import { fail } from '../http-error.js';

/** The commit a read addresses: `ref` (branch, tag, SHA) or the repository's default branch. */
export async function resolveReadRef(ctx: RepoContext): Promise<{ ref: string; commit: string }> {
  // `ephemeral_base` is accepted and has no effect on a read (PROTOCOL.md §14).
  queryBool(ctx.url, 'ephemeral_base');
  const git = inNamespace(ctx, queryBool(ctx.url, 'ephemeral'));
  const ref = ctx.url.searchParams.get('ref')?.trim() || ctx.meta.defaultBranch;
  const commit = await git.resolveCommit(ref);
  if (!commit) {
    if (await git.isEmpty()) fail(404, `repository "${ctx.meta.id}" is empty: commit a file first`);
    fail(404, `ref "${ref}" not found`);
  }
  return { ref, commit };
}

function queryPath(ctx: RepoContext, required: boolean): string {
  const raw = ctx.url.searchParams.get('path') ?? '';
  const path = required ? raw : raw.replace(/^\/+|\/+$/g, '');
  if (!required && path === '') return '';
  const problem = pathProblem(path);
  if (problem) fail(400, `path: ${problem}`);
  return path;
}

/** Parses a single `bytes=` range against `size`; null = ignore the header, 'unsatisfiable' = 416. */
function parseRange(
  header: string,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null; // Multiple or malformed ranges: serve the whole file (RFC 9110 allows it).
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function etagMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

/** GET and HEAD repos/file */
export async function readFile(ctx: RepoContext): Promise<void> {
  const path = queryPath(ctx, true);
  const { commit } = await resolveReadRef(ctx);
  const info = await ctx.git.objectInfo(`${commit}:${path}`);
  if (info?.type !== 'blob') fail(404, `file "${path}" not found at that ref`);
  const [last] = await ctx.git.log(commit, { limit: 1, path });
  const etag = `"${info.sha}"`;
  const lastModified = last ? new Date(last.date) : undefined;
  const headers: Record<string, string | number> = {
    ETag: etag,
    'Accept-Ranges': 'bytes',
    'Content-Type': 'application/octet-stream',
    // Repository content is data: never let a browser sniff it into HTML or script.
    'X-Content-Type-Options': 'nosniff',
    'X-Blob-Sha': info.sha,
    'X-Last-Commit-Sha': last?.sha ?? '',
    'Cache-Control': 'private, no-cache',
  };
  if (lastModified) headers['Last-Modified'] = lastModified.toUTCString();
  const h = ctx.req.headers;
  const modifiedAfter = (value: string | undefined): boolean => {
    const since = value ? Date.parse(value) : Number.NaN;
    return (
      !lastModified ||
      Number.isNaN(since) ||
      Math.floor(lastModified.getTime() / 1000) > since / 1000
    );
  };
  if (h['if-match'] && !etagMatches(h['if-match'], etag))
    fail(412, 'If-Match: the file has changed');
  if (!h['if-match'] && h['if-unmodified-since'] && modifiedAfter(h['if-unmodified-since'])) {
    fail(412, 'If-Unmodified-Since: the file has changed');
  }
  const notModified = h['if-none-match']
    ? etagMatches(h['if-none-match'], etag)
    : h['if-modified-since'] !== undefined && !modifiedAfter(h['if-modified-since']);
  if (notModified) {
    ctx.res.writeHead(304, headers);
    ctx.res.end();
    return;
  }
  let range: ReturnType<typeof parseRange> = null;
  const ifRange = h['if-range'];
  if (h.range && (!ifRange || ifRange === etag)) range = parseRange(h.range, info.size);
  if (range === 'unsatisfiable') {
    ctx.res.writeHead(416, {
      ...headers,
      'Content-Range': `bytes */${info.size}`,
      'Content-Length': 0,
    });
    ctx.res.end();
    return;
  }
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${info.size}`;
    headers['Content-Length'] = range.end - range.start + 1;
  } else {
    headers['Content-Length'] = info.size;
  }
  ctx.res.writeHead(range ? 206 : 200, headers);
  if (ctx.req.method === 'HEAD' || info.size === 0) {
    ctx.res.end();
    return;
  }
  await pipeline(
    Readable.from(
      range ? ctx.git.blobBytes(info.sha, range.start, range.end) : ctx.git.blobBytes(info.sha),
    ),
    ctx.res,
  );
}

function page<T extends { path: string }>(
  ctx: RepoContext,
  items: T[],
  defaultLimit: number,
  max: number,
) {
  const params = ctx.url.searchParams;
  const paginated = params.has('cursor') || params.has('limit');
  if (!paginated) return { items, next_cursor: null, has_more: false, paginated };
  const cursor = params.get('cursor') ?? '';
  const limit = queryLimit(ctx.url, defaultLimit, max);
  // Listings are sorted by path (see GitRepo.listTree): the page starts after the cursor's place,
  // found by binary search rather than by filtering a 100,000-entry listing on every page.
  let from = 0;
  if (cursor) {
    let hi = items.length;
    while (from < hi) {
      const mid = (from + hi) >>> 1;
      if ((items[mid] as T).path <= cursor) from = mid + 1;
      else hi = mid;
    }
  }
  const slice = items.slice(from, from + limit);
  const hasMore = items.length - from > limit;
  return {
    items: slice,
    next_cursor: hasMore ? (slice.at(-1)?.path ?? null) : null,
    has_more: hasMore,
    paginated,
  };
}

/**
 * The entries under `path` (a folder), or the file `path` names as the one entry (as Code Storage
 * lists it; clients ask for a file's own metadata this way). A path that is neither is 404.
 */
async function listUnder(ctx: RepoContext, commit: string, path: string, recursive: boolean) {
  if (path) {
    const info = await ctx.git.objectInfo(`${commit}:${path}`);
    if (!info) fail(404, `"${path}" not found at that ref`);
    if (info.type !== 'tree') {
      const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      const siblings = await ctx.git.listTree(commit, folder, { recursive: false });
      return siblings.filter((entry) => entry.path === path);
    }
  }
  return ctx.git.listTree(commit, path, { recursive });
}

const isFile = (e: TreeEntry) => e.type === 'blob' || e.type === 'symlink';

/** GET repos/files */
export async function listFiles(ctx: RepoContext) {
  const path = queryPath(ctx, false);
  const recursive = queryBool(ctx.url, 'recursive') ?? true;
  const { ref, commit } = await resolveReadRef(ctx);
  const entries = await listUnder(ctx, commit, path, recursive);
  const p = page(ctx, entries, 1000, 5000);
  return {
    paths: p.items.filter(isFile).map((e) => e.path),
    entries: p.items.map(({ path: entryPath, type, mode }) => ({ path: entryPath, type, mode })),
    ref,
    next_cursor: p.next_cursor,
    has_more: p.has_more,
  } satisfies WireListFilesResponse;
}

/**
 * GET repos/files/metadata — sizes and last commits are looked up for the page only: listing a
 * 100,000-file tree with sizes would read every blob's header.
 */
export async function listFilesWithMetadata(ctx: RepoContext) {
  const path = queryPath(ctx, false);
  const { ref, commit } = await resolveReadRef(ctx);
  const files = (await listUnder(ctx, commit, path, true)).filter(isFile);
  const p = page(ctx, files, 200, 1000);
  const [sizes, last] = await Promise.all([
    ctx.git.objectInfos(p.items.map((f) => f.sha)),
    ctx.git.lastCommits(
      commit,
      p.items.map((f) => f.path),
    ),
  ]);
  const commits: WireListFilesWithMetadataResponse['commits'] = {};
  for (const [sha, info] of last.bySha) {
    commits[sha] = { author: info.author_name, date: info.date, message: info.message };
  }
  return {
    files: p.items.map((f, i) => ({
      path: f.path,
      mode: f.mode,
      size: sizes[i]?.size ?? 0,
      type: f.type,
      last_commit_sha: last.byPath.get(f.path) ?? '',
    })),
    commits,
    ref,
    next_cursor: p.next_cursor,
    has_more: p.has_more,
  } satisfies WireListFilesWithMetadataResponse;
}
