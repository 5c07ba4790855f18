/**
 * The example app end to end, as `npm start` runs it: the start script (local server, seeding,
 * Hono backend, Vite middleware) in a child process, driven by headless Chromium, each scenario
 * in a fresh browser context. Tokens live 3 seconds here, so every scenario also renews them.
 * `UPDATE_SCREENSHOTS=1` saves the main screens to docs/screenshots/ for the README.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { launchHeadlessChromium } from '../helpers/find-chromium.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TOKEN_TTL = 3;
let app: ChildProcess;
let appUrl: string;
let storageUrl: string;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gsk-example-'));
  app = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'example-app/server/start.ts',
      '--port',
      '0',
      '--storage-port',
      '0',
      '--data-dir',
      dataDir,
      '--token-ttl',
      String(TOKEN_TTL),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  app.stderr?.on('data', (d) => {
    output += d;
  });
  await new Promise<void>((resolve, reject) => {
    app.stdout?.on('data', (d) => {
      output += d;
      const url = /example app: (http:\/\/\S+)/.exec(output)?.[1];
      const storage = /local server at (http:\/\/\S+),/.exec(output)?.[1];
      if (url && storage) {
        appUrl = url;
        storageUrl = storage;
        resolve();
      }
    });
    app.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  expect(output).toContain('seeded the demo repository demo/app');
  browser = await launchHeadlessChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGINT');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

vi.setConfig({ testTimeout: 180_000 });

async function signIn(
  role: 'writer' | 'reader',
  name: string,
  colorScheme: 'light' | 'dark' = 'light',
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page; errors: string[]; tokens: string[] }> {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  const tokens: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The page runs under the app's Content-Security-Policy: any violation is an error here.
  await context.exposeFunction('reportCspViolation', (text: string) => errors.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(
        `CSP: ${e.violatedDirective} blocked ${e.blockedURI}`,
      ),
    );
  });
  page.on('request', (r) => {
    if (r.url().endsWith('/api/token')) tokens.push(r.postData() ?? '');
  });
  // Every value the upload progressbar shows, as the user saw it.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role=progressbar][aria-label="Upload progress"]');
      const value = bar?.getAttribute('aria-valuenow');
      if (value && seen[seen.length - 1] !== value) seen.push(value);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  // The first visit may make Vite bundle dependencies and reload: wait until the page is quiet.
  await page.goto(appUrl, { waitUntil: 'networkidle' });
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('radio', { name: role === 'writer' ? 'Writer' : 'Reader' }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as ${name} (${role})`).waitFor();
  // The form that had focus is gone: focus is on the app's heading, not dropped to <body>.
  await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('H1');
  return { context, page, errors, tokens };
}

/** A token minted with the local server's development key (what the app's backend does). */
async function storageToken(repoId: string, scopes: string[]): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { mintToken } = await import('../../src/server/index.js');
  const key = await readFile(join(dataDir, 'dev-keys', 'private.pem'), 'utf8');
  return mintToken({ key, name: 'local', repoId, scopes, ttl: 300 });
}

/** The scopes of the bearer token a request carried. */
function bearerScopes(authorization: string | undefined): string[] {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scopes: string[] })
    .scopes;
}

async function openDemo(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'demo/app' }).click();
  await page.getByRole('treeitem', { name: /README\.md/ }).waitFor();
}

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS
    ? join(ROOT, 'docs', 'screenshots')
    : join(dataDir, 'screenshots');
  await mkdir(dir, { recursive: true });
  // Fonts loaded and two frames painted: the picture is what a user sees, not a half-drawn one.
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

describe('example app (npm start) in Chromium', () => {
  it('every screen has one h1 and no serious axe violation, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { context, page, errors } = await signIn('writer', 'Ada', scheme);
      const check = async (screen: string) => {
        expect(await page.locator('h1').count(), `${scheme} ${screen}: one h1`).toBe(1);
        expect(await axeViolations(page), `${scheme} ${screen}`).toEqual([]);
      };
      await expect.poll(() => page.getByRole('link', { name: 'demo/app' }).count()).toBe(1);
      await check('repositories');
      await openDemo(page);
      await check('tree');
      await page.getByRole('button', { name: 'History' }).click();
      await page.getByRole('button', { name: /Greet in more languages/ }).waitFor();
      await check('history');
      await page.getByRole('treeitem', { name: /README\.md/ }).click();
      await page.getByRole('article', { name: 'README.md, rendered' }).waitFor();
      await check('file');
      await page.getByRole('button', { name: /^New commit/ }).click();
      await page.getByRole('button', { name: 'Commit', exact: true }).waitFor();
      await check('composer');
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await page.getByRole('combobox', { name: 'Compare' }).waitFor();
      await check('compare');
      await page.getByRole('button', { name: 'Review', exact: true }).click();
      await page.goto(`${appUrl}/?repo=demo%2Fapp&view=review&branch=feature%2Flogin`);
      await page
        .getByText('main can fast-forward to feature/login: no merge commit is needed.')
        .waitFor();
      await page.getByText('No comments yet').waitFor();
      await check('review');
      await screenshot(page, `example-review--${scheme}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('repositories are links; a bad new name is refused by the page and by the server', async () => {
    const { context, page, errors } = await signIn('writer', 'Ada');
    const link = page.getByRole('link', { name: 'demo/app' });
    expect(await link.getAttribute('href')).toBe('/?repo=demo%2Fapp');
    await page.getByRole('textbox', { name: /New repository/ }).fill('bad name!');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText(/Use 1 to 64 letters, digits, dots, dashes and underscores/).waitFor();
    // The app's server mints no token for it either, whatever the page does.
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ repo: 'demo/bad name!', scopes: ['repo:write'] }),
      });
      return response.status;
    });
    expect(status).toBe(403);
    expect(
      (await page.getByRole('list').first().getByRole('link').allTextContents()).some((t) =>
        t.includes('bad'),
      ),
    ).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('writer: browses with the keyboard, opens a file and an image', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { context, page, errors } = await signIn('writer', 'Ada', scheme);
      await expect.poll(() => page.getByRole('link', { name: 'demo/app' }).count()).toBe(1);
      await screenshot(page, `example-repositories--${scheme}`);
      await openDemo(page);
      // Keyboard only: focus the tree, type "do" to reach docs/, open it, choose the guide.
      const tree = page.getByRole('tree', { name: 'Files' });
      await tree.focus();
      await expect.poll(() => tree.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('do');
      for (const key of ['ArrowRight', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
      await page.getByText('Browse, diff and commit.').waitFor();
      expect(page.url()).toContain('path=docs%2Fguide.md');
      await screenshot(page, `example-file--${scheme}`);
      // An image: the preview is a real, decoded image.
      await page.getByRole('treeitem', { name: /^assets/ }).click();
      await page.getByRole('treeitem', { name: /logo\.png/ }).click();
      const image = page.getByRole('img', { name: 'Preview of assets/logo.png' });
      await image.waitFor();
      await expect
        .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBe(128);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("opens a commit's diff from the history, and compares branches, the large one too", async () => {
    const { context, page, errors } = await signIn('writer', 'Grace');
    await openDemo(page);
    await page.getByRole('button', { name: 'History' }).click();
    // From the keyboard: the commit's button goes away with the history; focus does not fall
    // to the page, it lands on the view that replaced it.
    await page.getByRole('button', { name: /Greet in more languages/ }).focus();
    await page.keyboard.press('Enter');
    const greet = page.getByRole('region', { name: /src\/greet\.ts/ });
    await greet.waitFor();
    await expect
      .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
      .toMatch(/^Changes in [0-9a-f]{7}$/);
    await expect.poll(() => greet.textContent()).toContain('Bonjour');
    await screenshot(page, 'example-commit-diff--light');

    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const head = page.getByRole('combobox', { name: 'Compare' });
    await head.fill('feature/login');
    await page.getByRole('option', { name: /^feature\/login/ }).click();
    await page.getByRole('region', { name: /src\/login\.ts/ }).waitFor();
    await head.fill('big-change');
    await page.getByRole('option', { name: /^big-change/ }).click();
    const csv = page.getByRole('region', { name: /data\/measurements\.csv/ });
    await csv.waitFor();
    await expect.poll(() => csv.textContent()).toMatch(/1,-2,3|day,temperature,rain/);
    await screenshot(page, 'example-compare--light');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('commits a folder chosen in the composer, with progress to 100 %; the tree and history show it', async () => {
    const folder = join(dataDir, 'upload', 'reports');
    await mkdir(join(folder, 'q1'), { recursive: true });
    await writeFile(join(folder, 'summary.md'), '# Reports\n');
    await writeFile(join(folder, 'q1', 'january.csv'), 'day,sales\n1,10\n');
    await writeFile(join(folder, 'q1', 'february.csv'), 'day,sales\n1,12\n');
    const { context, page, errors } = await signIn('writer', 'Alan');
    await openDemo(page);
    await page.getByRole('button', { name: 'New commit' }).click();
    await page.locator('input[webkitdirectory]').setInputFiles(folder);
    const rows = page.getByRole('list', { name: 'Staged changes' }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(3);
    expect((await rows.allTextContents()).join('\n')).toContain('reports/q1/january.csv');
    await page.getByRole('textbox', { name: 'Commit message' }).fill('Add the quarterly reports');
    await screenshot(page, 'example-composer--light');
    await page.getByRole('button', { name: 'Commit', exact: true }).click();
    await page.getByText(/^Committed [0-9a-f]{7}: Add the quarterly reports$/).waitFor();
    const seen = await page.evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    expect(seen.at(-1)).toBe('100');
    // The tree and the history show the new commit.
    await page.getByRole('treeitem', { name: /^reports/ }).waitFor();
    await page.getByRole('button', { name: 'History' }).click();
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'History' }).getByRole('listitem').first().textContent(),
      )
      .toContain('Add the quarterly reports');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a phone: no screen scrolls sideways, the diff has room, Commit is in reach', async () => {
    const sideways = (page: Page) =>
      page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ) as Promise<number>;
    for (const [width, height] of [
      [390, 844],
      [320, 640],
    ] as const) {
      const { context, page, errors } = await signIn('writer', 'Ada', 'light', { width, height });
      expect(await sideways(page), `${width}: repositories`).toBeLessThanOrEqual(0);
      await openDemo(page);
      expect(await sideways(page), `${width}: tree`).toBeLessThanOrEqual(0);
      await page.getByRole('button', { name: 'History' }).click();
      await page.getByRole('button', { name: /Greet in more languages/ }).click();
      const greet = page.getByRole('region', { name: /src\/greet\.ts/ });
      await expect.poll(() => greet.textContent()).toContain('Bonjour');
      expect(await sideways(page), `${width}: commit diff`).toBeLessThanOrEqual(0);
      await screenshot(page, `example-commit-diff--light--${width}`);
      // The code column: the widest cell of a diff row.
      const column = (await greet.evaluate((el) => {
        const row = el.querySelector('.gsk-diff-file__block tr');
        return row
          ? Math.max(...[...row.querySelectorAll('td')].map((c) => c.getBoundingClientRect().width))
          : 0;
      })) as number;
      expect(column, `${width}: the diff's code column`).toBeGreaterThanOrEqual(
        width >= 390 ? 280 : 220,
      );
      await screenshot(page, `example-commit-diff--light--${width}`);
      await page.getByRole('treeitem', { name: /README\.md/ }).click();
      await page.getByRole('article', { name: 'README.md, rendered' }).waitFor();
      expect(await sideways(page), `${width}: file`).toBeLessThanOrEqual(0);
      await screenshot(page, `example-file--light--${width}`);
      await page.getByRole('button', { name: /^New commit/ }).click();
      const commit = page.getByRole('button', { name: 'Commit', exact: true });
      await commit.waitFor();
      expect(await sideways(page), `${width}: composer`).toBeLessThanOrEqual(0);
      // Reachable by scrolling the page only: no scrolled panel around the Commit button.
      const nested = await commit.evaluate((button) => {
        for (let el = button.parentElement; el && el !== document.body; el = el.parentElement) {
          const style = getComputedStyle(el);
          if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) {
            return el.className;
          }
        }
        return null;
      });
      expect(nested, `${width}: Commit sits in a scrolled panel`).toBeNull();
      await screenshot(page, `example-composer--light--${width}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('a second user commits first: the composer explains, and "Commit on top" lands both', async () => {
    const first = await signIn('writer', 'Ada');
    const second = await signIn('writer', 'Grace');
    for (const { page } of [first, second]) {
      await openDemo(page);
      await page.getByRole('button', { name: 'New commit' }).click();
    }
    const stageText = async (page: Page, path: string, text: string) => {
      await page.getByRole('button', { name: 'New text file…' }).click();
      const dialog = page.getByRole('dialog', { name: 'New text file' });
      await dialog.getByRole('textbox', { name: 'Path' }).fill(path);
      await dialog.getByRole('textbox', { name: `Contents of ${path}` }).fill(text);
      await dialog.getByRole('button', { name: 'Stage' }).click();
      await page.getByRole('list', { name: 'Staged changes' }).getByText(path).waitFor();
    };
    await stageText(first.page, 'notes/ada.md', 'from Ada\n');
    // The head when staging began is recorded before the other writer commits.
    await first.page.locator('.gsk-commit-composer[data-base-head]').waitFor();
    await stageText(second.page, 'notes/grace.md', 'from Grace\n');
    await second.page.getByRole('textbox', { name: 'Commit message' }).fill("Grace's note");
    await second.page.getByRole('button', { name: 'Commit', exact: true }).click();
    await second.page.getByText(/^Committed [0-9a-f]{7}: Grace's note$/).waitFor();

    await first.page.getByRole('textbox', { name: 'Commit message' }).fill("Ada's note");
    await first.page.getByRole('button', { name: 'Commit', exact: true }).click();
    await first.page
      .getByText('main moved while you were working: 1 new commit by Grace.')
      .waitFor();
    await screenshot(first.page, 'example-branch-moved--light');
    await first.page.getByRole('button', { name: 'Commit on top' }).click();
    await first.page.getByText(/^Committed [0-9a-f]{7}: Ada's note$/).waitFor();
    await first.page.getByRole('button', { name: 'History' }).click();
    const titles = first.page.getByRole('region', { name: 'History' }).getByRole('listitem');
    await expect.poll(() => titles.nth(1).textContent()).toContain("Grace's note");
    expect(await titles.first().textContent()).toContain("Ada's note");
    expect([...first.errors, ...second.errors]).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it('reader: no write controls, a note saying why, and a forced write is refused by the server', async () => {
    const { context, page, errors } = await signIn('reader', 'Reader');
    await expect.poll(() => page.getByRole('link', { name: 'demo/app' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Create' }).count()).toBe(0);
    await openDemo(page);
    await page.getByRole('treeitem', { name: /README\.md/ }).click();
    await page.getByRole('article', { name: 'README.md, rendered' }).waitFor();
    // A reader is not shown what they cannot use, and is told why.
    await page.getByText('Read only: this sign-in can browse, not commit.').waitFor();
    expect(await page.getByRole('button', { name: 'Edit README.md' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Stage deletion of README.md' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^New commit/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download' }).count()).toBe(1);
    // Forced from the page: a write token is refused, and a read token cannot write.
    const forced = await page.evaluate(async (storage) => {
      const ask = (scopes: string[]) =>
        fetch('/api/token', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ repo: 'demo/app', scopes }),
        });
      const write = await ask(['git:write']);
      const read = (await (await ask(['git:read'])).json()) as { token: string };
      const commit = await fetch(`${storage}/api/v1/repos/commit-pack`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${read.token}`, 'Content-Type': 'application/x-ndjson' },
        body: `${JSON.stringify({
          metadata: {
            target_branch: 'main',
            commit_message: 'forced',
            author: { name: 'R', email: 'r@example.com' },
            files: [],
          },
        })}\n`,
      });
      return { writeToken: write.status, commit: commit.status };
    }, storageUrl);
    expect(forced).toEqual({ writeToken: 403, commit: 403 });
    await screenshot(page, 'example-reader--light');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('serves the page with a nonce CSP, and no repository file runs as the app', async () => {
    // A scripted SVG and an HTML page in the repository, as a hostile contributor would push.
    const evil =
      '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" onload="window.__pwned=1;alert(1)">' +
      '<script>window.__pwned=1;alert(2)</script><rect width="20" height="20" fill="red"/></svg>';
    const html = '<!doctype html><script>window.__pwned=1;alert(3)</script><p>hi</p>';
    const token = await storageToken('demo/app', ['git:read', 'git:write']);
    const { GitStorage } = await import('../../src/core/index.js');
    const storage = new GitStorage({ name: 'local', apiBaseUrl: storageUrl, token });
    await storage
      .repo({ id: 'demo/app' })
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'hostile files',
        author: { name: 'Mallory', email: 'm@example.com' },
      })
      .addFileFromString('assets/evil.svg', evil)
      .addFileFromString('evil.html', html)
      .send();

    const { context, page, errors } = await signIn('writer', 'Ada');
    const dialogs: string[] = [];
    context.on('page', (p) => p.on('dialog', (d) => dialogs.push(d.message())));
    page.on('dialog', (d) => dialogs.push(d.message()));
    const main = await page.request.get(appUrl, { headers: { Accept: 'text/html' } });
    const csp = main.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    await openDemo(page);
    await page.getByRole('treeitem', { name: /^assets/ }).click();
    await page.getByRole('treeitem', { name: /evil\.svg/ }).click();
    const image = page.getByRole('img', { name: 'Preview of assets/evil.svg' });
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    const previewUrl = await image.getAttribute('src');
    expect(previewUrl).toMatch(/^blob:/);
    // "Open image in new tab": the preview's URL at top level, in the app's origin.
    const opened = await context.newPage();
    await opened.goto(previewUrl as string);
    await opened.waitForLoadState('load');
    expect(await opened.evaluate(() => document.contentType)).toBe('image/png');
    expect(await opened.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.getByRole('treeitem', { name: /evil\.html/ }).click();
    await page.getByText('<p>hi</p>').waitFor();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("signing out ends the session: the next user gets their own tokens, not the last one's", async () => {
    const { context, page, errors } = await signIn('writer', 'Ada');
    await openDemo(page);
    // What the page asks for after the switch, in order: token requests and storage calls.
    const events: string[] = [];
    const scopesAfter: string[][] = [];
    let switched = false;
    page.on('request', (r) => {
      if (!switched) return;
      if (r.url().endsWith('/api/token')) events.push('token');
      else if (r.url().startsWith(storageUrl) && r.method() !== 'OPTIONS') {
        events.push('storage');
        scopesAfter.push(bearerScopes(r.headers().authorization));
      }
    });
    await page.getByRole('treeitem', { name: /package\.json/ }).click();
    await page.getByText('"name": "demo-app"').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('textbox', { name: 'Name' }).waitFor();
    switched = true;
    // Same tab, no reload: the next user signs in at once.
    await page.getByRole('textbox', { name: 'Name' }).fill('Reader');
    await page.getByRole('radio', { name: 'Reader' }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as Reader (reader)').waitFor();
    const readme = page.getByRole('treeitem', { name: /README\.md/ });
    await readme
      .or(page.getByRole('link', { name: 'demo/app' }))
      .first()
      .waitFor();
    if (!(await readme.count())) await openDemo(page);
    await readme.waitFor();
    // The first storage call of the new session used a token asked for in the new session.
    expect(events.indexOf('token')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('token')).toBeLessThan(events.indexOf('storage'));
    expect(scopesAfter.every((scopes) => !scopes.includes('git:write'))).toBe(true);
    // A write from the page with whatever token it can get is refused.
    const status = await page.evaluate(async () => {
      const answer = await fetch('/api/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ repo: 'demo/app', scopes: ['git:write'] }),
      });
      return answer.status;
    });
    expect(status).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renews a token that expired during the session without the user noticing', async () => {
    const { context, page, errors, tokens } = await signIn('writer', 'Ada');
    await openDemo(page);
    await page.getByText('README.md').first().waitFor();
    const before = tokens.filter((t) => t.includes('demo/app')).length;
    await page.waitForTimeout((TOKEN_TTL + 2) * 1000);
    await page.getByRole('treeitem', { name: /package\.json/ }).click();
    await page.getByText('"name": "demo-app"').waitFor();
    expect(tokens.filter((t) => t.includes('demo/app')).length).toBeGreaterThan(before);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  describe('review and merge, with the keyboard alone', () => {
    const REPO = 'demo/review';
    const files = (a: string, b: string) => ({
      'a.txt': `one\n${a}\nthree\n`,
      'b.txt': `alpha\n${b}\ngamma\n`,
    });
    const appLines = Array.from({ length: 12 }, (_, i) => `export const v${i} = ${i};`);
    let topicTip = '';

    beforeAll(async () => {
      const token = await storageToken(REPO, ['repo:write', 'git:read', 'git:write']);
      const { GitStorage } = await import('../../src/core/index.js');
      const storage = new GitStorage({ name: 'local', apiBaseUrl: storageUrl, token });
      const repo = await storage.createRepo({ id: REPO });
      const author = { name: 'Seed', email: 'seed@example.com' };
      const put = async (branch: string, content: Record<string, string>, base?: string) => {
        const c = repo.createCommit({
          targetBranch: branch,
          commitMessage: `change ${branch}`,
          author,
          ...(base ? { baseBranch: base } : {}),
        });
        for (const [path, text] of Object.entries(content)) c.addFileFromString(path, text);
        return (await c.send()).commitSha;
      };
      await put('main', { ...files('two', 'beta'), 'app.ts': `${appLines.join('\n')}\n` });
      const edited = appLines.map((l, i) => (i === 4 ? 'export const v4 = 400;' : l));
      await put('feature/clean', { 'app.ts': `${edited.join('\n')}\n` }, 'main');
      topicTip = await put('topic', files('TWO (topic)', 'BETA topic'), 'main');
      await put('main', files('TWO (main)', 'BETA main'));
    });

    // One reviewer session for the three scenarios (they follow each other: a merge moves main).
    // (Signed in by the first scenario that runs: signing in asserts, so not in a hook.)
    let session: Awaited<ReturnType<typeof signIn>> | undefined;
    const reviewer = async () => {
      session ??= await signIn('writer', 'Ana');
      return session;
    };
    afterAll(async () => {
      await session?.context.close();
    });

    const openReview = async (page: Page, branch: string) => {
      await page.goto(`${appUrl}/?${new URLSearchParams({ repo: REPO, view: 'review', branch })}`);
      await page.getByRole('heading', { name: 'Merge', exact: true }).waitFor();
    };

    it('two reviewers comment, reply and resolve on a line; both see it; bodies stay text', async () => {
      const ana = await reviewer();
      const bo = await signIn('writer', 'Bo');
      await openReview(ana.page, 'feature/clean');
      await ana.page.getByRole('button', { name: /^added, new line 5:/ }).focus();
      await ana.page.keyboard.press('Enter');
      // Shift+Enter on another line number stretches the selection to a range.
      await ana.page.getByRole('button', { name: /^unchanged, old line 6, new line 6:/ }).focus();
      await ana.page.keyboard.press('Shift+Enter');
      const box = ana.page.getByRole('textbox', { name: 'Comment on lines 5–6 of app.ts' });
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      const hostile = '<img src=x onerror="window.__pwned=1"> **not bold**';
      await ana.page.keyboard.type(`Why 400? ${hostile}`);
      await ana.page.keyboard.press('Control+Enter');
      const thread = ana.page.getByRole('article', { name: 'Conversation on lines 5–6 of app.ts' });
      await thread.getByText(`Why 400? ${hostile}`, { exact: true }).waitFor();
      // The new conversation has focus: the keyboard goes on from it.
      await expect.poll(() => thread.evaluate((el) => el === document.activeElement)).toBe(true);
      await expect
        .poll(() => ana.page.getByRole('option', { name: /app\.ts.*1 comment/ }).count())
        .toBe(1);

      await openReview(bo.page, 'feature/clean');
      const seen = bo.page.getByRole('article', { name: 'Conversation on lines 5–6 of app.ts' });
      await seen.getByText(`Why 400? ${hostile}`, { exact: true }).waitFor();
      await seen.getByRole('button', { name: 'Reply' }).focus();
      await bo.page.keyboard.press('Enter');
      await bo.page.keyboard.type('Four hundred is the limit.');
      await bo.page.keyboard.press('Control+Enter');
      // Written and read back: a comment of the thread, not the text still in the box.
      await seen.getByRole('listitem').filter({ hasText: 'Four hundred is the limit.' }).waitFor();

      // Ana comes back to her tab: the review is read again and Bo's reply is there.
      // (Headless pages never lose focus or visibility: the event a returning user's tab gets.)
      await ana.page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await thread.getByText('Four hundred is the limit.').waitFor();
      await thread.getByRole('button', { name: 'Resolve conversation' }).focus();
      await ana.page.keyboard.press('Enter');
      await thread.getByText('Resolved by Ana').waitFor();
      // Bo cannot edit Ana's comment; Ana can edit hers.
      expect(await seen.getByRole('button', { name: 'Edit' }).count()).toBe(1);
      expect(
        await ana.page.evaluate(() => (window as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(await thread.locator('img, strong').count()).toBe(0);
      expect(ana.errors).toEqual([]);
      expect(bo.errors).toEqual([]);
      await bo.context.close();
    });

    it('merges a clean branch after a confirmation', async () => {
      // Ana is still on the branch's review: the merge panel sits above the diff.
      const { page, errors } = await reviewer();
      if (!page.url().includes('feature%2Fclean')) await openReview(page, 'feature/clean');
      await page.getByText('feature/clean merges into main without conflicts.').waitFor();
      await page.getByRole('button', { name: 'Merge feature/clean into main…' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Merge feature/clean into main?' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Confirm merge' }).focus();
      await page.keyboard.press('Enter');
      await page
        .getByText(/^Merged feature\/clean into main: main is now at [0-9a-f]{7}\./)
        .waitFor();
      expect(errors).toEqual([]);
    });

    it('resolves a two-file conflict (one hunk takes the branch, one is edited) and merges: the tree equals git merge plus the same resolution', async () => {
      // main as the resolution will meet it (the clean branch was merged into it above).
      const { GitStorage } = await import('../../src/core/index.js');
      const reader = new GitStorage({
        name: 'local',
        apiBaseUrl: storageUrl,
        token: await storageToken(REPO, ['git:read']),
      });
      const mainNow = (await reader.repo({ id: REPO }).listBranches()).branches.find(
        (b) => b.name === 'main',
      )?.headSha as string;
      const { page, errors } = await reviewer();
      await openReview(page, 'topic');
      await page.getByText(/^2 files conflict between topic and main/).waitFor();
      const fileA = page.getByRole('region', { name: /^a\.txt:/ });
      await fileA.getByRole('radio', { name: 'Keep main' }).focus();
      await page.keyboard.press('ArrowRight'); // Keep topic
      await expect
        .poll(() => fileA.getByRole('radio', { name: 'Keep topic' }).isChecked())
        .toBe(true);
      const fileB = page.getByRole('region', { name: /^b\.txt:/ });
      await fileB.getByRole('radio', { name: 'Keep main' }).focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight'); // … Edit
      const edit = fileB.getByRole('textbox', { name: 'Resolved text' });
      await edit.waitFor();
      await page.keyboard.press('Tab');
      await expect.poll(() => edit.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('BETA (both)');
      await page.getByText('2 of 2 conflicts resolved').waitFor();
      await page.getByRole('button', { name: 'Commit the merge to topic' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('main can fast-forward to topic: no merge commit is needed.').waitFor();
      await page.getByRole('button', { name: 'Merge topic into main…' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Confirm merge' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(/^Merged topic into main/).waitFor();
      // The merge's commit opens in the repository browser.
      await page.getByRole('button', { name: 'Open the commit' }).focus();
      await page.keyboard.press('Enter');
      // (A merge commit: "Create a merge commit" is the method unless another is chosen.)
      await page.getByRole('heading', { name: 'Merge topic into main' }).waitFor();
      await page.getByText('2 parents').waitFor();

      // The same merge in a clone, by git: topic's tip merged with main's, a.txt from topic,
      // b.txt as edited.
      const { git } = await import('../helpers/local-server.js');
      const token = await storageToken(REPO, ['git:read']);
      const clone = await mkdtemp(join(dataDir, 'clone-'));
      const { host } = new URL(storageUrl);
      await git(['clone', '--quiet', `http://t:${token}@${host}/${REPO}.git`, clone]);
      await git(['-C', clone, 'checkout', '--quiet', '-b', 'by-git', topicTip]);
      await git(['-C', clone, 'merge', '--no-edit', mainNow]).catch(() => 'conflicted');
      await git(['-C', clone, 'checkout', '--ours', 'a.txt']);
      await writeFile(join(clone, 'b.txt'), 'alpha\nBETA (both)\ngamma\n');
      await git(['-C', clone, 'add', 'a.txt', 'b.txt']);
      await git(['-C', clone, 'commit', '--quiet', '--no-edit']);
      expect(await git(['-C', clone, 'rev-parse', 'origin/main^{tree}'])).toBe(
        await git(['-C', clone, 'rev-parse', 'HEAD^{tree}']),
      );
      expect(errors).toEqual([]);
    });
  });
});
