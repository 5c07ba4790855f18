/**
 * POST /api/v1/repos/commit-pack (PROTOCOL.md §8): a commit from streamed file contents.
 *
 * Each base64 chunk is decoded as it arrives and appended to a temporary file; when a file's last
 * chunk lands, its path goes to one long-lived `git hash-object` that streams it into the object
 * store. No file is ever held in memory whole, and nothing moves a ref until every file is stored.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathProblem } from '../../core/paths.js';
import type { WireCommitAck, WireCommitFile } from '../../core/wire-types.js';
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
import { BlobWriter, type IndexOp, writeTreeWithOps } from '../git-write.js';
import { failRefUpdate } from '../http-error.js';
import { assertRefWrite } from '../ref-policy.js';
import { TempFile } from '../temp-file.js';

const MODES = new Set(['100644', '100755', '120000']);

interface Upload {
  path: string;
  mode: string;
  file: TempFile;
  done: boolean;
  blobIndex: number;
}

function parseFiles(files: unknown, branch: string): (WireCommitFile & { operation: string })[] {
  if (!Array.isArray(files)) failRefUpdate(400, 'invalid', '"files" must be an array', { branch });
  const ids = new Set<string>();
  const paths = new Set<string>();
  return files.map((raw, i) => {
    const f = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<WireCommitFile>;
    const operation = f.operation ?? 'upsert';
    const path = typeof f.path === 'string' ? f.path : '';
    const problem = pathProblem(path, { symlink: f.mode === '120000' });
    const where = `files[${i}]`;
    if (problem) failRefUpdate(400, 'invalid', `${where}.path: ${problem}`, { branch });
    if (paths.has(path)) {
      failRefUpdate(400, 'invalid', `${where}.path: "${path}" appears twice in one commit`, {
        branch,
      });
    }
    paths.add(path);
    if (operation !== 'upsert' && operation !== 'delete') {
      failRefUpdate(400, 'invalid', `${where}.operation must be "upsert" or "delete"`, { branch });
    }
    if (typeof f.content_id !== 'string' || f.content_id === '') {
      failRefUpdate(400, 'invalid', `${where}.content_id is required`, { branch });
    }
    if (operation === 'upsert') {
      if (ids.has(f.content_id)) {
        failRefUpdate(400, 'invalid', `${where}.content_id "${f.content_id}" is used twice`, {
          branch,
        });
      }
      ids.add(f.content_id);
      if (f.mode !== undefined && !MODES.has(f.mode)) {
        failRefUpdate(400, 'invalid', `${where}.mode must be 100644, 100755 or 120000`, { branch });
      }
    }
    return { ...f, path, operation, content_id: f.content_id };
  });
}

export async function commitPack(ctx: RepoContext): Promise<WireCommitAck> {
  const workDir = await ctx.store.makeTempDir();
  const blobs = new BlobWriter(ctx.git.gitDir);
  const uploads = new Map<string, Upload>();
  let target: CommitTarget | undefined;
  try {
    let files: ReturnType<typeof parseFiles> = [];
    let current: Upload | undefined;
    for await (const event of uploadEvents(ctx, 'blob_chunk')) {
      switch (event.kind) {
        case 'record': {
          const metadata = metadataRecord(event, 'blob_chunk');
          target = parseCommitTarget(metadata);
          // Refuse before reading any file data the policy would throw away.
          assertRefWrite(ctx.claims.refRules, target.branch, 'update');
          files = parseFiles(metadata.files ?? [], target.branch);
          files.forEach((f, i) => {
            if (f.operation === 'upsert') {
              uploads.set(f.content_id, {
                path: f.path,
                mode: f.mode ?? '100644',
                file: new TempFile(join(workDir, String(i))),
                done: false,
                blobIndex: -1,
              });
            }
          });
          break;
        }
        case 'chunk-start': {
          current = uploads.get(String(event.contentId));
          if (!current) {
            failRefUpdate(
              400,
              'invalid',
              `NDJSON line ${event.line}: content_id "${String(event.contentId)}" matches no upsert in metadata.files`,
            );
          }
          if (current.done) {
            failRefUpdate(
              400,
              'invalid',
              `NDJSON line ${event.line}: "${current.path}" already ended`,
            );
          }
          break;
        }
        case 'chunk-data':
          await current?.file.write(event.bytes);
          break;
        case 'chunk-end':
          if (current && event.eof) {
            await current.file.close();
            current.done = true;
            current.blobIndex = blobs.add(
              current.file.path,
              current.file.bytes,
              current.file.compressible,
            );
          }
          current = undefined;
          break;
      }
    }
    if (!target) failRefUpdate(400, 'invalid', 'the request body is empty: send the metadata line');
    for (const upload of uploads.values()) {
      if (!upload.done) {
        failRefUpdate(400, 'invalid', `"${upload.path}" never received a chunk with eof: true`, {
          branch: target.branch,
        });
      }
    }
    const shas = await blobs.finish();
    const ops: IndexOp[] = files.map((f) => {
      if (f.operation === 'delete') return { kind: 'delete', path: f.path };
      const upload = uploads.get(f.content_id) as Upload;
      return { kind: 'upsert', path: f.path, mode: upload.mode, sha: shas[upload.blobIndex] ?? '' };
    });
    const deletes = ops.filter((op) => op.kind === 'delete');
    const branch = target.branch;
    const outcome = await commitOntoBranch(ctx.git, target, async (parent) => {
      const found = parent
        ? await ctx.git.objectInfos(deletes.map((op) => `${parent}:${op.path}`))
        : deletes.map(() => null);
      const missing = deletes.find((_, i) => !found[i] || found[i]?.type === 'tree');
      if (missing) {
        failRefUpdate(
          404,
          'not_found',
          `cannot delete "${missing.path}": no such file on the branch`,
          {
            branch,
          },
        );
      }
      const built = await writeTreeWithOps(ctx.git.gitDir, workDir, parent, ops);
      if ('conflict' in built) {
        const { status, message } = built.conflict;
        failRefUpdate(status, status === 409 ? 'conflict' : 'invalid', message, { branch });
      }
      return built.tree;
    });
    let packBytes = 0;
    for (const upload of uploads.values()) packBytes += upload.file.bytes;
    ctx.res.statusCode = 201;
    return commitAck(
      branch,
      outcome,
      { pack_bytes: packBytes, blob_count: uploads.size },
      `committed ${files.length} change(s) to ${branch}`,
    );
  } catch (error) {
    blobs.abort();
    throw asCommitFailure(error, target?.branch);
  } finally {
    for (const upload of uploads.values()) await upload.file.discard();
    await rm(workDir, { recursive: true, force: true });
  }
}
