/**
 * The CommitComposer in real headless Chromium: a 256 MiB File dropped on it (a real
 * DataTransfer on a drop event) commits through the browser transport with the progressbar
 * climbing to 100 %, then "Committing…", and the bytes round-trip (SHA-256 in the page against
 * SHA-256 of what the server stores).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';
import { hostPage, launchChromium, type PageHost } from './browser-page.js';

const REPO = 'browser/composer';
let server: TestServer;
let page: PageHost;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  server = await startTestServer({ corsOrigins: ['*'] });
  page = await hostPage('composer-page');
  browser = await launchChromium();
  const repo = await ourClient(server).createRepo({ id: REPO });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('seed.txt', 'seed\n')
    .send();
}, 120_000);
afterAll(async () => {
  await browser?.dispose();
  await page?.close();
  await server?.close();
});

// 256 MiB through a real browser on two shared cores: time is allowed, never asserted.
vi.setConfig({ testTimeout: 300_000 });

describe('CommitComposer in Chromium', () => {
  it('commits a dropped 256 MiB File with progress reaching 100 %, and the bytes round-trip', async () => {
    const tab = await browser.newPage();
    const uploads: string[] = [];
    tab.on('request', (request) => {
      if (request.url().endsWith('/api/v1/repos/commit-pack')) uploads.push(request.method());
    });
    await tab.goto(
      `${page.url}/?api=${encodeURIComponent(server.url)}&repo=${encodeURIComponent(REPO)}`,
    );
    await tab.getByRole('group', { name: 'Drop files or folders here' }).waitFor();
    const pageSha = await tab.evaluate(() =>
      (window as unknown as { makeFile: (m: number, h: boolean) => Promise<string> }).makeFile(
        256,
        true,
      ),
    );
    await tab.evaluate(() =>
      (
        window as unknown as { dropFiles: (f: { name: string; text?: string }[]) => void }
      ).dropFiles([{ name: 'big.bin' }, { name: 'notes.txt', text: 'dropped beside it\n' }]),
    );
    const rows = tab.getByRole('list', { name: 'Staged changes' }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('268 MB');

    await tab.getByRole('textbox', { name: 'Commit message' }).fill('A big file from the browser');
    await tab.getByRole('button', { name: 'Commit' }).click();
    // Per-file bars while uploading.
    await tab.getByRole('progressbar', { name: 'Upload of big.bin' }).waitFor();
    await tab.getByText(/^Committed [0-9a-f]{7}: A big file from the browser$/).waitFor({
      timeout: 280_000,
    });
    const seen = await tab.evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    const percents = seen.map((s) => Number(s.split('|')[0]));
    // It climbed (several values on the way), never went back, and reached 100 %.
    expect(new Set(percents).size).toBeGreaterThan(3);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents).toContain(100);
    expect(seen.some((s) => /\|Uploading \d+ %…$/.test(s))).toBe(true);
    expect(seen[seen.length - 1]).toBe('100|Committing…');
    // One commit upload, nothing else.
    expect(uploads).toEqual(['POST']);

    const client = ourClient(server);
    const repo = client.repo({ id: REPO });
    const committed = await tab.evaluate(
      () => (window as unknown as { committed: string[] }).committed,
    );
    expect(committed).toEqual([(await repo.getCommit({ sha: 'main' })).commit.sha]);
    const response = await repo.getFileStream({ ref: 'main', path: 'big.bin' });
    const hash = createHash('sha256');
    let size = 0;
    for await (const piece of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(piece);
      size += piece.length;
    }
    expect(size).toBe(256 * 1024 * 1024);
    expect(hash.digest('hex')).toBe(pageSha);
    expect(await (await repo.getFileStream({ ref: 'main', path: 'notes.txt' })).text()).toBe(
      'dropped beside it\n',
    );
    await tab.close();
  });
});
