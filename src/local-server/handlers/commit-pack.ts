/**
 * POST /api/v1/repos/commit-pack (PROTOCOL.md §8): a commit from streamed file contents.
 *
 * Each base64 chunk is decoded as it arrives and appended to a temporary file; when a file's last
 * chunk lands, its path goes to one long-lived `git hash-object` that streams it into the object
 * store. No file is ever held in memory whole, and nothing moves a ref until every file is stored.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathProblem } from '../../core/paths.js';
import {
  MAX_CHUNK_BYTES,
  type WireCommitAck,
  type WireCommitFile,
  type WireCommitMetadata,
} from '../../core/wire-types.js';
import { type CommitTarget, commitOntoBranch, parseCommitTarget } from '../commit-flow.js';
import { bodyChunks, type RepoContext } from '../context.js';
import { BlobWriter, type IndexOp, looksCompressible, writeTreeWithOps } from '../git-write.js';
import { failRefUpdate, HttpError } from '../http-error.js';
import { decodeBase64, ndjsonLines, parseLine } from '../ndjson.js';

/** A 4 MiB chunk is ~5.6 MB of base64 plus framing; allow headroom, refuse anything bigger. */
export const MAX_NDJSON_LINE = 8 * 1024 * 1024;

const MODES = new Set(['100644', '100755', '120000']);

interface Upload {
  path: string;
  mode: string;
  file: string;
  handle: FileHandle | null;
  bytes: number;
  compressible: boolean;
  done: boolean;
  blobIndex: number;
}

function parseFiles(files: unknown, branch: string): (WireCommitFile & { operation: string })[] {
  if (!Array.isArray(files)) failRefUpdate(400, 'invalid', '"files" must be an array', { branch });
  const ids = new Set<string>();
  return files.map((raw, i) => {
    const f = raw as Partial<WireCommitFile>;
    const operation = f.operation ?? 'upsert';
    const path = typeof f.path === 'string' ? f.path : '';
    const problem = pathProblem(path);
    const where = `files[${i}]`;
    if (problem) failRefUpdate(400, 'invalid', `${where}.path: ${problem}`, { branch });
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
    let lineNumber = 0;
    const lines = ndjsonLines(bodyChunks(ctx.req), MAX_NDJSON_LINE);
    let files: ReturnType<typeof parseFiles> = [];
    for await (const line of lines) {
      lineNumber++;
      const record = parseLine(line, lineNumber);
      if (lineNumber === 1) {
        const metadata = record.metadata as Partial<WireCommitMetadata> | undefined;
        if (typeof metadata !== 'object' || metadata === null) {
          failRefUpdate(400, 'invalid', 'the first NDJSON line must be {"metadata": …}');
        }
        target = parseCommitTarget(metadata);
        files = parseFiles(metadata.files ?? [], target.branch);
        files.forEach((f, i) => {
          if (f.operation === 'upsert') {
            uploads.set(f.content_id, {
              path: f.path,
              mode: f.mode ?? '100644',
              file: join(workDir, String(i)),
              handle: null,
              bytes: 0,
              compressible: true,
              done: false,
              blobIndex: -1,
            });
          }
        });
        continue;
      }
      const chunk = record.blob_chunk as Record<string, unknown> | undefined;
      if (typeof chunk !== 'object' || chunk === null) {
        failRefUpdate(400, 'invalid', `NDJSON line ${lineNumber} is not a blob_chunk`);
      }
      const upload = uploads.get(String(chunk.content_id));
      if (!upload) {
        failRefUpdate(
          400,
          'invalid',
          `NDJSON line ${lineNumber}: content_id "${String(chunk.content_id)}" matches no upsert in metadata.files`,
        );
      }
      if (upload.done) {
        failRefUpdate(400, 'invalid', `NDJSON line ${lineNumber}: "${upload.path}" already ended`);
      }
      const bytes = decodeBase64(chunk.data, lineNumber, MAX_CHUNK_BYTES);
      if (!upload.handle) {
        upload.handle = await open(upload.file, 'w');
        upload.compressible = looksCompressible(bytes);
      }
      if (bytes.length > 0) await upload.handle.write(bytes);
      upload.bytes += bytes.length;
      if (chunk.eof === true) {
        await upload.handle.close();
        upload.handle = null;
        upload.done = true;
        upload.blobIndex = blobs.add(upload.file, upload.bytes, upload.compressible);
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
      return writeTreeWithOps(ctx.git.gitDir, workDir, parent, ops);
    });
    let packBytes = 0;
    for (const upload of uploads.values()) packBytes += upload.bytes;
    ctx.res.statusCode = 201;
    return {
      commit: {
        commit_sha: outcome.commitSha,
        tree_sha: outcome.treeSha,
        target_branch: branch,
        pack_bytes: packBytes,
        blob_count: uploads.size,
      },
      result: {
        branch,
        old_sha: outcome.oldSha,
        new_sha: outcome.newSha,
        success: true,
        status: 'ok',
        message: `committed ${files.length} change(s) to ${branch}`,
      },
    };
  } catch (error) {
    blobs.abort();
    // Turn plain request errors (bad JSON, oversized line) into the commit failure shape (§8.6).
    if (error instanceof HttpError && !('result' in error.body)) {
      failRefUpdate(error.status, 'invalid', error.message, {
        branch: target?.branch ?? '',
      });
    }
    throw error;
  } finally {
    for (const upload of uploads.values()) await upload.handle?.close().catch(() => {});
    await rm(workDir, { recursive: true, force: true });
  }
}
