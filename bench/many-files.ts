/**
 * Commits N small files in one commit to a local server (in its own process, built JS) with our
 * core client, then reads 1,000-entry pages of `files/metadata` on that tree, and prints JSON
 * figures: commit time, the server's peak RSS, and the median page time. The baseline in the same
 * run is the same commit made by `git` itself (`git add` + `git commit` in a work tree).
 * Then N files in one folder and one commit that deletes them all (each deletion is checked
 * against the tree: once a scan of the folder per path, now one pass), against git's own index
 * update (`update-index --index-info`) + commit.
 * Usage: npm run bench:many-files -- [--files 100000]
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GitStorage } from '../src/core/index.js';
import { startServerProcess } from './local-server-process.js';

const { values } = parseArgs({ options: { files: { type: 'string', default: '100000' } } });
const count = Number(values.files);
const ORG = 'bench';
const author = { name: 'Bench', email: 'bench@example.com' };
const pathOf = (i: number) => `pkg-${i % 100}/src/dir-${Math.floor(i / 100) % 10}/file-${i}.ts`;
const contentOf = (i: number) => `export const value${i} = ${i};\n`;
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(2));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

await mkdir('bench/.tmp', { recursive: true });
const work = await mkdtemp(join(process.cwd(), 'bench/.tmp/many-files-'));
try {
  // Baseline: git itself, from a work tree.
  const tree = join(work, 'tree');
  for (let i = 0; i < count; i++) {
    const path = join(tree, pathOf(i));
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, contentOf(i));
  }
  const git = (args: string[]) =>
    execFileSync('git', args, {
      cwd: tree,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      maxBuffer: 1 << 30,
    });
  git(['init', '-q']);
  let started = performance.now();
  git(['add', '-A']);
  git([
    '-c',
    'gc.auto=0',
    '-c',
    'user.name=B',
    '-c',
    'user.email=b@example.com',
    'commit',
    '-qm',
    'all',
  ]);
  const gitSeconds = seconds(started);

  const server = await startServerProcess(join(work, 'data'), ORG);
  try {
    const storage = new GitStorage({
      name: ORG,
      key: server.privateKeyPem,
      apiBaseUrl: server.url,
    });
    const repo = await storage.createRepo({ id: 'bench/many' });
    const idleRss = await server.peakRss();
    const commit = repo.createCommit({ targetBranch: 'main', commitMessage: 'all', author });
    for (let i = 0; i < count; i++) commit.addFileFromString(pathOf(i), contentOf(i));
    started = performance.now();
    const result = await commit.send();
    const commitSeconds = seconds(started);
    const commitPeakRss = await server.peakRss();

    const pageMs: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const page = await repo.listFilesWithMetadata({ limit: 1000, ...(cursor ? { cursor } : {}) });
      pageMs.push(performance.now() - t);
      if (page.files.length !== 1000) throw new Error(`page ${i} has ${page.files.length} files`);
      cursor = page.nextCursor;
    }
    const listed = await repo.listFiles({ limit: 1 });

    // Deletions: N files in one folder, then one commit that deletes every one of them.
    const flatPath = (i: number) => `flat/file-${i}.ts`;
    const flatRepo = await storage.createRepo({ id: 'bench/flat' });
    const fill = flatRepo.createCommit({ targetBranch: 'main', commitMessage: 'fill', author });
    for (let i = 0; i < count; i++) fill.addFileFromString(flatPath(i), contentOf(i));
    await fill.send();
    const removal = flatRepo.createCommit({ targetBranch: 'main', commitMessage: 'rm', author });
    for (let i = 0; i < count; i++) removal.deletePath(flatPath(i));
    started = performance.now();
    await removal.send();
    const deleteSeconds = seconds(started);
    if ((await flatRepo.listFiles()).paths.length !== 0) throw new Error('files left behind');
    const flatTree = join(work, 'flat-tree');
    await mkdir(join(flatTree, 'flat'), { recursive: true });
    for (let i = 0; i < count; i++) await writeFile(join(flatTree, flatPath(i)), contentOf(i));
    const flatGit = (args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'gc.auto=0', '-c', 'user.name=B', '-c', 'user.email=b@example.com', ...args],
        {
          cwd: flatTree,
          env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
          maxBuffer: 1 << 30,
        },
      );
    flatGit(['init', '-q']);
    flatGit(['add', '-A']);
    flatGit(['commit', '-qm', 'fill']);
    // git's own index update for the same deletions (`git rm` itself takes minutes here: it
    // removes entries one at a time, moving the rest of a 100,000-entry index each time).
    const removals = Array.from(
      { length: count },
      (_, i) => `0 ${'0'.repeat(40)}\t${flatPath(i)}\0`,
    );
    started = performance.now();
    execFileSync('git', ['update-index', '-z', '--index-info'], {
      cwd: flatTree,
      input: removals.join(''),
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
    flatGit(['commit', '-qm', 'rm']);
    const gitDeleteSeconds = seconds(started);
    process.stdout.write(
      `${JSON.stringify(
        {
          bench: 'many-files',
          files: count,
          commitSha: result.commitSha,
          commitSeconds,
          baselineGitAddCommitSeconds: gitSeconds,
          ratioToGit: Number((commitSeconds / gitSeconds).toFixed(2)),
          serverIdleRssMiB: Number((idleRss / 2 ** 20).toFixed(1)),
          serverPeakRssMiB: Number((commitPeakRss / 2 ** 20).toFixed(1)),
          metadataPage1000Ms: {
            median: Math.round(median(pageMs)),
            all: pageMs.map((ms) => Math.round(ms)),
          },
          firstPath: listed.paths[0],
          deleteAllInOneFolder: {
            seconds: deleteSeconds,
            baselineGitUpdateIndexCommitSeconds: gitDeleteSeconds,
            ratioToGit: Number((deleteSeconds / gitDeleteSeconds).toFixed(2)),
          },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await server.stop();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
