/** Diff routes (PROTOCOL.md §7.8): branch diff (three-dot, from the merge base) and commit diff. */
import { pathProblem } from '../../core/paths.js';
import type {
  WireBranchDiffResponse,
  WireCommitDiffResponse,
  WireDiffFile,
  WireDiffStats,
  WireFilteredFile,
} from '../../core/wire-types.js';
import { inNamespace, queryBool, type RepoContext } from '../context.js';
import { splitZ } from '../git.js';
import { EMPTY_TREE_SHA } from '../git-repo.js';
import { fail } from '../http-error.js';

/** Per-file patches larger than this are listed in `filtered_files` without content (doc: ~500 KB). */
export const MAX_FILE_PATCH_BYTES = 500 * 1024;

interface RawEntry {
  state: string;
  path: string;
  oldPath: string | null;
}

function parseRaw(out: string): RawEntry[] {
  const fields = splitZ(out);
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const state = (fields[i++] ?? '').split(' ').at(-1) ?? '';
    const letter = state[0];
    if (letter === 'R' || letter === 'C') {
      const oldPath = fields[i++] ?? '';
      entries.push({ state, oldPath, path: fields[i++] ?? '' });
    } else {
      entries.push({ state, oldPath: null, path: fields[i++] ?? '' });
    }
  }
  return entries;
}

function parseNumstat(out: string): { additions: number; deletions: number; binary: boolean }[] {
  const fields = splitZ(out);
  const rows: { additions: number; deletions: number; binary: boolean }[] = [];
  for (let i = 0; i < fields.length; ) {
    const [add = '', del = '', path = ''] = (fields[i++] ?? '').split('\t');
    if (path === '') i += 2; // rename: the old and new paths follow as their own fields
    const binary = add === '-';
    rows.push({ additions: binary ? 0 : Number(add), deletions: binary ? 0 : Number(del), binary });
  }
  return rows;
}

/** Files changed from `base` to `head`, with per-file raw patches and totals. */
export async function diffTrees(
  ctx: RepoContext,
  base: string,
  head: string,
  paths: readonly string[],
): Promise<{ stats: WireDiffStats; files: WireDiffFile[]; filtered_files: WireFilteredFile[] }> {
  const { raw, numstat, patch } = await ctx.git.diff(base, head, paths);
  const entries = parseRaw(raw);
  const counts = parseNumstat(numstat);
  // git prints the three listings in the same (path) order: one patch per raw entry, two for a
  // type change.
  const patches = patch === '' ? [] : `${patch}\n`.split(/^(?=diff --git )/m);
  const files: WireDiffFile[] = [];
  const filtered: WireFilteredFile[] = [];
  const stats: WireDiffStats = { files: entries.length, additions: 0, deletions: 0, changes: 0 };
  let segment = 0;
  entries.forEach((entry, i) => {
    const count = counts[i] ?? { additions: 0, deletions: 0, binary: false };
    // A type change (file <-> symlink) is printed as a deletion and an addition: two segments.
    const take = entry.state.startsWith('T') ? 2 : 1;
    const text = patches.slice(segment, segment + take).join('');
    segment += take;
    const bytes = Buffer.byteLength(text);
    stats.additions += count.additions;
    stats.deletions += count.deletions;
    const common = {
      path: entry.path,
      state: entry.state,
      old_path: entry.oldPath,
      bytes,
      is_eof: true,
    };
    if (count.binary || bytes > MAX_FILE_PATCH_BYTES) {
      filtered.push(common);
    } else {
      files.push({ ...common, raw: text, additions: count.additions, deletions: count.deletions });
    }
  });
  stats.changes = stats.additions + stats.deletions;
  return { stats, files, filtered_files: filtered };
}

function queryPaths(ctx: RepoContext): string[] {
  const paths = ctx.url.searchParams.getAll('path').filter((p) => p !== '');
  for (const p of paths) {
    const problem = pathProblem(p);
    if (problem) fail(400, `path "${p}": ${problem}`);
  }
  return paths;
}

/** GET repos/branches/diff */
export async function branchDiff(ctx: RepoContext) {
  const branchNs = inNamespace(ctx, queryBool(ctx.url, 'ephemeral'));
  const baseNs = inNamespace(ctx, queryBool(ctx.url, 'ephemeral_base'));
  const branch = ctx.url.searchParams.get('branch')?.trim() ?? '';
  if (!branch) fail(400, 'branch is required');
  const base = ctx.url.searchParams.get('base')?.trim() || ctx.meta.defaultBranch;
  const [head, baseSha] = await Promise.all([
    branchNs.resolveCommit(branch),
    baseNs.resolveCommit(base),
  ]);
  if (!head) fail(404, `branch "${branch}" not found`);
  if (!baseSha) fail(404, `base "${base}" not found`);
  const mergeBase = await ctx.git.mergeBase(baseSha, head);
  const diff = await diffTrees(ctx, mergeBase || EMPTY_TREE_SHA, head, queryPaths(ctx));
  return {
    branch,
    base,
    ...(mergeBase ? { merge_base_sha: mergeBase } : {}),
    ...diff,
  } satisfies WireBranchDiffResponse;
}

/** GET repos/diff — `sha` against `baseSha`, or against its first parent. */
export async function commitDiff(ctx: RepoContext) {
  const rev = ctx.url.searchParams.get('sha')?.trim() ?? '';
  if (!rev) fail(400, 'sha is required');
  const sha = await inNamespace(ctx, queryBool(ctx.url, 'ref_is_ephemeral')).resolveCommit(rev);
  if (!sha) fail(404, `commit "${rev}" not found`);
  const baseRev = ctx.url.searchParams.get('baseSha')?.trim();
  let base: string | null;
  if (baseRev) {
    base = await inNamespace(ctx, queryBool(ctx.url, 'base_is_ephemeral')).resolveCommit(baseRev);
    if (!base) fail(404, `base commit "${baseRev}" not found`);
  } else {
    base = (await ctx.git.objectInfo(`${sha}^1`))?.sha ?? null;
  }
  const diff = await diffTrees(ctx, base ?? EMPTY_TREE_SHA, sha, queryPaths(ctx));
  return { sha, ...(base ? { base_sha: base } : {}), ...diff } satisfies WireCommitDiffResponse;
}
