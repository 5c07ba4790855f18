/**
 * POST /api/v1/repos/diff-commit (PROTOCOL.md §9): a commit from a streamed patch, applied to the
 * branch tip as `git apply --cached --binary` does. The patch goes to a temporary file chunk by
 * chunk; it is never held in memory whole.
 */
import { rm } from 'node:fs/promises';
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
import { ndjsonEvents } from '../ndjson.js';
import { TempFile } from '../temp-file.js';
import { MAX_NDJSON_LINE } from './commit-pack.js';

export async function diffCommit(ctx: RepoContext): Promise<WireCommitAck> {
  const workDir = await ctx.store.makeTempDir();
  const patch = new TempFile(join(workDir, 'patch'));
  let target: CommitTarget | undefined;
  try {
    let ended = false;
    const events = ndjsonEvents(bodyChunks(ctx.req), {
      chunkKey: 'diff_chunk',
      maxLineBytes: MAX_NDJSON_LINE,
      maxChunkBytes: MAX_CHUNK_BYTES,
    });
    for await (const event of events) {
      switch (event.kind) {
        case 'record': {
          if (event.line !== 1) {
            failRefUpdate(400, 'invalid', `NDJSON line ${event.line} is not a diff_chunk`);
          }
          const metadata = event.value.metadata as Partial<WireCommitMetadata> | undefined;
          if (typeof metadata !== 'object' || metadata === null) {
            failRefUpdate(400, 'invalid', 'the first NDJSON line must be {"metadata": …}');
          }
          target = parseCommitTarget(metadata);
          break;
        }
        case 'chunk-start':
          if (ended)
            failRefUpdate(400, 'invalid', `NDJSON line ${event.line}: the diff already ended`);
          break;
        case 'chunk-data':
          await patch.write(event.bytes);
          break;
        case 'chunk-end':
          ended = event.eof;
          break;
      }
    }
    await patch.close();
    if (!target) failRefUpdate(400, 'invalid', 'the request body is empty: send the metadata line');
    const branch = target.branch;
    if (!ended)
      failRefUpdate(400, 'invalid', 'the diff never received a chunk with eof: true', { branch });
    if (patch.bytes === 0)
      failRefUpdate(422, 'invalid', 'the diff is empty: nothing to commit', { branch });
    const outcome = await commitOntoBranch(ctx.git, target, async (parent) => {
      const applied = await writeTreeWithPatch(ctx.git.gitDir, workDir, parent, patch.path);
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
        pack_bytes: patch.bytes,
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
    await patch.discard();
    await rm(workDir, { recursive: true, force: true });
  }
}
