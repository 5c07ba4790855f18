/**
 * Streams a tar.gz archive of a repository holding one big file (random bytes) from a local
 * server in its own process (built JS), against reading the same file whole in the same run, and
 * records the server's peak RSS before and after: an archive must not be held in memory.
 * Usage: npm run bench:archive -- [--size-mib 512]
 */
import { openAsBlob } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GitStorage } from '../src/core/index.js';
import { startServerProcess } from './local-server-process.js';
import { writeRandomFile } from './random-file.js';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '512' } } });
const size = Number(values['size-mib']) * 2 ** 20;
const MiB = 2 ** 20;

await mkdir('bench/.tmp', { recursive: true });
const work = await mkdtemp(join(process.cwd(), 'bench/.tmp/archive-'));
const server = await startServerProcess(join(work, 'data'), 'bench');
try {
  const file = join(work, 'big.bin');
  await writeRandomFile(file, size);
  const storage = new GitStorage({
    name: 'bench',
    key: server.privateKeyPem,
    apiBaseUrl: server.url,
  });
  const repo = await storage.createRepo({ id: 'bench/archive' });
  let builder = repo
    .createCommit({
      targetBranch: 'main',
      commitMessage: 'big',
      author: { name: 'B', email: 'b@example.com' },
    })
    .addFile('big.bin', await openAsBlob(file));
  for (let i = 0; i < 1000; i++)
    builder = builder.addFileFromString(`src/f${i}.txt`, `file ${i}\n`);
  await builder.send();

  /** Reads a response to the end, a piece at a time, and counts its bytes. */
  const drain = async (response: Response) => {
    let bytes = 0;
    for await (const piece of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += piece.length;
    }
    return bytes;
  };
  /** The largest anonymous (heap) memory of the server's git children, sampled every 50 ms. */
  const gitChildrenAnonKiB = async () => {
    let most = 0;
    for (const pid of (await readdir('/proc')).filter((n) => /^\d+$/.test(n))) {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      if (!/^Name:\s+git/m.test(status)) continue;
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== server.child.pid) continue;
      most = Math.max(most, Number(/^RssAnon:\s+(\d+)/m.exec(status)?.[1] ?? 0));
    }
    return most;
  };
  const timed = async (run: () => Promise<Response>) => {
    const started = performance.now();
    let gitAnonKiB = 0;
    const sampler = setInterval(async () => {
      gitAnonKiB = Math.max(gitAnonKiB, await gitChildrenAnonKiB());
    }, 50);
    const bytes = await drain(await run());
    clearInterval(sampler);
    return {
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      bytes,
      gitPeakAnonMiB: Number((gitAnonKiB / 1024).toFixed(1)),
    };
  };
  const rssAtStart = await server.peakRss();
  const wholeFile = await timed(() => repo.getFileStream({ path: 'big.bin' }));
  const rssAfterFile = await server.peakRss();
  const archive = await timed(() => repo.getArchiveStream());
  const rssAfterArchive = await server.peakRss();
  const filtered = await timed(() =>
    repo.getArchiveStream({ maxBlobSize: 1024, archivePrefix: 'src-only' }),
  );
  const rssAfterFiltered = await server.peakRss();
  const figures = {
    bench: 'archive',
    fileBytes: size,
    baselineWholeFile: wholeFile,
    archiveWhole: {
      ...archive,
      ratioToBaseline: Number((archive.seconds / wholeFile.seconds).toFixed(2)),
    },
    archiveFilteredSmallFilesOnly: filtered,
    serverPeakRssMiB: {
      atStart: Math.round(rssAtStart / MiB),
      afterWholeFile: Math.round(rssAfterFile / MiB),
      afterArchive: Math.round(rssAfterArchive / MiB),
      afterFilteredArchive: Math.round(rssAfterFiltered / MiB),
    },
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
