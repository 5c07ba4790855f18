/** Repository routes (PROTOCOL.md §7.1): create, find, list, delete. */
import { branchNameProblem, repoIdProblem } from '../../core/paths.js';
import type {
  WireDeleteRepoResponse,
  WireListReposResponse,
  WireRepoInfo,
} from '../../core/wire-types.js';
import {
  optionalString,
  queryLimit,
  type RepoContext,
  type RequestContext,
  readJsonBody,
} from '../context.js';
import { fail } from '../http-error.js';
import type { RepoMeta } from '../repo-store.js';
import { fetchFork, planFork } from './upstream.js';

function repoInfo(ctx: RequestContext, meta: RepoMeta) {
  return {
    repo_id: meta.id,
    repo_name: meta.id,
    url: `${ctx.publicUrl}/${meta.id}.git`,
    default_branch: meta.defaultBranch,
    created_at: meta.createdAt,
    ...(meta.base
      ? {
          base_repo: { provider: meta.base.provider, owner: meta.base.owner, name: meta.base.name },
        }
      : {}),
  } satisfies WireRepoInfo;
}

/** POST repos — the token's `repo` claim is the new repository's id. */
export async function createRepo(ctx: RequestContext) {
  const id = ctx.claims.repo;
  const problem = repoIdProblem(id);
  if (problem) fail(400, `cannot create repository "${id}": ${problem}`);
  const body = await readJsonBody(ctx);
  const fork =
    body.base_repo !== undefined && body.base_repo !== null
      ? await planFork(ctx, body.base_repo, body.initial_commit)
      : undefined;
  // A fork keeps its source's default branch unless told otherwise.
  const defaultBranch =
    optionalString(body, 'default_branch') ?? fork?.source.defaultBranch ?? 'main';
  const branchProblem = branchNameProblem(defaultBranch);
  if (branchProblem) fail(400, `default_branch: ${branchProblem}`);
  const meta = await ctx.store.create(
    id,
    defaultBranch,
    fork
      ? {
          ...(fork.base ? { base: fork.base } : {}),
          fill: (gitDir) =>
            fetchFork(gitDir, ctx.store.gitDir(fork.source.id), fork, defaultBranch),
        }
      : {},
  );
  if (!meta) fail(409, `repository "${id}" already exists`);
  ctx.res.statusCode = 201;
  return { ...repoInfo(ctx, meta), message: `repository ${id} created` };
}

/** GET repo */
export function getRepo(ctx: RepoContext) {
  return repoInfo(ctx, ctx.meta);
}

/** GET repos — `org:read` token with `repo: "org"`. Cursor = the last id of the previous page. */
export async function listRepos(ctx: RequestContext) {
  const limit = queryLimit(ctx.url, 20, 100);
  const cursor = ctx.url.searchParams.get('cursor') ?? '';
  const q = (ctx.url.searchParams.get('q') ?? '').trim().toLowerCase();
  const all = (await ctx.store.list())
    .filter((m) => m.id > cursor)
    .map((m) => repoInfo(ctx, m))
    .filter((r) => !q || r.url.toLowerCase().includes(q) || r.repo_id.toLowerCase().includes(q));
  const repos = all.slice(0, limit);
  const hasMore = all.length > limit;
  return {
    repos,
    next_cursor: hasMore ? (repos.at(-1)?.repo_id ?? null) : null,
    has_more: hasMore,
  } satisfies WireListReposResponse;
}

/** DELETE repos/delete */
export async function deleteRepo(ctx: RepoContext) {
  if (!(await ctx.store.delete(ctx.meta.id))) fail(404, `repository "${ctx.meta.id}" not found`);
  await ctx.credentials.deleteForRepo(ctx.meta.id);
  return {
    repo_id: ctx.meta.id,
    message: `repository ${ctx.meta.id} deleted`,
  } satisfies WireDeleteRepoResponse;
}
