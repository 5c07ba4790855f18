/**
 * POST /api/v1/repos/diff-commit (PROTOCOL.md §9): a commit from a streamed patch, applied to the
 * branch tip as `git apply --cached --binary` does. The patch goes to a temporary file chunk by
 * chunk; it is never held in memory whole.
 */
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MAX_CHUNK_BYTES,
  type WireCommitAck,
  type WireCommitMetadata,
} from '../../core/wire-types.js';
import { type CommitTarget, commitOntoBranch, parseCommitTarget } from '../commit-flow.js';
import { bodyChunks, type RepoContext } from '../context.js';
import { writeTreeWithPatch } from '../git-write.js';
import { failRefUpdate, HttpError } from '../http-error.js';
import { decodeBase64, ndjsonLines, parseLine } from '../ndjson.js';
import { MAX_NDJSON_LINE } from './commit-pack.js';

export async function diffCommit(ctx: RepoContext): Promise<WireCommitAck> {
  const workDir = await ctx.store.makeTempDir();
  const patchFile = join(workDir, 'patch');
  const handle = await open(patchFile, 'w');
  let target: CommitTarget | undefined;
  try {
    let lineNumber = 0;
    let patchBytes = 0;
    let ended = false;
    for await (const line of ndjsonLines(bodyChunks(ctx.req), MAX_NDJSON_LINE)) {
      lineNumber++;
      const record = parseLine(line, lineNumber);
      if (lineNumber === 1) {
        const metadata = record.metadata as Partial<WireCommitMetadata> | undefined;
        if (typeof metadata !== 'object' || metadata === null) {
          failRefUpdate(400, 'invalid', 'the first NDJSON line must be {"metadata": …}');
        }
        target = parseCommitTarget(metadata);
        continue;
      }
      const chunk = record.diff_chunk as Record<string, unknown> | undefined;
      if (typeof chunk !== 'object' || chunk === null) {
        failRefUpdate(400, 'invalid', `NDJSON line ${lineNumber} is not a diff_chunk`);
      }
      if (ended) failRefUpdate(400, 'invalid', `NDJSON line ${lineNumber}: the diff already ended`);
      const bytes = decodeBase64(chunk.data, lineNumber, MAX_CHUNK_BYTES);
      if (bytes.length > 0) await handle.write(bytes);
      patchBytes += bytes.length;
      ended = chunk.eof === true;
    }
    await handle.close();
    if (!target) failRefUpdate(400, 'invalid', 'the request body is empty: send the metadata line');
    const branch = target.branch;
    if (!ended)
      failRefUpdate(400, 'invalid', 'the diff never received a chunk with eof: true', { branch });
    if (patchBytes === 0)
      failRefUpdate(422, 'invalid', 'the diff is empty: nothing to commit', { branch });
    const outcome = await commitOntoBranch(ctx.git, target, async (parent) => {
      const applied = await writeTreeWithPatch(ctx.git.gitDir, workDir, parent, patchFile);
      if ('error' in applied) {
        failRefUpdate(409, 'conflict', `the patch does not apply to ${branch}: ${applied.error}`, {
          branch,
          old_sha: parent ?? '',
        });
      }
      return applied.tree;
    });
    ctx.res.statusCode = 201;
    return {
      commit: {
        commit_sha: outcome.commitSha,
        tree_sha: outcome.treeSha,
        target_branch: branch,
        pack_bytes: patchBytes,
        blob_count: 0,
      },
      result: {
        branch,
        old_sha: outcome.oldSha,
        new_sha: outcome.newSha,
        success: true,
        status: 'ok',
        message: `applied the patch to ${branch}`,
      },
    };
  } catch (error) {
    if (error instanceof HttpError && !('result' in error.body)) {
      failRefUpdate(error.status, 'invalid', error.message, { branch: target?.branch ?? '' });
    }
    throw error;
  } finally {
    await handle.close().catch(() => {});
    await rm(workDir, { recursive: true, force: true });
  }
}
