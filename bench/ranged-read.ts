/**
 * Times a 100-byte ranged read at the start, middle and end of a big file on a local server (its
 * own process, built JS), against reading the whole file in the same run, and prints JSON.
 * Usage: npm run bench:ranged-read -- [--size-mib 512]
 */
import { openAsBlob } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GitStorage } from '../src/core/index.js';
import { startServerProcess } from './local-server-process.js';
import { writeRandomFile } from './random-file.js';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '512' } } });
const size = Number(values['size-mib']) * 2 ** 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

await mkdir('bench/.tmp', { recursive: true });
const work = await mkdtemp(join(process.cwd(), 'bench/.tmp/ranged-read-'));
const server = await startServerProcess(join(work, 'data'), 'bench');
try {
  const file = join(work, 'big.bin');
  await writeRandomFile(file, size);
  const storage = new GitStorage({
    name: 'bench',
    key: server.privateKeyPem,
    apiBaseUrl: server.url,
  });
  const repo = await storage.createRepo({ id: 'bench/ranged' });
  await repo
    .createCommit({
      targetBranch: 'main',
      commitMessage: 'big',
      author: { name: 'B', email: 'b@example.com' },
    })
    .addFile('big.bin', await openAsBlob(file))
    .send();
  const time = async (range?: string) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const res = await repo.getFileStream({ path: 'big.bin', headers: range ? { range } : {} });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (bytes !== (range ? 100 : size)) throw new Error(`read ${bytes} bytes (${res.status})`);
      runs.push(performance.now() - started);
    }
    return Math.round(median(runs));
  };
  const figures = {
    bench: 'ranged-read',
    fileBytes: size,
    wholeFileMs: await time(),
    range100AtStartMs: await time('bytes=0-99'),
    range100AtMiddleMs: await time(`bytes=${size / 2}-${size / 2 + 99}`),
    range100AtEndMs: await time(`bytes=${size - 100}-${size - 1}`),
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
