/**
 * Write operations: blobs from files, trees in a temporary index, commits, and ref updates by
 * compare-and-swap. Nothing here moves a ref except {@link updateRef}.
 */
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { WireSignature } from '../core/wire-types.js';
import { GitError, gitText, runGit, spawnGit } from './git.js';

/** Blobs larger than this are streamed by git straight into a pack instead of read into memory. */
export const BIG_BLOB_BYTES = 1024 * 1024;

const MAX_CONCURRENT_BIG_HASHES = 2;

/**
 * Hashes finished upload files into the object store while the request is still receiving the
 * next ones. Small files share one long-lived `git hash-object --stdin-paths` (a thousand small
 * files cost one process, not a thousand); each big file gets its own `hash-object` at once, with
 * `core.bigFileThreshold` low so git streams it (without it git reads the whole file into memory).
 *
 * Big files that a sample shows to be incompressible (media, archives, random data) are stored
 * with zlib level 0: deflating them saves nothing and costs ~4x the time of hashing alone.
 */
export class BlobWriter {
  private small: ReturnType<typeof spawnGit> | null = null;
  private smallDone: Promise<string[]> | null = null;
  private smallCount = 0;
  private readonly slots: ({ small: number } | { big: Promise<string> })[] = [];

  /** Big files being hashed at once: a commit of a hundred big files must not fork a hundred gits. */
  private bigRunning = 0;
  private readonly bigWaiting: (() => void)[] = [];

  constructor(private readonly gitDir: string) {}

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
    const smallShas = (await this.smallDone) ?? [];
    if (smallShas.length !== this.smallCount) {
      throw new Error(`hash-object returned ${smallShas.length} ids for ${this.smallCount} files`);
    }
    return Promise.all(
      this.slots.map((slot) => ('big' in slot ? slot.big : (smallShas[slot.small] ?? ''))),
    );
  }

  /** Stops the shared git process without waiting (the request failed or was aborted). */
  abort(): void {
    this.small?.kill();
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

/**
 * Builds a tree from `baseCommit`'s tree (or the empty tree) plus `ops`, in a private index file
 * under `workDir`. Returns the tree SHA.
 */
export async function writeTreeWithOps(
  gitDir: string,
  workDir: string,
  baseCommit: string | null,
  ops: readonly IndexOp[],
): Promise<string> {
  const env = { GIT_INDEX_FILE: join(workDir, 'index') };
  await runGit(gitDir, ['read-tree', ...(baseCommit ? [`${baseCommit}^{tree}`] : ['--empty'])], {
    env,
  });
  if (ops.length > 0) {
    const input = ops
      .map((op) =>
        op.kind === 'upsert' ? `${op.mode} ${op.sha}\t${op.path}\0` : `0 ${ZERO}\t${op.path}\0`,
      )
      .join('');
    await runGit(gitDir, ['update-index', '-z', '--index-info'], { env, input });
  }
  return gitText(gitDir, ['write-tree'], { env });
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
