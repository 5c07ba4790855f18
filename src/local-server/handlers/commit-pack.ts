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
import { BlobWriter, type IndexOp, PACKED_BLOB_BYTES, writeTreeWithOps } from '../git-write.js';
import { failRefUpdate } from '../http-error.js';
import { assertRefWrite } from '../ref-policy.js';
import { TempFile } from '../temp-file.js';

const MODES = new Set(['100644', '100755', '120000']);
const MODES_BY_NAME = new Map([...MODES].map((mode) => [mode, mode]));

/** Commits of at least this many files pack their tiny files instead of writing loose objects. */
const PACK_TINY_FROM = 64;

interface Upload {
  path: string;
  mode: string;
  /** Its place in metadata.files (names its temporary file). */
  index: number;
  /** Made on the first byte that goes to disk: tiny files packed whole never get one. */
  file: TempFile | null;
  done: boolean;
  blobIndex: number;
}

type ParsedFile = WireCommitFile & { operation: 'upsert' | 'delete' };

function parseFiles(files: unknown, branch: string): ParsedFile[] {
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
    // Validated in place: a commit of 100,000 files keeps one object per file, not two, and
    // shares one copy of each operation and mode string (JSON.parse makes one per file).
    f.operation = operation === 'delete' ? 'delete' : 'upsert';
    if (f.mode !== undefined) f.mode = MODES_BY_NAME.get(f.mode);
    return f as ParsedFile;
  });
}

export async function commitPack(ctx: RepoContext): Promise<WireCommitAck> {
  const workDir = await ctx.store.makeTempDir();
  const blobs = new BlobWriter(ctx.git.gitDir);
  const uploads = new Map<string, Upload>();
  let target: CommitTarget | undefined;
  // A commit of many files packs the tiny ones (whole in one chunk, ≤ 64 KiB): the chunk is
  // gathered in this one reused buffer and handed to git's pack writer, never to a file.
  let packTiny = false;
  const tiny = Buffer.allocUnsafe(PACKED_BLOB_BYTES);
  let tinyLength = 0;
  let gathering = false;
  let packedBytes = 0;
  try {
    let files: ReturnType<typeof parseFiles> = [];
    let current: Upload | undefined;
    const fileOf = (upload: Upload): TempFile => {
      upload.file ??= new TempFile(join(workDir, String(upload.index)));
      return upload.file;
    };
    /** Writes what was gathered of the current chunk to its file: it is not a tiny file. */
    const spill = async (upload: Upload) => {
      if (gathering) await fileOf(upload).write(tiny.subarray(0, tinyLength));
      gathering = false;
    };
    for await (const event of uploadEvents(ctx, 'blob_chunk')) {
      switch (event.kind) {
        case 'record': {
          const metadata = metadataRecord(event, 'blob_chunk');
          target = parseCommitTarget(metadata);
          // Refuse before reading any file data the policy would throw away.
          assertRefWrite(ctx.claims.refRules, target.branch, 'update');
          files = parseFiles(metadata.files ?? [], target.branch);
          packTiny = files.filter((f) => f.operation === 'upsert').length >= PACK_TINY_FROM;
          files.forEach((f, i) => {
            if (f.operation === 'upsert') {
              // The parsed entry itself carries the upload's state: one object per file.
              const upload = f as ParsedFile & Upload;
              upload.mode = f.mode ?? '100644';
              upload.index = i;
              upload.file = null;
              upload.done = false;
              upload.blobIndex = -1;
              uploads.set(f.content_id, upload);
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
          gathering = packTiny && current.file === null;
          tinyLength = 0;
          break;
        }
        case 'chunk-data':
          if (!current) break;
          if (gathering && tinyLength + event.bytes.length <= PACKED_BLOB_BYTES) {
            tiny.set(event.bytes, tinyLength);
            tinyLength += event.bytes.length;
          } else {
            await spill(current);
            await fileOf(current).write(event.bytes);
          }
          break;
        case 'chunk-end':
          if (current && event.eof && gathering) {
            gathering = false;
            current.done = true;
            current.blobIndex = await blobs.addBytes(tiny.subarray(0, tinyLength));
            packedBytes += tinyLength;
          } else if (current && event.eof) {
            const file = fileOf(current);
            await file.close();
            current.done = true;
            current.blobIndex = blobs.add(file.path, file.bytes, file.compressible);
          } else if (current) {
            await spill(current); // More chunks follow: the file goes to disk.
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
    // Each parsed entry becomes its own index change (no second object per file).
    const ops = files.map((f) => {
      const op = f as ParsedFile & Partial<Upload> & { kind?: string; sha?: string };
      if (f.operation === 'delete') op.kind = 'delete';
      else {
        op.kind = 'upsert';
        op.sha = shas[op.blobIndex ?? -1] ?? '';
      }
      return op as unknown as IndexOp;
    });
    shas.length = 0;
    // Only uploads with a temporary file are needed from here on (to discard it).
    for (const [id, upload] of uploads) if (!upload.file) uploads.delete(id);
    const deleteCount = ops.filter((op) => op.kind === 'delete').length;
    const branch = target.branch;
    const outcome = await commitOntoBranch(ctx.git, target, async (parent) => {
      const built = await writeTreeWithOps(ctx.git.gitDir, workDir, parent, ops);
      if ('conflict' in built) {
        const { status, message } = built.conflict;
        const reason = status === 409 ? 'conflict' : status === 404 ? 'not_found' : 'invalid';
        failRefUpdate(status, reason, message, { branch });
      }
      return built.tree;
    });
    let packBytes = packedBytes;
    const blobCount = files.length - deleteCount;
    for (const upload of uploads.values()) packBytes += upload.file?.bytes ?? 0;
    ctx.res.statusCode = 201;
    return commitAck(
      branch,
      outcome,
      { pack_bytes: packBytes, blob_count: blobCount },
      `committed ${files.length} change(s) to ${branch}`,
    );
  } catch (error) {
    blobs.abort();
    throw asCommitFailure(error, target?.branch);
  } finally {
    for (const upload of uploads.values()) await upload.file?.discard();
    await rm(workDir, { recursive: true, force: true });
  }
}
