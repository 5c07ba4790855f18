/**
 * The browser transport in real headless Chromium: a Vite-built page commits a 64 MiB File it
 * made itself, through Blob parts and XMLHttpRequest, to a local server on another origin.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';
import { hostPage, launchChromium, type PageHost } from './browser-page.js';

let server: TestServer;
let page: PageHost;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  server = await startTestServer({ corsOrigins: ['*'] });
  page = await hostPage();
  browser = await launchChromium();
  const repo = await ourClient(server).createRepo({ id: 'browser/upload' });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('seed', 's')
    .send();
}, 120_000);
afterAll(async () => {
  await browser?.dispose();
  await page?.close();
  await server?.close();
});

// A real browser moving 64 MiB shares two cores with every other suite: allow it time (the test
// asserts behaviour, never speed).
vi.setConfig({ testTimeout: 180_000 });

describe('browser upload (Chromium)', () => {
  it('commits a 64 MiB File (body assembled in OPFS, sent by XHR) with progress, and the bytes round-trip', async () => {
    const tab = await browser.newPage();
    const uploads: string[] = [];
    tab.on('request', (request) => {
      if (request.url().endsWith('/api/v1/repos/commit-pack')) uploads.push(request.resourceType());
    });
    await tab.goto(page.url);
    await tab.waitForFunction(() => document.getElementById('status')?.textContent === 'loaded');
    const result = (await tab.evaluate(
      (options) =>
        (window as unknown as { runUpload: (o: typeof options) => Promise<unknown> }).runUpload(
          options,
        ),
      { apiBaseUrl: server.url, repoId: 'browser/upload', branch: 'main', sizeMiB: 64 },
    )) as {
      commitSha: string;
      fileSize: number;
      fileSha256: string;
      progress: { phase: string; bytesSent: number; totalBytes?: number }[];
      opfsDuringUpload: string[];
      opfsLeftovers: string[];
    };
    // The body went through a temporary OPFS file, which is gone afterwards.
    expect(result.opfsDuringUpload).toEqual([
      expect.stringMatching(/^git-storage-kit-upload-.*\.ndjson$/),
    ]);
    expect(result.opfsLeftovers).toEqual([]);
    expect(result.fileSize).toBe(64 * 1024 * 1024);
    expect(uploads).toEqual(['xhr']); // the Blob/XHR transport, chosen automatically
    // Progress: several upload events, monotonic, ending at the total, then committing.
    const uploading = result.progress.filter((p) => p.phase === 'uploading');
    expect(uploading.length).toBeGreaterThan(2);
    for (let i = 1; i < result.progress.length; i++) {
      expect(result.progress[i]?.bytesSent).toBeGreaterThanOrEqual(
        result.progress[i - 1]?.bytesSent ?? 0,
      );
    }
    expect(result.progress.at(-1)).toEqual({
      phase: 'committing',
      bytesSent: result.fileSize,
      totalBytes: result.fileSize,
    });
    // The bytes the server stored are the bytes the page made.
    const repo = ourClient(server).repo({ id: 'browser/upload' });
    const stored = Buffer.from(
      await (await repo.getFileStream({ path: 'upload/random.bin' })).arrayBuffer(),
    );
    expect(stored.length).toBe(result.fileSize);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(result.fileSha256);
    expect((await repo.listCommits({ limit: 1 })).commits[0]?.sha).toBe(result.commitSha);
    await tab.close();
  });

  it('runs unchanged inside a Web Worker', async () => {
    const tab = await browser.newPage();
    await tab.goto(page.url);
    await tab.waitForFunction(() => document.getElementById('status')?.textContent === 'loaded');
    const result = await tab.evaluate(
      (options) =>
        (window as unknown as { runInWorker: (o: typeof options) => Promise<unknown> }).runInWorker(
          options,
        ),
      { apiBaseUrl: server.url, repoId: 'browser/upload', text: 'hello from a worker\n' },
    );
    expect(result).toMatchObject({ ok: true, readBack: 'hello from a worker\n', hasWindow: false });
    const { commits } = await ourClient(server)
      .repo({ id: 'browser/upload' })
      .listCommits({ limit: 1 });
    expect(commits[0]?.message).toBe('from a worker');
    await tab.close();
  });
});
