/**
 * Write operations: blobs from files, trees in a temporary index, commits, and ref updates by
 * compare-and-swap. Nothing here moves a ref except {@link updateRef}.
 */
import { join } from 'node:path';
import type { WireSignature } from '../core/wire-types.js';
import { GitError, gitText, runGit, spawnGit } from './git.js';

/**
 * Blobs larger than this are streamed by git straight into a pack instead of being read into
 * memory (`git hash-object` otherwise holds the whole file). Compression level 1: most of the
 * cost of storing a big blob is zlib, and level 1 is several times faster than the default.
 */
const STREAMING_HASH_CONFIG = ['-c', 'core.bigFileThreshold=1m', '-c', 'core.compression=1'];

/**
 * Hashes files into the object store with one long-lived `git hash-object --stdin-paths`, so that
 * git stores file N while the request is still receiving file N+1, and a commit of a thousand small
 * files costs one process, not a thousand.
 */
export class BlobWriter {
  private readonly child;
  private readonly out: Buffer[] = [];
  private readonly done: Promise<string[]>;
  private count = 0;

  constructor(gitDir: string) {
    this.child = spawnGit(gitDir, [
      ...STREAMING_HASH_CONFIG,
      'hash-object',
      '-w',
      '--no-filters',
      '--stdin-paths',
    ]);
    const err: Buffer[] = [];
    this.child.stdout.on('data', (b: Buffer) => this.out.push(b));
    this.child.stderr.on('data', (b: Buffer) => err.push(b));
    this.child.stdin.on('error', () => {
      // Reported through the exit code below.
    });
    this.done = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code) => {
        if (code !== 0) {
          reject(new GitError(['hash-object'], code, Buffer.concat(err).toString('utf8')));
          return;
        }
        const shas = Buffer.concat(this.out).toString('utf8').split('\n').filter(Boolean);
        resolve(shas);
      });
    });
    this.done.catch(() => {
      // Surfaced by finish(); an aborted request never calls it.
    });
  }

  /** Queues a finished file; returns its index in the result of {@link finish}. */
  add(filePath: string): number {
    this.child.stdin.write(`${filePath}\n`);
    return this.count++;
  }

  /** Waits for git to store every queued file; returns their blob SHAs in queue order. */
  async finish(): Promise<string[]> {
    this.child.stdin.end();
    const shas = await this.done;
    if (shas.length !== this.count) {
      throw new Error(`hash-object returned ${shas.length} ids for ${this.count} files`);
    }
    return shas;
  }

  /** Stops git without waiting (the request failed or was aborted). */
  abort(): void {
    this.child.kill();
  }
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
