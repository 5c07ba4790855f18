/**
 * Forks and their upstream (PROTOCOL.md §7.1.1 `base_repo`, §7.10 pull-upstream, `DELETE
 * repos/base`). A fork is made from another repository of this server (`provider: "code"`) by
 * `git fetch` from its directory; bases that sync from elsewhere (GitHub, GitLab, …) need the
 * network, which this server does not use, and are refused at once with a sentence saying so.
 */

import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { branchNameProblem, isFullSha } from '../../core/paths.js';
import {
  optionalSignature,
  optionalString,
  type RepoContext,
  type RequestContext,
  readJsonBody,
} from '../context.js';
import { gitText, runGit } from '../git.js';
import { GitRepo } from '../git-repo.js';
import { commitTree } from '../git-write.js';
import { fail } from '../http-error.js';
import { assertRefWrite } from '../ref-policy.js';
import { type RepoBase, type RepoMeta, repoIdentity } from '../repo-store.js';

/** A fork request, checked: the source exists and the nested token grants reading it. */
export interface ForkPlan {
  /** The upstream a fork keeps; a snapshot keeps none. */
  base?: RepoBase;
  source: RepoMeta;
  /** The commit to fork at (ref/sha given), or undefined for every branch and tag. */
  at?: string;
  /** A snapshot: one new root commit with the tree of `at`, by this author. */
  snapshot?: { message: string; author: { name: string; email: string } };
}

/**
 * Checks `base_repo` (and a snapshot's top-level `initial_commit`); verifies the nested token
 * before looking at the source repository.
 */
export async function planFork(
  ctx: RequestContext,
  raw: unknown,
  initialCommit?: unknown,
): Promise<ForkPlan> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail(400, '"base_repo" must be an object');
  }
  const spec = raw as Record<string, unknown>;
  const provider = optionalString(spec, 'provider') ?? 'github';
  if (provider !== 'code' && provider !== 'code.storage') {
    fail(
      501,
      `base_repo with provider "${provider}" syncs from a remote host, which needs network access; ` +
        'the local server has none. Fork a repository of this server instead ' +
        '(provider "code", operation "fork").',
    );
  }
  const operation = optionalString(spec, 'operation') ?? 'fork';
  if (operation !== 'fork' && operation !== 'snapshot') {
    fail(400, `base_repo.operation must be "fork" or "snapshot", not "${operation}"`);
  }
  let snapshot: ForkPlan['snapshot'];
  if (operation === 'snapshot') {
    if (!optionalString(spec, 'ref'))
      fail(400, 'a snapshot needs base_repo.ref: the revision to copy');
    const initial = (initialCommit ?? {}) as Record<string, unknown>;
    if (typeof initialCommit !== 'object' || initialCommit === null) {
      fail(400, 'a snapshot needs "initial_commit": {"message", "author": {"name", "email"}}');
    }
    const message = optionalString(initial, 'message');
    if (!message) fail(400, 'initial_commit.message is required');
    const author = optionalSignature(initial, 'author');
    if (!author) fail(400, 'initial_commit.author is required');
    snapshot = { message, author };
  }
  const name = optionalString(spec, 'name');
  if (!name) fail(400, 'base_repo.name (the repository to fork) is required');
  const owner = optionalString(spec, 'owner') ?? ctx.claims.iss;
  if (owner !== ctx.claims.iss)
    fail(400, 'base_repo.owner must be this organisation: forks stay within one');
  const auth = spec.auth as Record<string, unknown> | undefined;
  const token = typeof auth?.token === 'string' ? auth.token : undefined;
  if (!token) fail(401, 'base_repo.auth.token (a git:read token for the source) is required');
  const claims = await ctx.verifier.verify(token);
  if (claims.repo !== name || !claims.scopes.includes('git:read')) {
    fail(403, `base_repo.auth.token does not grant git:read on "${name}"`);
  }
  const source = await ctx.store.get(name);
  if (!source) fail(404, `base_repo "${name}" not found`);
  const ref = optionalString(spec, 'ref');
  const sha = optionalString(spec, 'sha');
  if (sha && !isFullSha(sha)) fail(400, 'base_repo.sha must be a full commit SHA');
  let at: string | undefined;
  if (sha || ref) {
    const resolved = await new GitRepo(ctx.store.gitDir(name)).resolveCommit(
      sha ?? (ref as string),
    );
    if (!resolved)
      fail(404, `base_repo ${sha ? 'sha' : 'ref'} "${sha ?? ref}" not found in "${name}"`);
    at = resolved;
  }
  if (snapshot) return { source, at: at as string, snapshot };
  const base: RepoBase = {
    provider: 'code',
    owner,
    name,
    operation: 'fork',
    sourceIdentity: repoIdentity(source),
  };
  if (ref) base.ref = ref;
  if (sha) base.sha = sha;
  return { base, source, ...(at ? { at } : {}) };
}

/** Fills a new repository from its source: every branch and tag, or one commit as `branch`. */
export async function fetchFork(gitDir: string, sourceDir: string, plan: ForkPlan, branch: string) {
  const refspecs = plan.at
    ? [`${plan.at}:refs/heads/${branch}`]
    : ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];
  // A local fetch runs upload-pack on the source: let it serve a commit asked for by SHA.
  await runGit(gitDir, [
    '-c',
    'uploadpack.allowAnySHA1InWant=true',
    'fetch',
    '--quiet',
    '--no-write-fetch-head',
    // A snapshot copies a tree, nothing else: no tags follow its commit in.
    ...(plan.snapshot ? ['--depth=1', '--no-tags'] : []),
    sourceDir,
    ...refspecs,
  ]);
  if (plan.snapshot && plan.at) {
    // One new root commit with the source's tree; then the copied commit is dropped, so no
    // read (`getCommit` by SHA) can reach the history a snapshot leaves behind.
    const { message, author } = plan.snapshot;
    const tree = await gitText(gitDir, ['rev-parse', `${plan.at}^{tree}`]);
    const root = await commitTree(gitDir, tree, [], message, { author, committer: author });
    await runGit(gitDir, ['update-ref', `refs/heads/${branch}`, root]);
    const refs = await gitText(gitDir, ['for-each-ref', '--format=%(refname)']);
    for (const ref of refs.split('\n').filter((r) => r && r !== `refs/heads/${branch}`)) {
      await runGit(gitDir, ['update-ref', '-d', ref]);
    }
    await runGit(gitDir, ['repack', '-a', '-d', '-q']);
    await runGit(gitDir, ['prune', '--expire=now']);
    await rm(join(gitDir, 'shallow'), { force: true });
  }
}

/** POST repos/pull-upstream — fast-forwards the fork's branches to its base's (202, as Code Storage). */
export async function pullUpstream(ctx: RepoContext) {
  const body = await readJsonBody(ctx);
  const base = ctx.meta.base;
  if (!base) {
    fail(
      409,
      `repository "${ctx.meta.id}" has no upstream: only forks (created with base_repo) can pull`,
    );
  }
  const only = optionalString(body, 'ref')?.replace(/^refs\/heads\//, '');
  if (only) {
    const problem = branchNameProblem(only);
    if (problem) fail(400, `ref: ${problem}`);
  }
  const source = await ctx.store.get(base.name);
  if (!source) fail(404, `the upstream repository "${base.name}" no longer exists`);
  if (base.sourceIdentity !== undefined && base.sourceIdentity !== repoIdentity(source)) {
    fail(
      409,
      `the upstream "${base.name}" was deleted and another repository now has its name: this fork ` +
        'does not follow it. Detach the upstream (DELETE repos/base) and fork again if you mean to.',
    );
  }
  const sourceRepo = new GitRepo(ctx.store.gitDir(source.id));
  // Which source branch goes to which fork branch.
  let pairs: [string, string][];
  if (only) pairs = [[only, only]];
  else if (base.sha || base.ref) {
    pairs = [
      [base.ref && !isFullSha(base.ref) ? base.ref : source.defaultBranch, ctx.meta.defaultBranch],
    ];
  } else pairs = (await sourceRepo.branches()).map((b) => [b.name, b.name]);

  const updated: { branch: string; old_sha: string; new_sha: string }[] = [];
  const skipped: { branch: string; reason: string }[] = [];
  const scratch = `refs/local-server-upstream/${randomUUID()}`;
  try {
    for (const [from, to] of pairs) {
      const tip = await sourceRepo.branchSha(from);
      if (!tip) {
        skipped.push({ branch: to, reason: `"${from}" does not exist upstream` });
        continue;
      }
      try {
        assertRefWrite(ctx.claims.refRules, to, 'update');
      } catch (refused) {
        skipped.push({ branch: to, reason: (refused as Error).message });
        continue;
      }
      await runGit(ctx.git.gitDir, [
        'fetch',
        '--quiet',
        '--no-write-fetch-head',
        '--no-tags',
        ctx.store.gitDir(source.id),
        `+refs/heads/${from}:${scratch}`,
      ]);
      const current = await ctx.git.branchSha(to);
      if (current === tip) continue;
      if (current) {
        if (!(await ctx.git.isAncestor(current, tip))) {
          skipped.push({
            branch: to,
            reason: 'it has commits the upstream does not: not a fast-forward',
          });
          continue;
        }
      }
      const old = current ?? '0'.repeat(40);
      if (await ctx.git.updateRef(`refs/heads/${to}`, tip, old, `pull-upstream: ${from}`)) {
        updated.push({ branch: to, old_sha: old, new_sha: tip });
      } else skipped.push({ branch: to, reason: 'it moved while pulling; retry' });
    }
  } finally {
    await runGit(ctx.git.gitDir, ['update-ref', '-d', scratch], { okCodes: [0, 1] });
  }
  ctx.res.statusCode = 202;
  return {
    message: `pulled from ${base.name}: ${updated.length} branch(es) updated, ${skipped.length} skipped`,
    updated,
    skipped,
  };
}

/** DELETE repos/base — forgets the upstream (idempotent). */
export async function detachBase(ctx: RepoContext) {
  if (ctx.meta.base) {
    const { base: _base, ...rest } = ctx.meta;
    await ctx.store.update(rest);
  }
  return { repo_id: ctx.meta.id, message: 'upstream detached' };
}
