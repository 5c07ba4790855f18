/** Branch routes (PROTOCOL.md §7.4): list, create, delete. */
import { branchNameProblem } from '../../core/paths.js';
import {
  type WireCreateBranchResponse,
  type WireDeleteBranchResponse,
  type WireListBranchesResponse,
  ZERO_SHA,
} from '../../core/wire-types.js';
import {
  inNamespace,
  optionalBoolean,
  optionalString,
  queryBool,
  queryLimit,
  type RepoContext,
  readJsonBody,
  requiredString,
} from '../context.js';
import { fail } from '../http-error.js';
import { assertRefWrite } from '../ref-policy.js';

/** GET repos/branches — sorted by name; the cursor is the last name of the previous page. */
export async function listBranches(ctx: RepoContext) {
  const git = inNamespace(ctx, queryBool(ctx.url, 'ephemeral'));
  const limit = queryLimit(ctx.url, 100, 1000);
  const cursor = ctx.url.searchParams.get('cursor') ?? '';
  const all = (await git.branches())
    .filter((b) => b.name > cursor)
    // git keeps no branch creation time; the tip commit's date is the closest fact it has.
    .map((b) => ({ cursor: b.name, name: b.name, head_sha: b.sha, created_at: b.date }));
  const branches = all.slice(0, limit);
  const hasMore = all.length > limit;
  return {
    branches,
    next_cursor: hasMore ? (branches.at(-1)?.name ?? null) : null,
    has_more: hasMore,
  } satisfies WireListBranchesResponse;
}

/** POST repos/branches/create */
export async function createBranch(ctx: RepoContext) {
  const body = await readJsonBody(ctx);
  const baseNs = inNamespace(ctx, optionalBoolean(body, 'base_is_ephemeral'));
  const targetNs = inNamespace(ctx, optionalBoolean(body, 'target_is_ephemeral'));
  const target = requiredString(body, 'target_branch');
  const problem = branchNameProblem(target);
  if (problem) fail(400, `target_branch: ${problem}`);
  assertRefWrite(ctx.claims.refRules, target, 'update');
  const base = optionalString(body, 'base_ref') ?? optionalString(body, 'base_branch');
  if (!base) fail(400, 'base_ref (a branch, refs/heads/… name or commit SHA) is required');
  // `refs/heads/x` names a branch of the base's namespace, like `x`.
  const sha = await baseNs.resolveCommit(
    baseNs.isEphemeral ? base.replace(/^refs\/heads\//, '') : base,
  );
  if (!sha) fail(404, `base "${base}" not found`);
  const ref = targetNs.branchRef(target);
  if (!(await targetNs.updateRef(ref, sha, ZERO_SHA, `branch: from ${base}`))) {
    fail(409, `branch "${target}" already exists${targetNs.isEphemeral ? ' (ephemeral)' : ''}`);
  }
  ctx.res.statusCode = 201;
  return {
    message: `branch ${target} created from ${base}`,
    target_branch: target,
    target_is_ephemeral: targetNs.isEphemeral,
    commit_sha: sha,
  } satisfies WireCreateBranchResponse;
}

/** DELETE repos/branches — the default branch cannot be deleted. */
export async function deleteBranch(ctx: RepoContext) {
  const body = await readJsonBody(ctx);
  const git = inNamespace(ctx, optionalBoolean(body, 'ephemeral'));
  const name = requiredString(body, 'name');
  const problem = branchNameProblem(name);
  if (problem) fail(400, `name: ${problem}`);
  assertRefWrite(ctx.claims.refRules, name, 'delete');
  // The default branch never lives in the ephemeral namespace: deleting there is allowed.
  if (name === ctx.meta.defaultBranch && !git.isEphemeral) {
    fail(400, `"${name}" is the default branch and cannot be deleted`);
  }
  const sha = await git.branchSha(name);
  if (!sha) fail(404, `branch "${name}" not found${git.isEphemeral ? ' (ephemeral)' : ''}`);
  if (!(await git.deleteRef(git.branchRef(name), sha))) {
    fail(409, `branch "${name}" moved while deleting it; retry`);
  }
  return {
    name,
    target_branch: name,
    message: 'branch deleted',
    ephemeral: git.isEphemeral,
  } satisfies WireDeleteBranchResponse & { target_branch: string };
}

/** GET /api/repos/{repo}/branch?name=…&ephemeral= (PROTOCOL.md §12.5) */
export async function getBranch(ctx: RepoContext) {
  const git = inNamespace(ctx, queryBool(ctx.url, 'ephemeral'));
  const name =
    ctx.url.searchParams
      .get('name')
      ?.trim()
      .replace(/^refs\/heads\//, '') ?? '';
  const problem = branchNameProblem(name);
  if (problem) fail(400, `name: ${problem}`);
  const [found] = await git.branches(name);
  if (!found) fail(404, 'ref not found');
  return { branch: { name, head_sha: found.sha, created_at: found.date } };
}
