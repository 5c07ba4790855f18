/**
 * Merge routes (PROTOCOL.md §7.11): preview a merge of one branch into another, and merge.
 *
 * Both run `git merge-tree --write-tree` (git ≥ 2.38), which merges two commits without a work
 * tree or index and writes the result tree (conflict markers included) to the object database.
 * Nothing is committed by the preview; the merge moves the target by compare-and-swap.
 */

import { rm } from 'node:fs/promises';
import { branchNameProblem, isFullSha } from '../../core/paths.js';
import type {
  WireMergeBlob,
  WireMergeConflict,
  WireMergePreviewResponse,
  WireMergeResponse,
} from '../../core/wire-types.js';
import {
  inNamespace,
  optionalBoolean,
  optionalSignature,
  optionalString,
  queryBool,
  type RepoContext,
  readJsonBody,
  requiredString,
} from '../context.js';
import { gitAtLeast, gitText, runGit, splitZ, withScratchObjects } from '../git.js';
import type { GitRepo } from '../git-repo.js';
import { commitTree, SERVER_IDENTITY } from '../git-write.js';
import { fail, HttpError } from '../http-error.js';
import { assertRefWrite } from '../ref-policy.js';
import { backOff, oneAtATime, refKey } from '../ref-queue.js';

/** Conflicts whose contents a preview includes; the rest are listed as filtered. */
const MAX_CONFLICT_FILES = 100;
/** Bytes of each conflict side a preview includes. */
const MAX_CONFLICT_CONTENT = 256 * 1024;
/** Bytes of content one preview includes in all (100 files × 4 sides × 256 KiB would be 100 MiB). */
const MAX_PREVIEW_CONTENT = 8 * 1024 * 1024;
const MAX_ATTEMPTS = 20;

function requireMergeTree(): void {
  if (!gitAtLeast(2, 38)) {
    fail(501, 'merging needs git 2.38 or newer on the local server (git merge-tree --write-tree)');
  }
}

function branchName(value: string, field: string): string {
  const name = value.replace(/^refs\/heads\//, '');
  const problem = branchNameProblem(name);
  if (problem) fail(400, `${field}: ${problem}`);
  return name;
}

async function tipOf(git: GitRepo, branch: string, field: string): Promise<string> {
  const sha = await git.branchSha(branch);
  if (!sha) fail(404, `${field} "${branch}" not found`);
  return sha;
}

interface TreeMerge {
  tree: string;
  /** Per conflicted path, the blob of each stage (1 base, 2 ours = target, 3 theirs = source). */
  conflicts: Map<string, { base?: string; ours?: string; theirs?: string }>;
}

/** Merges `source` into `target` in memory; throws 409 for unrelated histories unless allowed. */
async function mergeTrees(
  git: GitRepo,
  target: string,
  source: string,
  allowUnrelated: boolean,
): Promise<TreeMerge> {
  const args = ['merge-tree', '--write-tree', '-z', '--no-messages'];
  if (allowUnrelated) args.push('--allow-unrelated-histories');
  const { stdout, code, stderr } = await runGit(git.gitDir, [...args, target, source], {
    okCodes: [0, 1, 128],
  });
  if (code === 128) {
    if (/unrelated histories/.test(stderr)) {
      fail(
        409,
        'the branches have unrelated histories: pass allow_unrelated_histories to merge them',
      );
    }
    fail(500, `git merge-tree failed: ${stderr.trim().slice(0, 300)}`);
  }
  const [tree = '', ...entries] = splitZ(stdout.toString('utf8'));
  const conflicts: TreeMerge['conflicts'] = new Map();
  for (const entry of entries) {
    const match = /^\d+ ([0-9a-f]+) ([123])\t(.*)$/s.exec(entry);
    if (!match) continue;
    const [, oid, stage, path] = match as unknown as [string, string, string, string];
    const sides = conflicts.get(path) ?? {};
    sides[stage === '1' ? 'base' : stage === '2' ? 'ours' : 'theirs'] = oid;
    conflicts.set(path, sides);
  }
  return { tree, conflicts };
}

/**
 * One side of a conflicted file. With `budget` (contents asked for), at most
 * MAX_CONFLICT_CONTENT bytes and what is left of the preview's budget, which it uses up;
 * `truncated` says when the side was longer.
 */
async function blobSide(
  git: GitRepo,
  oid: string | undefined,
  budget: { left: number } | undefined,
): Promise<WireMergeBlob> {
  if (!oid) return { truncated: false, binary: false };
  if (!budget) return { oid, truncated: false, binary: false };
  const limit = Math.min(MAX_CONFLICT_CONTENT, budget.left);
  const pieces: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const piece of git.blobBytes(oid, 0, limit)) {
    pieces.push(piece);
    size += piece.length;
  }
  let bytes = Buffer.concat(pieces, size);
  if (bytes.length > limit) {
    bytes = bytes.subarray(0, limit);
    truncated = true;
  }
  budget.left -= bytes.length;
  if (bytes.subarray(0, 8000).includes(0)) return { oid, truncated, binary: true };
  return { oid, content: bytes.toString('utf8'), truncated, binary: false };
}

/** GET repos/merge/preview?source_branch=&target_branch=&include_content= */
export async function previewMerge(ctx: RepoContext) {
  requireMergeTree();
  const q = ctx.url.searchParams;
  const sourceBranch = branchName(q.get('source_branch')?.trim() ?? '', 'source_branch');
  const targetBranch = branchName(q.get('target_branch')?.trim() ?? '', 'target_branch');
  const includeContent = queryBool(ctx.url, 'include_content') ?? false;
  const git = ctx.git;
  const [sourceTip, targetTip] = await Promise.all([
    tipOf(
      inNamespace(ctx, queryBool(ctx.url, 'source_is_ephemeral')),
      sourceBranch,
      'source_branch',
    ),
    tipOf(
      inNamespace(ctx, queryBool(ctx.url, 'target_is_ephemeral')),
      targetBranch,
      'target_branch',
    ),
  ]);
  const base = await git.mergeBase(targetTip, sourceTip);
  const answer: WireMergePreviewResponse = {
    status: 'clean',
    result: 'merge_commit',
    source_branch: sourceBranch,
    target_branch: targetBranch,
    source_tip_sha: sourceTip,
    target_tip_sha: targetTip,
    ...(base ? { merge_base_sha: base } : {}),
    conflict_paths: [],
    conflicts: [],
    filtered_conflicts: [],
  };
  if (await git.isAncestor(sourceTip, targetTip)) return { ...answer, result: 'no_op' };
  if (await git.isAncestor(targetTip, sourceTip)) return { ...answer, result: 'fast_forward' };
  // The merged tree git writes is only looked at: it goes beside the repository, not into it.
  const scratch = await ctx.store.makeTempDir();
  try {
    return await withScratchObjects(git.gitDir, scratch, () =>
      previewConflicts(git, answer, targetTip, sourceTip, includeContent),
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function previewConflicts(
  git: GitRepo,
  answer: WireMergePreviewResponse,
  targetTip: string,
  sourceTip: string,
  includeContent: boolean,
): Promise<WireMergePreviewResponse> {
  const merged = await mergeTrees(git, targetTip, sourceTip, true);
  const paths = [...merged.conflicts.keys()];
  if (paths.length === 0) return answer;
  const conflicts: WireMergeConflict[] = [];
  const budget = includeContent ? { left: MAX_PREVIEW_CONTENT } : undefined;
  for (const path of paths.slice(0, MAX_CONFLICT_FILES)) {
    const sides = merged.conflicts.get(path) ?? {};
    // The merged tree holds the file with conflict markers (absent for delete/modify conflicts).
    const resultOid = path.includes('\n')
      ? undefined
      : (await git.objectInfo(`${merged.tree}:${path}`))?.sha;
    conflicts.push({
      path,
      result: await blobSide(git, resultOid, budget),
      base: await blobSide(git, sides.base, budget),
      ours: await blobSide(git, sides.ours, budget),
      theirs: await blobSide(git, sides.theirs, budget),
    });
  }
  return {
    ...answer,
    status: 'conflicted',
    conflict_paths: paths,
    conflicts,
    filtered_conflicts: paths
      .slice(MAX_CONFLICT_FILES)
      .map((path) => ({ path, reason: 'max_conflict_files_exceeded' })),
  } satisfies WireMergePreviewResponse;
}

type Strategy = 'merge' | 'ff_only' | 'ff_prefer';

/** POST repos/merge */
export async function merge(ctx: RepoContext) {
  requireMergeTree();
  const body = await readJsonBody(ctx);
  const sourceBranch = branchName(requiredString(body, 'source_branch'), 'source_branch');
  const targetBranch = branchName(requiredString(body, 'target_branch'), 'target_branch');
  const strategy = requiredString(body, 'strategy') as Strategy;
  if (!['merge', 'ff_only', 'ff_prefer'].includes(strategy)) {
    fail(
      400,
      `"strategy" must be "merge", "ff_only" or "ff_prefer", not ${JSON.stringify(strategy)}`,
    );
  }
  const squash = optionalBoolean(body, 'squash') ?? false;
  if (squash && strategy === 'ff_only') fail(400, '"squash" cannot be combined with "ff_only"');
  const sourceNs = inNamespace(ctx, optionalBoolean(body, 'source_is_ephemeral'));
  const targetNs = inNamespace(ctx, optionalBoolean(body, 'target_is_ephemeral'));
  const allowUnrelated = optionalBoolean(body, 'allow_unrelated_histories') ?? false;
  const expected = optionalString(body, 'expected_target_sha');
  if (expected && !isFullSha(expected)) {
    fail(400, '"expected_target_sha" must be the full SHA the target branch is expected at');
  }
  const author = optionalSignature(body, 'author') ?? SERVER_IDENTITY;
  const committer = optionalSignature(body, 'committer') ?? author;
  const message =
    optionalString(body, 'commit_message') ??
    `${squash ? 'Squash merge' : 'Merge'} branch '${sourceBranch}' into ${targetBranch}`;
  const ref = targetNs.branchRef(targetBranch);
  assertRefWrite(ctx.claims.refRules, `refs/heads/${targetBranch}`, 'update');
  const git = ctx.git;
  // The source is resolved once: a retry after the target moved merges the same source commit.
  const sourceTip = await tipOf(sourceNs, sourceBranch, 'source_branch');

  return oneAtATime(refKey(git.gitDir, ref), async () => {
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      const targetTip = await tipOf(targetNs, targetBranch, 'target_branch');
      if (expected && expected !== targetTip) {
        throw new HttpError(
          409,
          `target_branch "${targetBranch}" is at ${targetTip}, not the expected ${expected}`,
          { target_sha: targetTip },
        );
      }
      const base = await git.mergeBase(targetTip, sourceTip);
      const answer = (result: WireMergeResponse['result'], commit: string, promoted: number) =>
        ({
          result,
          commit_sha: commit,
          tree_sha: '',
          source: {
            branch: sourceBranch,
            ref: sourceBranch,
            ephemeral: sourceNs.isEphemeral,
            sha: sourceTip,
          },
          target: {
            branch: targetBranch,
            ephemeral: targetNs.isEphemeral,
            old_sha: targetTip,
            new_sha: commit,
          },
          ...(base ? { merge_base_sha: base } : {}),
          promoted_commits: promoted,
        }) satisfies WireMergeResponse;

      if (await git.isAncestor(sourceTip, targetTip)) {
        const done = answer('no_op', targetTip, 0);
        return { ...done, tree_sha: await treeOf(git, targetTip) };
      }
      const promoted = Number(
        await gitText(git.gitDir, ['rev-list', '--count', `${targetTip}..${sourceTip}`]),
      );
      const fastForward = await git.isAncestor(targetTip, sourceTip);
      let result: WireMergeResponse['result'];
      let commit: string;
      let tree: string;
      if (fastForward && !squash && strategy !== 'merge') {
        result = 'fast_forward';
        commit = sourceTip;
        tree = await treeOf(git, sourceTip);
      } else {
        if (!fastForward && strategy === 'ff_only') {
          fail(
            409,
            `"${targetBranch}" cannot be fast-forwarded to "${sourceBranch}": they have diverged`,
          );
        }
        if (!base && !allowUnrelated) {
          fail(
            409,
            'the branches have unrelated histories: pass allow_unrelated_histories to merge them',
          );
        }
        const merged = fastForward
          ? { tree: await treeOf(git, sourceTip), conflicts: new Map() }
          : await mergeTrees(git, targetTip, sourceTip, allowUnrelated);
        if (merged.conflicts.size > 0) {
          throw new HttpError(409, `merging "${sourceBranch}" into "${targetBranch}" conflicts`, {
            conflict_paths: [...merged.conflicts.keys()],
            ...(base ? { merge_base_sha: base } : {}),
          });
        }
        tree = merged.tree;
        result = squash ? 'squash' : 'merge_commit';
        commit = await commitTree(
          git.gitDir,
          tree,
          squash ? [targetTip] : [targetTip, sourceTip],
          message,
          { author, committer },
        );
      }
      if (await targetNs.updateRef(ref, commit, targetTip, `merge: ${sourceBranch}`)) {
        return { ...answer(result, commit, promoted), tree_sha: tree };
      }
      if (expected || attempt >= MAX_ATTEMPTS || !(await backOff(attempt, startedAt))) {
        fail(409, `target_branch "${targetBranch}" moved while merging; retry`);
      }
    }
  });
}

async function treeOf(git: GitRepo, commit: string): Promise<string> {
  return (await git.objectInfo(`${commit}^{tree}`))?.sha ?? '';
}
