/**
 * Read operations on one bare repository, each a single git plumbing call (or a few) whose
 * machine-readable output is parsed here.
 */
import { branchNameProblem, isFullSha } from '../core/paths.js';
import { type WireCommitInfo, type WireTreeEntry, ZERO_SHA } from '../core/wire-types.js';
import { gitText, runGit, spawnGit, splitZ } from './git.js';
import { deleteRef, updateRef } from './git-write.js';

export interface ObjectInfo {
  sha: string;
  type: 'blob' | 'tree' | 'commit' | 'tag';
  size: number;
}

export interface TreeEntry extends WireTreeEntry {
  sha: string;
}

/** Git namespace of the ephemeral branches (PROTOCOL.md §11). */
export const EPHEMERAL_PREFIX = 'refs/namespaces/ephemeral/';

export const EMPTY_TREE_SHA = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

const COMMIT_FORMAT = ['%H', '%P', '%an', '%ae', '%cn', '%ce', '%aI', '%B'].join('%x00');

function entryType(mode: string, gitType: string): WireTreeEntry['type'] {
  if (gitType === 'tree') return 'tree';
  if (gitType === 'commit') return 'submodule';
  return mode === '120000' ? 'symlink' : 'blob';
}

function parseCommitRecord(record: string): WireCommitInfo {
  const [sha = '', parents = '', an = '', ae = '', cn = '', ce = '', date = '', ...rest] =
    record.split('\0');
  return {
    sha,
    parent_shas: parents ? parents.split(' ') : [],
    message: rest.join('\0').replace(/\n+$/, ''),
    author_name: an,
    author_email: ae,
    committer_name: cn,
    committer_email: ce,
    date,
  };
}

/** A revision string safe to hand to git on one input line (no options, no newlines). */
function isSafeRevision(rev: string): boolean {
  return rev.length > 0 && rev.length < 1024 && !rev.startsWith('-') && !/[\x00-\x1f]/.test(rev);
}

/** Path order of every listing (and of its cursors): plain string order. */
export function comparePaths(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Recursive listings of at least this many entries are kept for the pages that follow. */
const CACHE_LISTINGS_FROM = 2000;
/** At most this many entries are kept across all listings (~15 MB per 100,000). */
const MAX_CACHED_ENTRIES = 400_000;
const listingCache = new Map<string, TreeEntry[]>();
let cachedEntries = 0;

function rememberListing(key: string, entries: TreeEntry[]): void {
  if (entries.length > MAX_CACHED_ENTRIES) return;
  listingCache.set(key, entries);
  cachedEntries += entries.length;
  for (const [oldKey, old] of listingCache) {
    if (cachedEntries <= MAX_CACHED_ENTRIES) break;
    listingCache.delete(oldKey);
    cachedEntries -= old.length;
  }
}

/**
 * A revision in the shapes requests may use: `HEAD`, a ref name (`main`, `refs/tags/v1`) or a
 * (partial) hex SHA, followed by any number of `~N` / `^N` steps.
 */
function isRequestRevision(rev: string): boolean {
  const match = /^(.+?)((?:[~^]\d{0,6})*)$/.exec(rev);
  const name = match?.[1] ?? '';
  if (name === 'HEAD' || /^[0-9a-f]{4,64}$/i.test(name)) return true;
  return branchNameProblem(name.startsWith('refs/') ? name.slice('refs/'.length) : name) === null;
}

export class GitRepo {
  /**
   * @param onRefChange told of every ref this object moves (`before`/`after` all zeros when the
   *   ref is created/deleted): the server's webhooks.
   */
  constructor(
    readonly gitDir: string,
    private readonly onRefChange?: (ref: string, before: string, after: string) => void,
    /** Where this view's branches live: '' (normal) or {@link EPHEMERAL_PREFIX}. */
    readonly refPrefix = '',
  ) {}

  /**
   * The same repository seen through its ephemeral namespace: branches are kept under
   * `refs/namespaces/ephemeral/refs/heads/` (git's own namespaces, so the `REPO+ephemeral.git`
   * remote is upload-pack/receive-pack with GIT_NAMESPACE, and gc sees every ref). Objects and
   * tags are shared.
   */
  ephemeral(): GitRepo {
    return new GitRepo(this.gitDir, this.onRefChange, EPHEMERAL_PREFIX);
  }

  /** The same repository seen through its normal namespace. */
  normal(): GitRepo {
    return this.isEphemeral ? new GitRepo(this.gitDir, this.onRefChange) : this;
  }

  get isEphemeral(): boolean {
    return this.refPrefix !== '';
  }

  /** The full ref of branch `name` in this view's namespace. */
  branchRef(name: string): string {
    return `${this.refPrefix}refs/heads/${name}`;
  }

  /** Moves `ref` from `oldSha` (zeros: must not exist) to `newSha`; false when it was elsewhere. */
  async updateRef(ref: string, newSha: string, oldSha: string, reason: string): Promise<boolean> {
    const moved = await updateRef(this.gitDir, ref, newSha, oldSha, reason);
    if (moved) this.onRefChange?.(ref, oldSha, newSha);
    return moved;
  }

  /** Deletes `ref` if it still points at `oldSha`. */
  async deleteRef(ref: string, oldSha: string): Promise<boolean> {
    const deleted = await deleteRef(this.gitDir, ref, oldSha);
    if (deleted) this.onRefChange?.(ref, oldSha, ZERO_SHA);
    return deleted;
  }

  /** Looks up several object specs (`<rev>`, `<rev>:<path>`, `<rev>^{commit}`) in one git call. */
  async objectInfos(specs: readonly string[]): Promise<(ObjectInfo | null)[]> {
    if (specs.length === 0) return [];
    if (!specs.every(isSafeRevision)) {
      return specs.map(() => null);
    }
    const out = await gitText(this.gitDir, ['cat-file', '--batch-check'], {
      input: `${specs.join('\n')}\n`,
    });
    return out.split('\n').map((line) => {
      const [sha, type, size] = line.split(' ');
      if (!sha || !type || size === undefined || type === 'missing' || line.endsWith(' missing')) {
        return null;
      }
      return { sha, type: type as ObjectInfo['type'], size: Number(size) };
    });
  }

  async objectInfo(spec: string): Promise<ObjectInfo | null> {
    const [info] = await this.objectInfos([spec]);
    return info ?? null;
  }

  /** The tip of a branch, or null when the branch does not exist. */
  async branchSha(branch: string): Promise<string | null> {
    const info = await this.objectInfo(`${this.branchRef(branch)}^{commit}`);
    return info?.sha ?? null;
  }

  /**
   * Resolves what a request names as a revision to a commit: a full SHA is always the commit it
   * names; otherwise a branch, then a tag, then anything else git resolves to a commit (an
   * abbreviated SHA, `HEAD`, `main~1`, `main^2`). Only those shapes are handed to git: a revision
   * such as `HEAD:../` or `@{upstream}` would make git fail instead of answer, and is "not found".
   */
  async resolveCommit(ref: string): Promise<string | null> {
    if (isFullSha(ref)) return (await this.objectInfo(`${ref}^{commit}`))?.sha ?? null;
    if (!isRequestRevision(ref)) return null;
    // Peeling with ^{commit} means no revision can name a blob or a tree here.
    const candidates = ref.startsWith('refs/')
      ? [ref]
      : [this.branchRef(ref), `refs/tags/${ref}`, ref];
    const infos = await this.objectInfos(candidates.map((c) => `${c}^{commit}`));
    return infos.find((i) => i !== null)?.sha ?? null;
  }

  /** The commit a full SHA names, or null when there is no such commit. */
  async commitExists(sha: string): Promise<boolean> {
    return isFullSha(sha) && (await this.resolveCommit(sha)) !== null;
  }

  /** True when this namespace has no branches or tags (nothing committed yet). */
  async isEmpty(): Promise<boolean> {
    const out = await gitText(this.gitDir, [
      'for-each-ref',
      '--count=1',
      '--format=%(refname)',
      `${this.refPrefix}refs/heads/`,
      `${this.refPrefix}refs/tags/`,
    ]);
    return out === '';
  }

  /**
   * Lists a tree. `path` = '' means the root. Recursive listings include directories (as `tree`
   * entries) as well as files. Paths come back sorted by {@link comparePaths}. Big recursive
   * listings are kept (by tree SHA, so never stale) for the pages that follow the first.
   */
  async listTree(
    commit: string,
    path: string,
    options: { recursive: boolean },
  ): Promise<TreeEntry[]> {
    const treeish = path ? `${commit}:${path}` : `${commit}^{tree}`;
    const tree = options.recursive ? await this.objectInfo(treeish) : null;
    const key = tree ? `${this.gitDir}\0${tree.sha}\0${path}` : '';
    const cached = key ? listingCache.get(key) : undefined;
    if (cached) {
      listingCache.delete(key); // most recently used goes last
      listingCache.set(key, cached);
      return cached;
    }
    const entries = await this.readTree(tree?.sha ?? treeish, path, options.recursive);
    if (key && entries.length >= CACHE_LISTINGS_FROM) rememberListing(key, entries);
    return entries;
  }

  private async readTree(treeish: string, path: string, recursive: boolean): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-z', ...(recursive ? ['-r', '-t'] : [])];
    const out = await gitText(this.gitDir, [...args, '--end-of-options', treeish]);
    const prefix = path ? `${path}/` : '';
    const entries: TreeEntry[] = [];
    // "<mode> SP <type> SP <sha> TAB <path> NUL", parsed by position: a 100,000-file tree is
    // 100,000 records, and splitting each one costs more than git takes to list them.
    for (let at = 0; at < out.length; ) {
      let end = out.indexOf('\0', at);
      if (end < 0) end = out.length;
      const space1 = out.indexOf(' ', at);
      const space2 = out.indexOf(' ', space1 + 1);
      const tab = out.indexOf('\t', space2 + 1);
      const mode = out.slice(at, space1);
      entries.push({
        path: prefix + out.slice(tab + 1, end),
        type: entryType(mode, out.slice(space1 + 1, space2)),
        mode,
        sha: out.slice(space2 + 1, tab),
      });
      at = end + 1;
    }
    // git lists in byte order; sort only where UTF-16 order differs (rare non-BMP names).
    for (let i = 1; i < entries.length; i++) {
      if (comparePaths(entries[i - 1] as TreeEntry, entries[i] as TreeEntry) > 0) {
        return entries.sort(comparePaths);
      }
    }
    return entries;
  }

  /** Commits reachable from `tip`, newest first, optionally only those touching `path`. */
  async log(
    tip: string,
    options: { skip?: number; limit: number; path?: string },
  ): Promise<WireCommitInfo[]> {
    const args = [
      'log',
      `--format=%x1e${COMMIT_FORMAT}`,
      `--skip=${options.skip ?? 0}`,
      `--max-count=${options.limit}`,
      '--end-of-options',
      tip,
    ];
    if (options.path) args.push('--', options.path);
    const out = await gitText(this.gitDir, args);
    return out
      .split('\x1e')
      .filter((r) => r.length > 0)
      .map(parseCommitRecord);
  }

  /** One commit with its signature (if signed) and the exact signed payload. */
  async commit(sha: string): Promise<WireCommitInfo> {
    const [meta, raw] = await Promise.all([
      gitText(this.gitDir, ['show', '-s', `--format=${COMMIT_FORMAT}`, '--end-of-options', sha]),
      runGit(this.gitDir, ['cat-file', 'commit', sha]),
    ]);
    const info = parseCommitRecord(meta);
    const signed = extractSignature(raw.stdout.toString('utf8'));
    if (signed) {
      info.signature = signed.signature;
      info.payload = signed.payload;
    }
    return info;
  }

  /** Branches sorted by name: short name, tip SHA and the tip's committer date (or just `only`). */
  async branches(only?: string): Promise<{ name: string; sha: string; date: string }[]> {
    const out = await gitText(this.gitDir, [
      'for-each-ref',
      '--sort=refname',
      `--format=%(refname:strip=${this.isEphemeral ? 5 : 2})%00%(objectname)%00%(committerdate:iso-strict)%00`,
      this.branchRef(only ?? ''),
    ]);
    const fields = splitZ(out.replace(/\n/g, ''));
    const branches: { name: string; sha: string; date: string }[] = [];
    for (let i = 0; i + 2 < fields.length; i += 3) {
      if (only !== undefined && fields[i] !== only) continue; // the pattern also matches only/…
      branches.push({
        name: fields[i] as string,
        sha: fields[i + 1] as string,
        date: fields[i + 2] as string,
      });
    }
    return branches;
  }

  /**
   * Tags sorted by name, each with the commit it names (an annotated tag is peeled to its
   * commit; a tag of something else than a commit is left out).
   */
  async tags(): Promise<{ name: string; sha: string }[]> {
    const out = await gitText(this.gitDir, [
      'for-each-ref',
      '--sort=refname',
      '--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00',
      'refs/tags/',
    ]);
    const fields = splitZ(out.replace(/\n/g, ''));
    const tags: { name: string; sha: string }[] = [];
    for (let i = 0; i + 4 < fields.length; i += 5) {
      const [name, type, sha, peeledType, peeled] = fields.slice(i, i + 5) as string[];
      if (type === 'commit') tags.push({ name: name as string, sha: sha as string });
      else if (type === 'tag' && peeledType === 'commit') {
        tags.push({ name: name as string, sha: peeled as string });
      }
    }
    return tags;
  }

  /** Whether commit `older` is `newer` or one of its ancestors. */
  async isAncestor(older: string, newer: string): Promise<boolean> {
    const { code } = await runGit(this.gitDir, ['merge-base', '--is-ancestor', older, newer], {
      okCodes: [0, 1],
    });
    return code === 0;
  }

  /** The best common ancestor of two commits, or null when their histories are unrelated. */
  async mergeBase(a: string, b: string): Promise<string | null> {
    const out = await gitText(this.gitDir, ['merge-base', '--end-of-options', a, b], {
      okCodes: [0, 1],
    });
    return out || null;
  }

  /**
   * The three listings of a diff between two trees-ish, limited to literal `paths`: raw (-z),
   * numstat (-z) and the full-index patch. Renames detected; no external diff, textconv or colour.
   */
  async diff(
    base: string,
    head: string,
    paths: readonly string[],
  ): Promise<{ raw: string; numstat: string; patch: string }> {
    const options = ['-M', '--no-ext-diff', '--no-textconv', '--no-color'];
    const spec = ['--end-of-options', base, head, '--', ...paths];
    const [raw, numstat, patch] = await Promise.all([
      gitText(this.gitDir, ['diff', '--raw', '-z', ...options, ...spec]),
      gitText(this.gitDir, ['diff', '--numstat', '-z', ...options, ...spec]),
      gitText(this.gitDir, ['diff', '--full-index', ...options, ...spec]),
    ]);
    return { raw, numstat, patch };
  }

  /**
   * A blob's bytes `[start, end]` (inclusive; the whole blob by default), streamed from git.
   * Reading stops once the range is served: a 100-byte range of a big file does not read the
   * rest of it out of git.
   */
  async *blobBytes(sha: string, start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<Buffer> {
    // Below core.bigFileThreshold (512 MiB by default) git reads a packed blob into memory
    // whole before writing its first byte; with a low threshold it streams any non-delta blob.
    const child = spawnGit(this.gitDir, [
      '-c',
      'core.bigFileThreshold=1m',
      'cat-file',
      'blob',
      sha,
    ]);
    child.stdin.end();
    child.stderr.resume();
    let offset = 0;
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        const from = Math.max(0, start - offset);
        const to = Math.min(chunk.length, end + 1 - offset);
        offset += chunk.length;
        if (from < to) yield chunk.subarray(from, to);
        if (offset > end) break;
      }
    } finally {
      child.kill();
    }
  }

  /**
   * For each path, the newest commit reachable from `tip` that touched it, found in one history
   * walk limited to those paths (literal pathspecs, so git prunes the rest of each tree) that
   * stops as soon as every path is accounted for.
   */
  async lastCommits(
    tip: string,
    paths: readonly string[],
  ): Promise<{ bySha: Map<string, WireCommitInfo>; byPath: Map<string, string> }> {
    const wanted = new Set(paths);
    const byPath = new Map<string, string>();
    const bySha = new Map<string, WireCommitInfo>();
    if (wanted.size === 0) return { bySha, byPath };
    const child = spawnGit(this.gitDir, [
      'log',
      '-z',
      '--name-only',
      '--no-renames',
      `--format=%x1e${COMMIT_FORMAT}%x1f`,
      '--end-of-options',
      tip,
      '--',
      ...wanted,
    ]);
    child.stdin.end();
    child.stderr.resume();
    let pending = '';
    let searched = 0; // how much of `pending` is known to hold no record separator
    const consume = (record: string): void => {
      const split = record.indexOf('\x1f');
      if (split < 0) return;
      const info = parseCommitRecord(record.slice(0, split));
      for (const name of splitZ(record.slice(split + 1).replace(/^\0?\n?/, ''))) {
        if (wanted.has(name) && !byPath.has(name)) {
          byPath.set(name, info.sha);
          bySha.set(info.sha, info);
        }
      }
    };
    child.stdout.setEncoding('utf8');
    try {
      for await (const chunk of child.stdout as AsyncIterable<string>) {
        pending += chunk;
        for (let sep = pending.indexOf('\x1e', searched); sep >= 0; ) {
          consume(pending.slice(0, sep));
          pending = pending.slice(sep + 1);
          sep = pending.indexOf('\x1e');
        }
        searched = pending.length;
        if (byPath.size === wanted.size) break;
      }
      if (byPath.size < wanted.size) consume(pending);
    } finally {
      child.kill();
    }
    return { bySha, byPath };
  }
}

/** Splits a raw commit object into its `gpgsig` signature and the bytes that were signed. */
function extractSignature(raw: string): { signature: string; payload: string } | null {
  const headerEnd = raw.indexOf('\n\n');
  const header = headerEnd >= 0 ? raw.slice(0, headerEnd) : raw;
  const lines = header.split('\n');
  const start = lines.findIndex((l) => l.startsWith('gpgsig ') || l.startsWith('gpgsig-sha256 '));
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && lines[end]?.startsWith(' ')) end++;
  const sigLines = lines.slice(start, end);
  const signature = [
    sigLines[0]?.replace(/^gpgsig(-sha256)? /, '') ?? '',
    ...sigLines.slice(1).map((l) => l.slice(1)),
  ].join('\n');
  const payloadHeader = [...lines.slice(0, start), ...lines.slice(end)].join('\n');
  return { signature, payload: payloadHeader + raw.slice(header.length) };
}
