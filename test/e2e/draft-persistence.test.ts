/**
 * Drafts kept across reloads, crashes and tabs, in real Chromium (a real profile on disk) with the
 * connected CommitComposer against a real local server: staged files (one 64 MiB), an edit, a
 * deletion and a message survive a reload and commit with the same bytes, after which the
 * browser's draft database is empty; a crashed tab's draft is restored in a new tab; a file that
 * does not fit the browser's quota says so on its row and the rest is kept; two tabs on one draft
 * see each other's changes.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';
import { hostPage, launchChromium, type PageHost } from './browser-page.js';

const REPO = 'browser/drafts';
let server: TestServer;
let host: PageHost;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const errors: string[] = [];

interface DraftPage {
  makeFile(sizeMiB: number, hash: boolean): Promise<string>;
  dropFiles(files: { name: string; text?: string }[]): void;
  stageText(path: string, text: string): void;
  stageDelete(path: string): void;
  draftFlushed(): Promise<void>;
  draftDatabase(): Promise<{ drafts: number; contents: number }>;
}
const inPage = (page: Page) =>
  ({
    makeFile: (size: number, hash: boolean) =>
      page.evaluate(([s, h]) => (window as unknown as DraftPage).makeFile(s, h), [
        size,
        hash,
      ] as const),
    dropFiles: (files: { name: string; text?: string }[]) =>
      page.evaluate((f) => (window as unknown as DraftPage).dropFiles(f), files),
    stageText: (path: string, text: string) =>
      page.evaluate(
        ([p, t]) => (window as unknown as DraftPage).stageText(p as string, t as string),
        [path, text],
      ),
    stageDelete: (path: string) =>
      page.evaluate((p) => (window as unknown as DraftPage).stageDelete(p), path),
    flushed: () => page.evaluate(() => (window as unknown as DraftPage).draftFlushed()),
    database: () => page.evaluate(() => (window as unknown as DraftPage).draftDatabase()),
  }) as const;

async function open(branch: string, extra = ''): Promise<Page> {
  const page = await browser.newPage();
  // Anything the page throws fails the test that opened it.
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(
    `${host.url}/?api=${encodeURIComponent(server.url)}&repo=${encodeURIComponent(REPO)}&branch=${encodeURIComponent(branch)}${extra}`,
  );
  await page.getByRole('group', { name: 'Drop files or folders here' }).waitFor();
  return page;
}

const rows = (page: Page) =>
  page.getByRole('list', { name: 'Staged changes' }).getByRole('listitem');

async function branchFromMain(branch: string) {
  await ourClient(server)
    .repo({ id: REPO })
    .createBranch({ baseBranch: 'main', targetBranch: branch });
}

async function readBack(branch: string, path: string): Promise<Buffer> {
  const response = await ourClient(server).repo({ id: REPO }).getFileStream({ path, ref: branch });
  return Buffer.from(await response.arrayBuffer());
}

beforeAll(async () => {
  server = await startTestServer({ corsOrigins: ['*'] });
  host = await hostPage('composer-page');
  browser = await launchChromium();
  await ourClient(server)
    .createRepo({ id: REPO })
    .then((repo) =>
      repo
        .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
        .addFileFromString('seed.txt', 'seed\n')
        .addFileFromString('old.txt', 'to be deleted\n')
        .send(),
    );
}, 120_000);

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.dispose();
  await host?.close();
  await server?.close();
});

vi.setConfig({ testTimeout: 120_000 });

describe('drafts kept in the browser', () => {
  it('restores files (one 64 MiB), an edit, a deletion and the message after a reload, commits the same bytes, then keeps nothing', async () => {
    await branchFromMain('reload');
    const page = await open('reload');
    const page$ = inPage(page);
    const bigSha = await page$.makeFile(64, true);
    await page$.dropFiles([
      { name: 'big.bin' },
      { name: 'a.txt', text: 'alpha\n' },
      { name: 'b.txt', text: 'beta\n' },
    ]);
    await page$.stageText('seed.txt', 'edited\n');
    await page$.stageDelete('old.txt');
    await page.getByRole('textbox', { name: 'Commit message' }).fill('Kept across a reload');
    await expect.poll(() => rows(page).count()).toBe(5);
    await page$.flushed();

    await page.reload();
    await page.getByText(/^Restored 5 staged changes from /).waitFor();
    await expect.poll(() => rows(page).count()).toBe(5);
    expect(await page.getByRole('textbox', { name: 'Commit message' }).inputValue()).toBe(
      'Kept across a reload',
    );
    await page.getByRole('button', { name: 'Commit', exact: true }).click();
    await page.getByText(/^Committed [0-9a-f]{7}/).waitFor({ timeout: 180_000 });

    expect(
      createHash('sha256')
        .update(await readBack('reload', 'big.bin'))
        .digest('hex'),
    ).toBe(bigSha);
    expect((await readBack('reload', 'a.txt')).toString()).toBe('alpha\n');
    expect((await readBack('reload', 'b.txt')).toString()).toBe('beta\n');
    expect((await readBack('reload', 'seed.txt')).toString()).toBe('edited\n');
    await expect(readBack('reload', 'old.txt')).rejects.toThrow();
    await page$.flushed();
    await expect.poll(() => page$.database()).toEqual({ drafts: 0, contents: 0 });
    await page.close();
  });

  it('restores the draft of a tab that crashed (no unload ran) in a new tab', async () => {
    await branchFromMain('crash');
    const page = await open('crash');
    const page$ = inPage(page);
    await page$.dropFiles([{ name: 'survivor.txt', text: 'still here\n' }]);
    await page.getByRole('textbox', { name: 'Commit message' }).fill('After a crash');
    await page$.flushed();
    const cdp = await page.context().newCDPSession(page);
    // The renderer dies: no beforeunload, no unload (the call itself never answers).
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    void page.close().catch(() => {});

    const again = await open('crash');
    await again.getByText(/^Restored 1 staged change from /).waitFor();
    expect(await rows(again).first().textContent()).toContain('survivor.txt');
    expect(await again.getByRole('textbox', { name: 'Commit message' }).inputValue()).toBe(
      'After a crash',
    );
    // Discard forgets it here and in the browser's storage.
    await again.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => rows(again).count()).toBe(0);
    await inPage(again).flushed();
    await expect.poll(() => inPage(again).database()).toEqual({ drafts: 0, contents: 0 });
    await again.close();
  });

  it('says on its row when a file does not fit the browser’s storage, and keeps the rest', async () => {
    await branchFromMain('quota');
    const page = await open('quota', '&quota=1000000');
    const page$ = inPage(page);
    await page$.makeFile(2, false);
    await page$.dropFiles([{ name: 'big.bin' }, { name: 'small.txt', text: 'fits\n' }]);
    await page$.flushed();
    const big = rows(page).filter({ hasText: 'big.bin' });
    await expect
      .poll(() => big.textContent())
      .toContain('not kept across reloads: not enough browser storage');
    expect(await rows(page).filter({ hasText: 'small.txt' }).textContent()).not.toContain(
      'not kept',
    );
    await page.reload();
    await page.getByText(/^Restored 1 staged change from /).waitFor();
    expect(await rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('small.txt');
    await page.getByRole('button', { name: 'Discard' }).click();
    await inPage(page).flushed();
    await page.close();
  });

  it('shows what one tab staged in the other, and a commit in one empties both', async () => {
    await branchFromMain('tabs');
    const first = await open('tabs');
    const second = await open('tabs');
    await inPage(first).dropFiles([{ name: 'from-first.txt', text: 'one\n' }]);
    await expect.poll(() => rows(second).count()).toBe(1);
    expect(await rows(second).first().textContent()).toContain('from-first.txt');
    await inPage(second).dropFiles([{ name: 'from-second.txt', text: 'two\n' }]);
    await expect.poll(() => rows(first).count()).toBe(2);
    await second.getByRole('textbox', { name: 'Commit message' }).fill('Two tabs, one draft');
    await expect
      .poll(() => first.getByRole('textbox', { name: 'Commit message' }).inputValue())
      .toBe('Two tabs, one draft');
    await first.getByRole('button', { name: 'Commit', exact: true }).click();
    await first.getByText(/^Committed [0-9a-f]{7}/).waitFor();
    await expect.poll(() => rows(second).count()).toBe(0);
    expect((await readBack('tabs', 'from-second.txt')).toString()).toBe('two\n');
    await first.close();
    await second.close();
  });
});
