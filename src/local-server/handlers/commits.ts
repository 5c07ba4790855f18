/** Commit routes (PROTOCOL.md §7.6): list (paginated history) and get one commit. */
import { isFullSha, pathProblem } from '../../core/paths.js';
import type { WireGetCommitResponse, WireListCommitsResponse } from '../../core/wire-types.js';
import { inNamespace, queryBool, queryLimit, type RepoContext } from '../context.js';
import { fail } from '../http-error.js';

/**
 * The cursor pins the tip the first page was read from and how many commits were already
 * returned, so pages stay consistent while the branch moves on.
 */
function parseCursor(cursor: string): { tip: string; offset: number } {
  const [tip = '', offset = ''] = cursor.split(':');
  const n = Number(offset);
  if (!isFullSha(tip) || !Number.isInteger(n) || n < 0)
    fail(400, 'cursor is not one this server issued');
  return { tip, offset: n };
}

/** GET repos/commits */
export async function listCommits(ctx: RepoContext) {
  const params = ctx.url.searchParams;
  const git = inNamespace(ctx, queryBool(ctx.url, 'ephemeral'));
  const limit = queryLimit(ctx.url, 20, 100);
  const path = params.get('path')?.replace(/^\/+|\/+$/g, '') ?? '';
  if (path) {
    const problem = pathProblem(path);
    if (problem) fail(400, `path: ${problem}`);
  }
  const cursor = params.get('cursor');
  let tip: string;
  let offset = 0;
  if (cursor) {
    ({ tip, offset } = parseCursor(cursor));
    if (!(await ctx.git.commitExists(tip)))
      fail(400, 'cursor names a commit this repository does not have');
  } else {
    const branch = params.get('branch')?.trim() || ctx.meta.defaultBranch;
    const sha = await git.resolveCommit(branch);
    if (!sha) {
      if (await git.isEmpty()) {
        return {
          commits: [],
          next_cursor: null,
          has_more: false,
        } satisfies WireListCommitsResponse;
      }
      fail(404, `branch "${branch}" not found`);
    }
    tip = sha;
  }
  const found = await ctx.git.log(tip, { skip: offset, limit: limit + 1, path });
  const commits = found.slice(0, limit);
  const hasMore = found.length > limit;
  return {
    commits,
    next_cursor: hasMore ? `${tip}:${offset + commits.length}` : null,
    has_more: hasMore,
  } satisfies WireListCommitsResponse;
}

/** GET repos/commit */
export async function getCommit(ctx: RepoContext) {
  const rev = ctx.url.searchParams.get('sha')?.trim() ?? '';
  if (!rev) fail(400, 'sha is required');
  const sha = await ctx.git.resolveCommit(rev);
  if (!sha) fail(404, `commit "${rev}" not found`);
  return { commit: await ctx.git.commit(sha) } satisfies WireGetCommitResponse;
}
