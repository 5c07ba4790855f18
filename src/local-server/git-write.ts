/**
 * Write operations: blobs from files, trees in a temporary index, commits, and ref updates by
 * compare-and-swap. Nothing here moves a ref except {@link updateRef}.
 */
import { hash } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { WireSignature } from '../core/wire-types.js';
import { GitError, gitText, runGit, spawnGit } from './git.js';

/** Blobs larger than this are streamed by git straight into a pack instead of read into memory. */
export const BIG_BLOB_BYTES = 1024 * 1024;

const MAX_CONCURRENT_BIG_HASHES = 2;

/** Files up to this size may be handed over whole and packed ({@link BlobWriter.addBytes}). */
export const PACKED_BLOB_BYTES = 64 * 1024;

/** fast-import commands are sent in writes of up to this many bytes. */
const PACK_BATCH_BYTES = 256 * 1024;

/**
 * Hashes finished upload files into the object store while the request is still receiving the
 * next ones. Small files share one long-lived `git hash-object --stdin-paths` (a thousand small
 * files cost one process, not a thousand); each big file gets its own `hash-object` at once, with
 * `core.bigFileThreshold` low so git streams it (without it git reads the whole file into memory).
 *
 * Big files that a sample shows to be incompressible (media, archives, random data) are stored
 * with zlib level 0: deflating them saves nothing and costs ~4x the time of hashing alone.
 *
 * Tiny files given as bytes ({@link addBytes}, at most {@link PACKED_BLOB_BYTES} each) go to one
 * `git fast-import`, which writes them into a single pack: writing 100,000 loose objects (one file
 * each) is what made a 100,000-file commit take minutes.
 */
export class BlobWriter {
  private small: ReturnType<typeof spawnGit> | null = null;
  private smallDone: Promise<string[]> | null = null;
  private smallCount = 0;
  private packer: ReturnType<typeof spawnGit> | null = null;
  private batch: Buffer | null = null;
  private batchLength = 0;
  private packerDone: Promise<void> | null = null;
  /** Per queued file: its SHA once known (packed blobs), or where it will come from. */
  private readonly slots: (string | { small: number } | { big: Promise<string> })[] = [];

  /** Big files being hashed at once: a commit of a hundred big files must not fork a hundred gits. */
  private bigRunning = 0;
  private readonly bigWaiting: (() => void)[] = [];

  constructor(private readonly gitDir: string) {}

  /**
   * Queues a tiny file given whole (≤ {@link PACKED_BLOB_BYTES}, a copy is taken); resolves with
   * its index in the result of {@link finish} once the pack writer has taken the bytes.
   */
  async addBytes(bytes: Uint8Array): Promise<number> {
    // fast-import's command for the blob, and git's object header that names it. The
    // repositories are SHA-1 (the server makes them, with no config of the host's), so the SHA
    // is known here without asking fast-import for marks.
    const command = `blob\ndata ${bytes.length}\n`;
    const header = `blob ${bytes.length}\0`;
    if (this.batchLength + command.length + bytes.length + 1 > PACK_BATCH_BYTES) {
      await this.flushBatch();
    }
    // Commands are gathered in one reused buffer and sent one pipe write per ~256 KiB: a write
    // per blob was 300,000 stream writes for 100,000 files. The header goes just before the
    // bytes to hash them in place, then the (longer) command is written over it.
    this.batch ??= Buffer.allocUnsafe(PACK_BATCH_BYTES);
    const start = this.batchLength;
    const data = start + command.length;
    this.batch.set(bytes, data);
    this.batch.write(header, data - header.length, 'latin1');
    const sha = hash('sha1', this.batch.subarray(data - header.length, data + bytes.length), 'hex');
    this.batch.write(command, start, 'latin1');
    this.batch[data + bytes.length] = 0x0a;
    this.batchLength = data + bytes.length + 1;
    this.slots.push(sha);
    return this.slots.length - 1;
  }

  /** Sends the gathered commands (a copy: the batch buffer is reused at once). */
  private async flushBatch(): Promise<void> {
    if (!this.batch || this.batchLength === 0) return;
    const out = Buffer.from(this.batch.subarray(0, this.batchLength));
    this.batchLength = 0;
    const packer = this.packProcess();
    if (!packer.stdin.write(out)) await once(packer.stdin, 'drain');
  }

  private packProcess(): ReturnType<typeof spawnGit> {
    if (this.packer) return this.packer;
    // glibc otherwise gives memory back to the kernel after every blob and asks for it again
    // before the next (two brk calls a blob): 100,000 blobs took 15 s that way and take 0.5 s so.
    const child = spawnGit(this.gitDir, ['fast-import', '--quiet', '--done'], {
      MALLOC_TRIM_THRESHOLD_: String(128 * 1024 * 1024),
      MALLOC_TOP_PAD_: String(16 * 1024 * 1024),
    });
    const err: Buffer[] = [];
    child.stdout.resume();
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // Reported through the exit code below.
    this.packerDone = new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new GitError(['fast-import'], code, Buffer.concat(err).toString('utf8')));
      });
    });
    this.packerDone.catch(() => {});
    this.packer = child;
    return child;
  }

  /** Waits for fast-import to write its pack (the packed blobs exist once it has exited). */
  private async packed(): Promise<void> {
    await this.flushBatch();
    if (!this.packer) return;
    this.packer.stdin.end('done\n');
    await this.packerDone;
  }

  /** Waits for a free big-file slot; resolves with the function that frees it. */
  private async bigTurn(): Promise<() => void> {
    if (this.bigRunning >= MAX_CONCURRENT_BIG_HASHES) {
      await new Promise<void>((resolve) => this.bigWaiting.push(resolve));
    } else {
      this.bigRunning++;
    }
    return () => {
      const next = this.bigWaiting.shift();
      if (next)
        next(); // hand the slot straight on
      else this.bigRunning--;
    };
  }

  /** Queues a finished file; returns its index in the result of {@link finish}. */
  add(filePath: string, size: number, compressible: boolean): number {
    if (size > BIG_BLOB_BYTES) {
      const big = this.bigTurn().then((release) =>
        gitText(this.gitDir, [
          '-c',
          `core.bigFileThreshold=${BIG_BLOB_BYTES}`,
          '-c',
          `core.compression=${compressible ? 1 : 0}`,
          'hash-object',
          '-w',
          '--no-filters',
          '--',
          filePath,
        ]).finally(release),
      );
      big.catch(() => {}); // Surfaced by finish(); an aborted request never calls it.
      this.slots.push({ big });
    } else {
      this.smallProcess().stdin.write(`${filePath}\n`);
      this.slots.push({ small: this.smallCount++ });
    }
    return this.slots.length - 1;
  }

  private smallProcess(): ReturnType<typeof spawnGit> {
    if (this.small) return this.small;
    const child = spawnGit(this.gitDir, ['hash-object', '-w', '--no-filters', '--stdin-paths']);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // Reported through the exit code below.
    this.smallDone = new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) {
          reject(new GitError(['hash-object'], code, Buffer.concat(err).toString('utf8')));
          return;
        }
        resolve(Buffer.concat(out).toString('utf8').split('\n').filter(Boolean));
      });
    });
    this.smallDone.catch(() => {});
    this.small = child;
    return child;
  }

  /** Waits for git to store every queued file; returns their blob SHAs in queue order. */
  async finish(): Promise<string[]> {
    this.small?.stdin.end();
    const [smallShas] = await Promise.all([this.smallDone ?? Promise.resolve([]), this.packed()]);
    if (smallShas.length !== this.smallCount) {
      throw new Error(`hash-object returned ${smallShas.length} ids for ${this.smallCount} files`);
    }
    // Awaited one by one: a Promise.all over 100,000 plain values costs a promise each.
    const shas: string[] = new Array(this.slots.length);
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i] as (typeof this.slots)[number];
      shas[i] =
        typeof slot === 'string'
          ? slot
          : 'big' in slot
            ? await slot.big
            : (smallShas[slot.small] ?? '');
    }
    return shas;
  }

  /** Stops the shared git processes without waiting (the request failed or was aborted). */
  abort(): void {
    this.small?.kill();
    this.packer?.kill();
  }
}

/** Whether a sample of a file deflates by at least 5% (else storing it compressed is wasted work). */
export function looksCompressible(sample: Uint8Array): boolean {
  if (sample.length < 1024) return true;
  const piece = sample.subarray(0, 64 * 1024);
  return deflateRawSync(piece, { level: 1 }).length < piece.length * 0.95;
}

/** One change to a tree: a blob at a path with a mode, or a removal. */
export type IndexOp =
  | { kind: 'upsert'; path: string; mode: string; sha: string }
  | { kind: 'delete'; path: string };

const ZERO = '0000000000000000000000000000000000000000';

/** Why a set of changes cannot become a tree: 400 within the commit, 409 against the branch. */
export interface TreeConflict {
  /** 400 within the commit, 404 a deletion of what is not a file there, 409 against the branch. */
  status: 400 | 404 | 409;
  message: string;
}

/** The folders a path lies in: `a/b/c` → `a`, `a/b`. */
function parentDirs(path: string): string[] {
  const dirs: string[] = [];
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) dirs.push(path.slice(0, i));
  return dirs;
}

/** Conflicts inside one commit: a path that is both a file and a folder of another file. */
function conflictsWithinCommit(upserts: ReadonlyMap<string, unknown>): TreeConflict | null {
  for (const path of upserts.keys()) {
    const dir = parentDirs(path).find((d) => upserts.has(d));
    if (dir !== undefined) {
      return {
        status: 400,
        message: `"${dir}" cannot be both a file and the folder of "${path}" in one commit`,
      };
    }
  }
  return null;
}

/** Streams `git ls-files` of a private index, one entry at a time (never the whole listing). */
async function* indexEntries(
  gitDir: string,
  env: Record<string, string>,
  stage: boolean,
): AsyncGenerator<string> {
  const child = spawnGit(gitDir, ['ls-files', '-z', ...(stage ? ['-s'] : [])], env);
  child.stdin.end();
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let pending = '';
  child.stdout.setEncoding('utf8');
  try {
    for await (const piece of child.stdout as AsyncIterable<string>) {
      pending += piece;
      const records = pending.split('\0');
      pending = records.pop() ?? '';
      yield* records;
    }
  } finally {
    child.kill();
  }
  const code = await exited;
  if (code !== 0 && code !== null) throw new GitError(['ls-files'], code, '');
}

/**
 * Builds a tree from `baseCommit`'s tree (or the empty tree) plus `ops`, in a private index file
 * under `workDir`, and proves the result before returning it: every upsert is in the tree with
 * its blob and mode, every deletion is gone, and nothing else disappeared. Git's index silently
 * replaces a file by a folder of the same name (and ignores paths it refuses), so without the
 * checks a commit could report changes it did not make. Costs two streamed listings of the index.
 */
export async function writeTreeWithOps(
  gitDir: string,
  workDir: string,
  baseCommit: string | null,
  ops: readonly IndexOp[],
): Promise<{ tree: string } | { conflict: TreeConflict }> {
  const env = { GIT_INDEX_FILE: join(workDir, 'index') };
  await runGit(gitDir, ['read-tree', ...(baseCommit ? [`${baseCommit}^{tree}`] : ['--empty'])], {
    env,
  });
  const upserts = new Map<string, { mode: string; sha: string }>();
  const deletes = new Set<string>();
  for (const op of ops) {
    if (op.kind === 'upsert') upserts.set(op.path, op);
    else deletes.add(op.path);
  }
  const inCommit = conflictsWithinCommit(upserts);
  if (inCommit) return { conflict: inCommit };

  // Against the branch: a new file inside what is a file there, or over what is a folder there,
  // unless this commit deletes what it replaces.
  const upsertDirs = new Set<string>();
  for (const path of upserts.keys()) for (const dir of parentDirs(path)) upsertDirs.add(dir);
  let before = 0;
  let replaced = 0;
  // Deletions are checked in this same pass over the tree: asking git for each deleted path
  // instead costs a scan of its folder per path (100,000 deletions in one folder: minutes).
  let deletable = 0;
  for await (const path of indexEntries(gitDir, env, false)) {
    before++;
    if (upserts.has(path)) replaced++;
    if (deletes.has(path)) {
      deletable++;
      continue;
    }
    if (upsertDirs.has(path)) {
      return {
        conflict: {
          status: 409,
          message: `"${path}" is a file on the branch: delete it in the same commit to put a folder there`,
        },
      };
    }
    const folder = parentDirs(path).find((d) => upserts.has(d));
    if (folder !== undefined) {
      return {
        conflict: {
          status: 409,
          message: `"${folder}" is a folder on the branch (it holds "${path}"): delete its files in the same commit to put a file there`,
        },
      };
    }
  }

  if (deletable < deletes.size) {
    const present = new Set<string>();
    for await (const path of indexEntries(gitDir, env, false)) {
      if (deletes.has(path)) present.add(path);
    }
    const missing = [...deletes].find((path) => !present.has(path));
    return {
      conflict: { status: 404, message: `cannot delete "${missing}": no such file on the branch` },
    };
  }

  if (ops.length > 0) {
    // Fed in ~64 KiB pieces: 100,000 changes never become one string.
    const input = (function* () {
      let batch = '';
      for (const op of ops) {
        batch +=
          op.kind === 'upsert' ? `${op.mode} ${op.sha}\t${op.path}\0` : `0 ${ZERO}\t${op.path}\0`;
        if (batch.length >= 65536) {
          yield batch;
          batch = '';
        }
      }
      yield batch;
    })();
    const updated = await runGit(gitDir, ['update-index', '-z', '--index-info'], { env, input });
    if (updated.stderr.trim() !== '') {
      // e.g. "Ignoring path …": git refused a path and carried on without it.
      return {
        conflict: {
          status: 400,
          message: `git refused the change: ${updated.stderr.trim()}`,
        },
      };
    }
  }

  let after = 0;
  let found = 0;
  let wrong = false;
  for await (const record of indexEntries(gitDir, env, true)) {
    after++;
    const tab = record.indexOf('\t');
    const path = record.slice(tab + 1);
    const [mode = '', sha = ''] = record.slice(0, tab).split(' ');
    const wanted = upserts.get(path);
    if (wanted) {
      if (wanted.mode !== mode || wanted.sha !== sha) wrong = true;
      found++;
    } else if (deletes.has(path)) {
      wrong = true;
    }
  }
  const expected = before - deletes.size + (upserts.size - replaced);
  if (wrong || found !== upserts.size || after !== expected) {
    return {
      conflict: {
        status: 400,
        message:
          'the tree git built does not hold exactly the staged changes; nothing was committed',
      },
    };
  }
  return { tree: await gitText(gitDir, ['write-tree'], { env }) };
}

/**
 * Builds a tree by applying a patch file to `baseCommit`'s tree, as `git apply --cached --binary`.
 * Returns null when the patch does not apply.
 */
export async function writeTreeWithPatch(
  gitDir: string,
  workDir: string,
  baseCommit: string | null,
  patchFile: string,
): Promise<{ tree: string } | { error: string }> {
  const env = { GIT_INDEX_FILE: join(workDir, 'index') };
  await runGit(gitDir, ['read-tree', ...(baseCommit ? [`${baseCommit}^{tree}`] : ['--empty'])], {
    env,
  });
  const applied = await runGit(gitDir, ['apply', '--cached', '--binary', '--', patchFile], {
    env,
    okCodes: [0, 1, 128],
  });
  if (applied.code !== 0) {
    return { error: applied.stderr.trim().split('\n').slice(0, 5).join('; ') };
  }
  return { tree: await gitText(gitDir, ['write-tree'], { env }) };
}

export interface CommitIdentity {
  author: WireSignature;
  committer: WireSignature;
}

/** Who a commit the server makes is by when the request names nobody (notes, merges). */
export const SERVER_IDENTITY: WireSignature = {
  name: 'git-storage-kit local server',
  email: 'local-server@localhost',
};

/** Writes a commit object; returns its SHA. */
export function commitTree(
  gitDir: string,
  tree: string,
  parents: readonly string[],
  message: string,
  who: CommitIdentity,
): Promise<string> {
  return gitText(gitDir, ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])], {
    input: message.endsWith('\n') ? message : `${message}\n`,
    env: {
      GIT_AUTHOR_NAME: who.author.name,
      GIT_AUTHOR_EMAIL: who.author.email,
      GIT_COMMITTER_NAME: who.committer.name,
      GIT_COMMITTER_EMAIL: who.committer.email,
    },
  });
}

/**
 * Moves `ref` from `oldSha` to `newSha` atomically (`oldSha` = all zeros: the ref must not exist).
 * Returns false when the ref was not at `oldSha`: someone else moved it first.
 */
export async function updateRef(
  gitDir: string,
  ref: string,
  newSha: string,
  oldSha: string,
  reason: string,
): Promise<boolean> {
  const { code } = await runGit(
    gitDir,
    // Wait briefly for a concurrent writer's lock instead of failing at once.
    ['-c', 'core.filesRefLockTimeout=5000', 'update-ref', '-m', reason, ref, newSha, oldSha],
    { okCodes: [0, 1, 128] },
  );
  return code === 0;
}

/** Deletes `ref` if it still points at `oldSha`. */
export async function deleteRef(gitDir: string, ref: string, oldSha: string): Promise<boolean> {
  const { code } = await runGit(
    gitDir,
    ['-c', 'core.filesRefLockTimeout=5000', 'update-ref', '-d', ref, oldSha],
    { okCodes: [0, 1, 128] },
  );
  return code === 0;
}
