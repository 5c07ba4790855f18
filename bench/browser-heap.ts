/**
 * JS heap growth in headless Chromium while the core client commits a large File through its
 * browser transport (Blob parts + XHR). Samples performance.memory every 20 ms and at every
 * progress event. Usage: npm run bench:browser-heap -- [--size-mib 512]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hostPage, launchChromium } from '../test/e2e/browser-page.js';
import { AUTHOR, ourClient, startTestServer } from '../test/helpers/local-server.js';
import { writeRandomFile } from './random-file.js';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '512' } } });
const sizeMiB = Number(values['size-mib']);
const MiB = 1024 * 1024;

const server = await startTestServer({
  corsOrigins: ['*'],
  log: (line) => process.stderr.write(`server: ${line}\n`),
});
const page = await hostPage();
const work = await mkdtemp(join(tmpdir(), 'gsk-heap-'));
const browser = await launchChromium(['--enable-precise-memory-info']);
try {
  const repo = await ourClient(server).createRepo({ id: 'bench/browser' });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('seed', 's')
    .send();
  // A disk-backed File, as from a file picker (Chromium will not page a 512 MiB in-page Blob).
  const file = join(work, 'random.bin');
  await writeRandomFile(file, sizeMiB * MiB);
  const tab = await browser.newPage();
  await tab.goto(page.url);
  await tab.waitForFunction(() => document.getElementById('status')?.textContent === 'loaded');
  await tab.setInputFiles('#file', file);
  const result = (await tab.evaluate(
    (options) =>
      (window as unknown as { runUpload: (o: typeof options) => Promise<unknown> }).runUpload(
        options,
      ),
    {
      apiBaseUrl: server.url,
      repoId: 'bench/browser',
      branch: 'main',
      sizeMiB: 0,
      sampleHeap: true,
    },
  )) as { seconds: number; fileSize: number; heapBefore: number; heapPeak: number };
  const stored = await repo.headFile({ path: 'upload/random.bin' });
  if (stored.size !== result.fileSize)
    throw new Error(`stored ${stored.size} of ${result.fileSize} bytes`);
  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'browser-heap',
        browser: `Chromium ${browser.browser()?.version() ?? ''}`,
        transport: 'blob (body assembled in an OPFS file, sent with XMLHttpRequest)',
        fileBytes: result.fileSize,
        seconds: Number(result.seconds.toFixed(2)),
        throughputMBps: Number((result.fileSize / 1e6 / result.seconds).toFixed(1)),
        heapBeforeMiB: Number((result.heapBefore / MiB).toFixed(1)),
        heapPeakMiB: Number((result.heapPeak / MiB).toFixed(1)),
        heapGrowthMiB: Number(((result.heapPeak - result.heapBefore) / MiB).toFixed(1)),
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
  await browser.dispose();
  await page.close();
  await server.close();
}
