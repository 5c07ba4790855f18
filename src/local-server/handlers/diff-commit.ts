/**
 * POST /api/v1/repos/diff-commit (PROTOCOL.md §9): a commit from a streamed patch, applied to the
 * branch tip as `git apply --cached --binary` does. The patch goes to a temporary file chunk by
 * chunk; it is never held in memory whole.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { WireCommitAck } from '../../core/wire-types.js';
import {
  asCommitFailure,
  type CommitTarget,
  commitAck,
  commitOntoBranch,
  metadataRecord,
  parseCommitTarget,
  uploadEvents,
} from '../commit-flow.js';
import type { RepoContext } from '../context.js';
import { writeTreeWithPatch } from '../git-write.js';
import { failRefUpdate } from '../http-error.js';
import { assertRefWrite } from '../ref-policy.js';
import { TempFile } from '../temp-file.js';

export async function diffCommit(ctx: RepoContext): Promise<WireCommitAck> {
  const workDir = await ctx.store.makeTempDir();
  const patch = new TempFile(join(workDir, 'patch'));
  let target: CommitTarget | undefined;
  try {
    let ended = false;
    for await (const event of uploadEvents(ctx, 'diff_chunk')) {
      switch (event.kind) {
        case 'record': {
          const metadata = metadataRecord(event, 'diff_chunk');
          target = parseCommitTarget(metadata);
          // Refuse before reading any file data the policy would throw away.
          assertRefWrite(ctx.claims.refRules, target.branch, 'update');
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
    return commitAck(
      branch,
      outcome,
      { pack_bytes: patch.bytes, blob_count: 0 },
      `applied the patch to ${branch}`,
    );
  } catch (error) {
    throw asCommitFailure(error, target?.branch);
  } finally {
    await patch.discard();
    await rm(workDir, { recursive: true, force: true });
  }
}
