/**
 * Commits one large random file through the official @pierre/storage SDK to a local server running
 * in its own process, and prints JSON figures: throughput, the server's peak RSS, and as the floor
 * the time `git hash-object -w` takes to store the same file (the least any git-backed server
 * must spend). Usage: npm run bench:commit-upload -- [--size-mib 1024]
 */
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GitStorage } from '@pierre/storage';
import { startServerProcess } from './local-server-process.js';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '1024' } } });
const sizeMiB = Number(values['size-mib']);
const MiB = 1024 * 1024;

await mkdir('bench/.tmp', { recursive: true });
const work = await mkdtemp(join(process.cwd(), 'bench/.tmp/commit-upload-'));
try {
  const file = join(work, 'random.bin');
  const handle = await open(file, 'w');
  const block = Buffer.allocUnsafe(64 * MiB);
  for (let written = 0; written < sizeMiB * MiB; written += block.length) {
    randomFillSync(block);
    await handle.write(block, 0, Math.min(block.length, sizeMiB * MiB - written));
  }
  await handle.close();
  const size = (await stat(file)).size;

  // Floor: git storing the same file, default settings, in a fresh repository.
  const floorRepo = join(work, 'floor.git');
  execFileSync('git', ['init', '--quiet', '--bare', floorRepo]);
  let started = performance.now();
  execFileSync('git', ['--git-dir', floorRepo, 'hash-object', '-w', file]);
  const floorSeconds = (performance.now() - started) / 1000;
  await rm(floorRepo, { recursive: true });

  const server = await startServerProcess(join(work, 'data'), 'bench');
  const sdk = new GitStorage({
    name: 'bench',
    key: server.privateKeyPem,
    apiBaseUrl: server.url,
    storageBaseUrl: server.storageHost,
  });
  const repo = await sdk.createRepo({ id: 'bench/upload' });
  const idleRss = await server.peakRss();
  started = performance.now();
  const result = await repo
    .createCommit({
      targetBranch: 'main',
      commitMessage: 'bench',
      author: { name: 'Bench', email: 'bench@example.com' },
    })
    .addFile('random.bin', createReadStream(file, { highWaterMark: 4 * MiB }))
    .send();
  const seconds = (performance.now() - started) / 1000;
  const serverPeakRss = await server.peakRss();
  const served = await repo.headFile({ path: 'random.bin' });
  await server.stop();
  if (served.size !== size) throw new Error(`stored ${served.size} bytes, sent ${size}`);

  const figures = {
    bench: 'commit-upload',
    client: '@pierre/storage 1.17.1 (official SDK)',
    fileBytes: size,
    seconds: Number(seconds.toFixed(2)),
    throughputMBps: Number((size / 1e6 / seconds).toFixed(1)),
    serverPeakRssMiB: Number((serverPeakRss / MiB).toFixed(1)),
    serverIdleRssMiB: Number((idleRss / MiB).toFixed(1)),
    floorGitHashObjectSeconds: Number(floorSeconds.toFixed(2)),
    floorThroughputMBps: Number((size / 1e6 / floorSeconds).toFixed(1)),
    ratioToFloor: Number((floorSeconds / seconds).toFixed(2)),
    commitSha: result.commitSha,
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
