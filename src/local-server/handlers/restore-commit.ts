/**
 * POST /api/v1/repos/restore-commit (PROTOCOL.md §7.12): a new commit on the branch whose tree is
 * that of an older commit. The branch moves forward; history is kept.
 */
import { type WireCommitMetadata, ZERO_SHA } from '../../core/wire-types.js';
import { commitAck, commitOntoBranch, parseCommitTarget } from '../commit-flow.js';
import { type RepoContext, readJsonBody, withAliases } from '../context.js';
import { failRefUpdate } from '../http-error.js';
import { assertRefWrite } from '../ref-policy.js';

export async function restoreCommit(ctx: RepoContext) {
  const body = await readJsonBody(ctx);
  const given = body.metadata as
    | (Partial<WireCommitMetadata> & { target_commit_sha?: unknown })
    | undefined;
  if (typeof given !== 'object' || given === null) {
    failRefUpdate(400, 'invalid', 'body must be {"metadata": {…}}');
  }
  const metadata = withAliases(given, [['base_ref', 'target_commit_sha']]);
  const rawSha = metadata.target_commit_sha;
  if (rawSha !== undefined && rawSha !== null && typeof rawSha !== 'string') {
    failRefUpdate(400, 'invalid', 'target_commit_sha must be a string');
  }
  const targetSha = rawSha?.trim() ?? '';
  const message = metadata.commit_message;
  const target = parseCommitTarget({
    ...metadata,
    commit_message:
      message === undefined || message === null || (typeof message === 'string' && !message.trim())
        ? `Restore ${targetSha.slice(0, 12)}`
        : message,
    base_branch: undefined,
  });
  const branch = target.branch;
  assertRefWrite(ctx.claims.refRules, branch, 'update');
  if (!targetSha) failRefUpdate(400, 'invalid', 'target_commit_sha is required', { branch });
  const restored = await ctx.git.resolveCommit(targetSha);
  if (!restored) failRefUpdate(404, 'not_found', `commit "${targetSha}" not found`, { branch });
  if (!(await ctx.git.branchSha(branch))) {
    failRefUpdate(404, 'not_found', `branch "${branch}" does not exist`, {
      branch,
      old_sha: ZERO_SHA,
    });
  }
  const treeSha = (await ctx.git.objectInfo(`${restored}^{tree}`))?.sha ?? '';
  const outcome = await commitOntoBranch(ctx.git, target, async () => treeSha);
  ctx.res.statusCode = 201;
  return commitAck(branch, outcome, { pack_bytes: 0 }, `restored the tree of ${restored}`);
}
