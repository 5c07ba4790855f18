/**
 * The built Storybook in real headless Chromium: every story renders, logs no error and passes
 * axe-core (no serious or critical violation) in light and dark; connected stories run against a
 * real local server; hostile repository content never executes or navigates; a huge folder of a
 * large repository pages in as the keyboard reaches its end, with the DOM staying small.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StorySite, serveStorybook } from '../../scripts/story-browser.js';
import { launchHeadlessChromium } from '../helpers/find-chromium.js';

const root = join(import.meta.dirname, '..', '..');
const staticDir = join(root, 'node_modules', '.cache', 'gsk-storybook-test');
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let site: StorySite;
let browser: Browser;

beforeAll(async () => {
  execFileSync('npx', ['storybook', 'build', '-o', staticDir, '--quiet'], {
    cwd: root,
    stdio: 'ignore',
  });
  site = await serveStorybook(staticDir);
  browser = await launchHeadlessChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

interface Watched {
  page: Page;
  errors: string[];
  dialogs: string[];
}

async function open(id: string, theme: 'light' | 'dark' = 'light'): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A failed request shows in the UI (and is asserted there); anything else logged is a bug.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      errors.push(m.text());
    }
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(site.storyUrl(id, theme));
  // Generous: a loaded CI machine is slow, not broken (the sweep asserts behaviour, not speed).
  await page.waitForSelector('#storybook-root > *', { timeout: 60_000 });
  if (!id.startsWith('connected')) return { page, errors, dialogs };
  await page.waitForFunction(
    () =>
      !/Connecting to the story backend|Loading…|Loading history…|Loading changes…/.test(
        document.body.innerText,
      ),
    null,
    { timeout: 60_000 },
  );
  return { page, errors, dialogs };
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (el: Element) => Promise<unknown> } }).axe;
    return (await axe.run(document.querySelector('#storybook-root') as Element)) as {
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    };
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('built Storybook in Chromium', () => {
  it('renders every story in light and dark with no error and no serious axe violation', async () => {
    expect(site.stories.length).toBeGreaterThanOrEqual(40);
    // STORIES=diffview,branch-diff checks only the stories whose ids contain one of those words.
    const only = process.env.STORIES?.split(',').filter(Boolean) ?? [];
    const problems: string[] = [];
    const jobs = site.stories
      .filter((story) => only.length === 0 || only.some((word) => story.id.includes(word)))
      .flatMap((story) => (['light', 'dark'] as const).map((theme) => ({ id: story.id, theme })));
    // One page at a time: this suite shares the machine with the other browser suites, and two
    // pages at once only made each slower. A story that fails to render is named, not thrown.
    for (const { id, theme } of jobs) {
      try {
        const { page, errors } = await open(id, theme);
        const text = await page.locator('#storybook-root').innerText();
        if (text.trim() === '') problems.push(`${id} ${theme}: rendered nothing`);
        if (text.includes('This story reads from a local server')) {
          problems.push(`${id}: did not reach the story backend`);
        }
        for (const e of errors) problems.push(`${id} ${theme}: ${e}`);
        for (const v of await axeViolations(page)) problems.push(`${id} ${theme}: ${v}`);
        await page.close();
      } catch (error) {
        problems.push(`${id} ${theme}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    expect(problems.sort()).toEqual([]);
  }, 1_200_000);

  it('never runs or follows hostile repository content', async () => {
    const { page, errors, dialogs } = await open('connected--hostile-content');
    const start = page.url();
    const tree = page.getByRole('tree');
    await tree.focus();
    const names = await page.locator('[role=treeitem] .gsk-file-tree__name').allInnerTexts();
    expect(names).toContain('<img src=x onerror="window.__pwned=1">.md');
    expect(names).toContain('javascript:window.__pwned=1');
    // Open every file with the keyboard; each shows as text or through an <img> of a blob.
    for (let i = 0; i < names.length; i++) {
      await page.keyboard.press('Enter');
      await page.waitForTimeout(150);
      await page.keyboard.press('ArrowDown');
    }
    await page.getByText('evil.svg').click();
    const img = page.locator('.gsk-file-preview__image img');
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    await page.getByText('page.html').click();
    await page.getByRole('region', { name: 'Contents of page.html' }).waitFor();
    expect(await page.locator('#storybook-root body, #storybook-root iframe').count()).toBe(0);
    // The history shows the commit message and author as text; the branch name too.
    await page.getByRole('button', { name: 'History' }).click();
    await page
      .getByText(/<img src=x onerror/)
      .first()
      .waitFor();
    await page.getByText('javascript:window.__pwned=1').first().click({ force: true });
    await page.getByRole('combobox', { name: 'Branch' }).click();
    await page.getByRole('option', { name: '<img-src=x-onerror=alert(1)>' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
      undefined,
    );
    expect(await page.locator('#storybook-root a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(page.url()).toBe(start);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('pages a huge folder in as the keyboard reaches its end, keeping the DOM small', async () => {
    const { page } = await open('connected--large-repository');
    const tree = page.getByRole('tree');
    await tree.focus();
    const active = () =>
      page.evaluate(() => {
        const t = document.querySelector('[role=tree]');
        const id = t?.getAttribute('aria-activedescendant');
        return id ? (document.getElementById(id)?.textContent ?? '') : '';
      });
    await page.keyboard.press('h'); // type-ahead to huge-folder
    expect(await active()).toContain('huge-folder');
    await page.keyboard.press('ArrowRight');
    await page.getByText('item-0000.txt').waitFor();
    await expect
      .poll(
        async () => {
          // The row above the last (README.md) is the folder's "more" row until every page is in.
          await page.keyboard.press('End');
          await page.keyboard.press('ArrowUp');
          await page.keyboard.press('ArrowUp');
          return active();
        },
        { timeout: 20_000 },
      )
      .toContain('item-1499.txt');
    const item = page.locator('[role=treeitem]', { hasText: 'item-1499.txt' });
    expect(await item.getAttribute('aria-setsize')).toBe('1500');
    expect(await item.getAttribute('aria-posinset')).toBe('1500');
    expect(await page.locator('#storybook-root *').count()).toBeLessThan(1000);
    await page.close();
  }, 120_000);
});
