/**
 * `POST repos/archive` (PROTOCOL.md §7.3.2): a gzip'd tar of a ref, streamed from `git archive`.
 *
 * Filters (include/exclude globs, `max_blob_size`) are applied in JS to the tree's listing, and
 * the entries kept are written into a new tree through a private index file; git then archives
 * that tree. Git's pathspecs never see the user's globs, and the bytes go from git to the socket
 * piece by piece: memory stays flat whatever the archive's size.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathProblem } from '../../core/paths.js';
import {
  optionalObject,
  optionalString,
  type RepoContext,
  readJsonBody,
  stringList,
} from '../context.js';
import { gitText, runGit, spawnGit, splitZ, withScratchObjects } from '../git.js';
import { globTest } from '../glob.js';
import { fail } from '../http-error.js';

/** POST repos/archive — an empty body archives the default branch whole. */
export async function archive(ctx: RepoContext) {
  const body = await readJsonBody(ctx);
  const include = stringList(body, 'include_globs').map(globTest);
  const exclude = stringList(body, 'exclude_globs').map(globTest);
  const maxBlob = body.max_blob_size;
  if (maxBlob !== undefined && maxBlob !== null) {
    if (typeof maxBlob !== 'number' || !Number.isFinite(maxBlob) || maxBlob < 0) {
      fail(400, '"max_blob_size" must be a number of bytes (0 or more)');
    }
  }
  let prefix = optionalString(optionalObject(body, 'archive'), 'prefix') ?? '';
  if (prefix) {
    prefix = prefix.replace(/\/+$/, '');
    const problem = pathProblem(prefix);
    if (problem) fail(400, `archive.prefix ${JSON.stringify(prefix)}: ${problem}`);
    prefix += '/';
  }
  const ref = optionalString(body, 'ref') ?? ctx.meta.defaultBranch;
  const commit = await ctx.git.resolveCommit(ref);
  if (!commit) fail(404, `ref "${ref}" not found`);

  const keep = (path: string, size: number) =>
    (include.length === 0 || include.some((t) => t(path))) &&
    !exclude.some((t) => t(path)) &&
    !(typeof maxBlob === 'number' && size > maxBlob);
  const filtered = include.length > 0 || exclude.length > 0 || typeof maxBlob === 'number';
  const workDir = filtered ? await ctx.store.makeTempDir() : undefined;
  try {
    // A filtered archive's tree and commit are written beside the repository, not into it.
    if (workDir) {
      await withScratchObjects(ctx.git.gitDir, workDir, async () =>
        sendArchive(ctx, await filteredTree(ctx, workDir, commit, keep), commit, prefix),
      );
    } else await sendArchive(ctx, commit, commit, prefix);
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

/** Streams `git archive` of `target` (named after `commit`) to the client. */
async function sendArchive(
  ctx: RepoContext,
  target: string,
  commit: string,
  prefix: string,
): Promise<void> {
  {
    // Below core.bigFileThreshold (512 MiB by default) git reads each blob into memory whole
    // before writing it; with a low threshold it streams every blob (measured: a 256 MiB file
    // took git's anonymous memory from 156 MiB to under 1 MiB).
    const child = spawnGit(ctx.git.gitDir, [
      '-c',
      'core.bigFileThreshold=1m',
      'archive',
      '--format=tar.gz',
      ...(prefix ? [`--prefix=${prefix}`] : []),
      target,
    ]);
    child.stdin.end();
    const stderr: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    const name = `${ctx.meta.id.replace(/[^A-Za-z0-9._-]+/g, '-')}-${commit.slice(0, 12)}.tar.gz`;
    ctx.res.writeHead(200, {
      'Content-Type': 'application/gzip',
      'Content-Disposition': `attachment; filename="${name}"`,
      'X-Commit-Sha': commit,
    });
    try {
      await pipeline(child.stdout, ctx.res);
    } finally {
      child.kill();
    }
  }
}

/** A commit of only the blobs of `commit` that `keep` accepts (folders follow their files). */
async function filteredTree(
  ctx: RepoContext,
  workDir: string,
  commit: string,
  keep: (path: string, size: number) => boolean,
): Promise<string> {
  const { stdout } = await runGit(ctx.git.gitDir, [
    'ls-tree',
    '-r',
    '-z',
    '-l',
    '--full-tree',
    commit,
  ]);
  const kept: string[] = [];
  for (const record of splitZ(stdout.toString('utf8'))) {
    // "<mode> <type> <sha> <size>\t<path>", size "-" for submodules (left out).
    const match = /^(\d+) blob ([0-9a-f]+) +(\d+)\t(.*)$/s.exec(record);
    if (!match) continue;
    const [, mode, sha, size, path] = match as unknown as [string, string, string, string, string];
    if (keep(path, Number(size))) kept.push(`${mode} ${sha}\t${path}\0`);
  }
  const env = { GIT_INDEX_FILE: join(workDir, 'index') };
  await runGit(ctx.git.gitDir, ['read-tree', '--empty'], { env });
  await runGit(ctx.git.gitDir, ['update-index', '-z', '--index-info'], { input: kept, env });
  const tree = await gitText(ctx.git.gitDir, ['write-tree'], { env });
  // Archived as a commit dated like the original (git stamps a bare tree's entries with the
  // current time): the same request gives the same bytes.
  const date = await gitText(ctx.git.gitDir, ['log', '-1', '--format=%cI', commit]);
  const who = 'git-storage-kit local server';
  return gitText(ctx.git.gitDir, ['commit-tree', tree, '-m', `archive of ${commit}`], {
    env: {
      GIT_AUTHOR_NAME: who,
      GIT_AUTHOR_EMAIL: 'local-server@localhost',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: who,
      GIT_COMMITTER_EMAIL: 'local-server@localhost',
      GIT_COMMITTER_DATE: date,
    },
  });
}
