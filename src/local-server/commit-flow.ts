/**
 * The part every commit-making route shares: validate who and where, then build a tree on the
 * branch tip, write the commit and move the branch by compare-and-swap. When an unguarded commit
 * loses the race, it is rebuilt on the tip that beat it; a guarded one fails instead.
 */

import { branchNameProblem, isFullSha } from '../core/paths.js';
import {
  MAX_CHUNK_BYTES,
  type WireCommitMetadata,
  type WireRefResult,
  type WireSignature,
  ZERO_SHA,
} from '../core/wire-types.js';
import { bodyChunks, checkedSignature, type RequestContext, withAliases } from './context.js';
import type { GitRepo } from './git-repo.js';
import { type CommitIdentity, commitTree } from './git-write.js';
import { failRefUpdate, HttpError } from './http-error.js';
import { type ChunkKey, type NdjsonEvent, ndjsonEvents } from './ndjson.js';
import { backOff, oneAtATime, refKey } from './ref-queue.js';

export interface CommitTarget {
  branch: string;
  /** The branch lives in the ephemeral namespace. */
  ephemeral: boolean;
  /** `baseBranch` is resolved in the ephemeral namespace. */
  ephemeralBase: boolean;
  baseBranch: string | undefined;
  expectedHeadSha: string | undefined;
  message: string;
  identity: CommitIdentity;
}

export interface CommitOutcome {
  commitSha: string;
  treeSha: string;
  oldSha: string;
  newSha: string;
}

const MAX_ATTEMPTS = 100;

function invalid(message: string, branch = ''): never {
  failRefUpdate(400, 'invalid', message, { branch });
}

function signature(value: unknown, field: string): WireSignature {
  const checked = checkedSignature(value, field);
  if ('problem' in checked) invalid(checked.problem);
  return checked;
}

/** A string field of the metadata, trimmed ('' when absent); any other type is refused. */
function text(meta: Partial<WireCommitMetadata>, key: keyof WireCommitMetadata): string {
  const value: unknown = meta[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') invalid(`${key} must be a string`);
  return value.trim();
}

/** Newer metadata names (PROTOCOL.md §12.2) and the ones read here. */
const METADATA_ALIASES = [
  ['expected_target_sha', 'expected_head_sha'],
  ['target_is_ephemeral', 'ephemeral'],
  ['base_is_ephemeral', 'ephemeral_base'],
] as const;

/** Checks the fields common to commit-pack, diff-commit and restore-commit metadata. */
export function parseCommitTarget(given: Partial<WireCommitMetadata>): CommitTarget {
  const meta = withAliases(given, METADATA_ALIASES);
  const branch = text(meta, 'target_branch');
  const problem = branchNameProblem(branch);
  if (problem) invalid(`target_branch: ${problem}`, branch);
  const message = text(meta, 'commit_message');
  if (!message) invalid('commit_message is required', branch);
  const author = signature(meta.author, 'author');
  const committer = meta.committer === undefined ? author : signature(meta.committer, 'committer');
  const baseBranch = text(meta, 'base_branch');
  if (baseBranch) {
    const baseProblem = branchNameProblem(baseBranch);
    if (baseProblem) invalid(`base_branch: ${baseProblem}`, branch);
  }
  const expected = text(meta, 'expected_head_sha');
  if (expected && !isFullSha(expected)) {
    invalid(
      'expected_head_sha must be the full SHA of the commit the branch is expected at',
      branch,
    );
  }
  const [ephemeral, ephemeralBase] = (['ephemeral', 'ephemeral_base'] as const).map((flag) => {
    const value = meta[flag];
    if (value !== undefined && value !== null && typeof value !== 'boolean') {
      invalid(`${flag} must be true or false`, branch);
    }
    return value === true;
  });
  if (ephemeralBase && !baseBranch) invalid('ephemeral_base needs base_branch', branch);
  return {
    branch,
    ephemeral: ephemeral === true,
    ephemeralBase: ephemeralBase === true,
    baseBranch: baseBranch || undefined,
    expectedHeadSha: expected || undefined,
    message,
    identity: { author, committer },
  };
}

/**
 * Resolves the parent for `target`, builds the tree with `buildTree(parent)`, commits, and moves
 * the branch. `buildTree` may throw an HttpError to refuse the commit; nothing has moved then.
 */
export function commitOntoBranch(
  repo: GitRepo,
  target: CommitTarget,
  buildTree: (parent: string | null) => Promise<string>,
): Promise<CommitOutcome> {
  const branchNs = target.ephemeral ? repo.ephemeral() : repo;
  const baseNs = target.ephemeralBase ? repo.ephemeral() : repo;
  const ref = branchNs.branchRef(target.branch);
  return oneAtATime(refKey(repo.gitDir, ref), () => casLoop(branchNs, baseNs, target, buildTree));
}

async function casLoop(
  repo: GitRepo,
  baseNs: GitRepo,
  target: CommitTarget,
  buildTree: (parent: string | null) => Promise<string>,
): Promise<CommitOutcome> {
  const { branch } = target;
  const ref = repo.branchRef(branch);
  const startedAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    const tip = await repo.branchSha(branch);
    let parent = tip;
    if (!tip) {
      if (target.baseBranch) {
        parent = await baseNs.branchSha(target.baseBranch);
        if (!parent) {
          failRefUpdate(404, 'not_found', `base_branch "${target.baseBranch}" does not exist`, {
            branch,
          });
        }
      } else if (!((await repo.isEmpty()) && (await repo.normal().isEmpty()))) {
        failRefUpdate(
          404,
          'not_found',
          `branch "${branch}" does not exist: pass base_branch to create it from another branch`,
          { branch },
        );
      }
    }
    const oldSha = tip ?? ZERO_SHA;
    if (target.expectedHeadSha && target.expectedHeadSha !== parent) {
      failRefUpdate(
        409,
        'precondition_failed',
        `branch "${branch}" is at ${parent ?? 'nothing'}, not the expected ${target.expectedHeadSha}: ` +
          'refresh the branch and retry',
        { branch, old_sha: oldSha },
      );
    }
    const treeSha = await buildTree(parent);
    const commitSha = await commitTree(
      repo.gitDir,
      treeSha,
      parent ? [parent] : [],
      target.message,
      target.identity,
    );
    if (await repo.updateRef(ref, commitSha, oldSha, `commit: ${target.message}`)) {
      return { commitSha, treeSha, oldSha, newSha: commitSha };
    }
    if (target.expectedHeadSha) {
      failRefUpdate(
        409,
        'precondition_failed',
        `branch "${branch}" moved while committing: refresh the branch and retry`,
        { branch, old_sha: oldSha },
      );
    }
    if (attempt >= MAX_ATTEMPTS || !(await backOff(attempt, startedAt))) {
      failRefUpdate(409, 'conflict', `branch "${branch}" kept moving; retry later`, { branch });
    }
  }
}

/** A 4 MiB chunk is ~5.6 MB of base64 plus framing; lines read whole may be up to this long. */
const MAX_WHOLE_LINE = 8 * 1024 * 1024;

/** The metadata line lists every file of a commit: ~150 bytes each, so 64 MiB is ~400,000 files. */
const MAX_METADATA_LINE = 64 * 1024 * 1024;

/** The events of a commit upload body (§8, §9), read as it arrives. */
export function uploadEvents(ctx: RequestContext, chunkKey: ChunkKey): AsyncGenerator<NdjsonEvent> {
  return ndjsonEvents(bodyChunks(ctx.req, ctx.bodyIdleMs), {
    chunkKey,
    maxLineBytes: MAX_WHOLE_LINE,
    maxFirstLineBytes: MAX_METADATA_LINE,
    maxChunkBytes: MAX_CHUNK_BYTES,
  });
}

/** The metadata object of an upload's first NDJSON line, or a 400 `invalid` failure. */
export function metadataRecord(
  event: { line: number; value: Record<string, unknown> },
  chunkKey: string,
): Partial<WireCommitMetadata> {
  if (event.line !== 1) {
    failRefUpdate(400, 'invalid', `NDJSON line ${event.line} is not a ${chunkKey}`);
  }
  const metadata = event.value.metadata;
  if (typeof metadata !== 'object' || metadata === null) {
    failRefUpdate(400, 'invalid', 'the first NDJSON line must be {"metadata": …}');
  }
  return metadata as Partial<WireCommitMetadata>;
}

/** The success body shared by commit-pack, diff-commit and restore-commit (§8.5, §7.12). */
export function commitAck<C extends Record<string, number>>(
  branch: string,
  outcome: CommitOutcome,
  counts: C,
  message: string,
): {
  commit: { commit_sha: string; tree_sha: string; target_branch: string } & C;
  result: WireRefResult;
} {
  return {
    commit: {
      commit_sha: outcome.commitSha,
      tree_sha: outcome.treeSha,
      target_branch: branch,
      ...counts,
    },
    result: {
      branch,
      target_branch: branch,
      old_sha: outcome.oldSha,
      new_sha: outcome.newSha,
      success: true,
      status: 'ok',
      message,
    },
  };
}

/**
 * A failed upload's error in the commit failure shape (§8.6), for the caller to throw: plain
 * request errors (bad JSON, an oversized line) become `invalid`, so SDKs raise RefUpdateError.
 */
export function asCommitFailure(error: unknown, branch: string | undefined): unknown {
  if (error instanceof HttpError && !('result' in error.body)) {
    try {
      failRefUpdate(error.status, 'invalid', error.message, { branch: branch ?? '' });
    } catch (converted) {
      return converted;
    }
  }
  return error;
}
