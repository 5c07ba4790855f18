/**
 * Commits one large random file to a local server (in its own process) with our client and with
 * the official @pierre/storage SDK (each in its own process), and prints JSON figures: each
 * client's throughput and peak RSS, the server's peak RSS, the ratio of the two clients, and as
 * the floor the time `git hash-object -w` takes to store the same file.
 * Usage: npm run bench:commit-upload -- [--size-mib 1024]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GitStorage } from '@pierre/storage';
import { startServerProcess } from './local-server-process.js';
import { writeRandomFile } from './random-file.js';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '1024' } } });
const sizeMiB = Number(values['size-mib']);
const MiB = 1024 * 1024;
const ORG = 'bench';

interface ClientRun {
  client: string;
  seconds: number;
  peakRssBytes: number;
  commitSha: string;
}

function runClient(client: string, file: string, url: string, keyFile: string): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['bench/upload-client.mjs', client, file, url, keyFile, ORG, 'bench/upload'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ClientRun)
        : reject(new Error(`${client} client exited ${code}`)),
    );
  });
}

const mb = (bytes: number, seconds: number) => Number((bytes / 1e6 / seconds).toFixed(1));
const mib = (bytes: number) => Number((bytes / MiB).toFixed(1));

await mkdir('bench/.tmp', { recursive: true });
const work = await mkdtemp(join(process.cwd(), 'bench/.tmp/commit-upload-'));
try {
  const file = join(work, 'random.bin');
  await writeRandomFile(file, sizeMiB * MiB);
  const size = (await stat(file)).size;

  // Floor: git storing the same file with default settings in a fresh repository.
  const floorRepo = join(work, 'floor.git');
  execFileSync('git', ['init', '--quiet', '--bare', floorRepo]);
  const started = performance.now();
  execFileSync('git', ['--git-dir', floorRepo, 'hash-object', '-w', file]);
  const floorSeconds = (performance.now() - started) / 1000;
  await rm(floorRepo, { recursive: true });

  const runs: Record<string, ClientRun & { serverPeakRssBytes: number }> = {};
  for (const client of ['official', 'ours']) {
    const dataDir = join(work, `data-${client}`);
    const server = await startServerProcess(dataDir, ORG);
    const sdk = new GitStorage({ name: ORG, key: server.privateKeyPem, apiBaseUrl: server.url });
    const repo = await sdk.createRepo({ id: 'bench/upload' });
    await repo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'seed',
        author: { name: 'B', email: 'b@example.com' },
      })
      .addFileFromString('seed', 's')
      .send();
    const run = await runClient(client, file, server.url, join(dataDir, 'dev-keys', 'private.pem'));
    const served = await repo.headFile({ path: 'file.bin', ref: client });
    if (served.size !== size)
      throw new Error(`${client}: stored ${served.size} bytes, sent ${size}`);
    runs[client] = { ...run, serverPeakRssBytes: await server.peakRss() };
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const ours = runs.ours as ClientRun & { serverPeakRssBytes: number };
  const official = runs.official as ClientRun & { serverPeakRssBytes: number };
  const figures = {
    bench: 'commit-upload',
    fileBytes: size,
    ours: {
      seconds: Number(ours.seconds.toFixed(2)),
      throughputMBps: mb(size, ours.seconds),
      clientPeakRssMiB: mib(ours.peakRssBytes),
      serverPeakRssMiB: mib(ours.serverPeakRssBytes),
    },
    official: {
      client: '@pierre/storage 1.17.1',
      seconds: Number(official.seconds.toFixed(2)),
      throughputMBps: mb(size, official.seconds),
      clientPeakRssMiB: mib(official.peakRssBytes),
      serverPeakRssMiB: mib(official.serverPeakRssBytes),
    },
    throughputRatioOursToOfficial: Number((official.seconds / ours.seconds).toFixed(2)),
    floorGitHashObjectSeconds: Number(floorSeconds.toFixed(2)),
    floorThroughputMBps: mb(size, floorSeconds),
    ratioToFloor: {
      ours: Number((floorSeconds / ours.seconds).toFixed(2)),
      official: Number((floorSeconds / official.seconds).toFixed(2)),
    },
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
