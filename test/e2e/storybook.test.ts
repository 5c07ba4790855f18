/**
 * The built Storybook in real headless Chromium: every story renders, logs no error and passes
 * axe-core (no serious or critical violation) in light and dark; connected stories run against a
 * real local server; hostile repository content never executes or navigates; a huge folder of a
 * large repository pages in as the keyboard reaches its end, with the DOM staying small.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type StorySite, serveStorybook } from '../../scripts/story-browser.js';
import { axeViolations } from '../helpers/axe.js';
import { launchHeadlessChromium } from '../helpers/find-chromium.js';
import { testBuild } from '../helpers/test-builds.js';

let site: StorySite;
let browser: Browser;

beforeAll(async () => {
  site = await serveStorybook(await testBuild('storybook', inject('testBuilds')));
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
  if (id.startsWith('connected')) await settled(page);
  return { page, errors, dialogs };
}

/** What a story's render was watched for: errors logged and dialogs opened while it showed. */
interface Watch {
  errors: string[];
  dialogs: string[];
}

/**
 * One page for the whole sweep: stories are switched through Storybook's channel and themes
 * through its globals, without a reload (a full navigation per story and theme was 114 page
 * loads, the slowest part of the suite). A story that cannot be reached that way (the switch
 * times out or navigates) is loaded in full instead, so a broken story is named, never skipped.
 */
class StorySweep {
  private page!: Page;
  private watch: Watch = { errors: [], dialogs: [] };

  async start(firstId: string): Promise<void> {
    this.page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    this.page.on('pageerror', (e) => this.watch.errors.push(`pageerror: ${e.message}`));
    this.page.on('console', (m) => {
      // A failed request shows in the UI (and is asserted there); anything else logged is a bug.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        this.watch.errors.push(m.text());
      }
    });
    this.page.on('dialog', (d) => {
      this.watch.dialogs.push(d.message());
      void d.dismiss();
    });
    await this.load(firstId, 'light');
  }

  /** A full load of one story (the first, or after a switch failed). */
  private async load(id: string, theme: 'light' | 'dark'): Promise<void> {
    await this.page.emulateMedia({ colorScheme: theme });
    await this.page.goto(site.storyUrl(id, theme));
  }

  /** Shows story `id` in `theme`; resolves once it rendered (and its data arrived). */
  async show(id: string, theme: 'light' | 'dark'): Promise<Watch> {
    this.watch = { errors: [], dialogs: [] };
    try {
      await this.switchTo(id, theme);
    } catch {
      this.watch = { errors: [], dialogs: [] };
      await this.load(id, theme);
    }
    // Generous: a loaded CI machine is slow, not broken (the sweep asserts behaviour, not speed).
    await this.page.waitForSelector(`#storybook-root [data-theme="${theme}"] > *`, {
      timeout: 60_000,
    });
    if (id.startsWith('connected')) await settled(this.page);
    return this.watch;
  }

  private async switchTo(id: string, theme: 'light' | 'dark'): Promise<void> {
    await this.page.emulateMedia({ colorScheme: theme });
    const switched = this.page.evaluate(
      ([storyId, wanted]) =>
        new Promise<void>((resolve, reject) => {
          type Channel = {
            on(event: string, f: (x: unknown) => void): void;
            off(event: string, f: (x: unknown) => void): void;
            emit(event: string, payload: unknown): void;
          };
          const channel = (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: Channel })
            .__STORYBOOK_ADDONS_CHANNEL__;
          const current = new URL(window.location.href).searchParams.get('id');
          const themed = () =>
            document.querySelector('#storybook-root [data-theme]')?.getAttribute('data-theme') ===
            wanted;
          const done = () => {
            channel.off('storyRendered', onRendered);
            channel.off('storyErrored', onFailed);
            channel.off('storyThrewException', onFailed);
            resolve();
          };
          const onRendered = (rendered: unknown) => {
            if (rendered === storyId && themed()) done();
          };
          const onFailed = (error: unknown) => reject(new Error(String(error)));
          channel.on('storyRendered', onRendered);
          channel.on('storyErrored', onFailed);
          channel.on('storyThrewException', onFailed);
          if (current === storyId) {
            if (themed()) done();
            else channel.emit('updateGlobals', { globals: { theme: wanted } });
            return;
          }
          channel.emit('updateGlobals', { globals: { theme: wanted } });
          channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
        }),
      [id, theme] as const,
    );
    await Promise.race([
      switched,
      new Promise((_, reject) => setTimeout(() => reject(new Error('switch timed out')), 15_000)),
    ]);
    if (!(await this.page.evaluate(() => 'axe' in window))) {
    }
  }

  /** Serious and critical axe violations in the story; `rules` limits the run to those rules. */
  axe(rules?: string[]): Promise<string[]> {
    return axeViolations(this.page, '#storybook-root', rules);
  }

  rootText(): Promise<string> {
    return this.page.locator('#storybook-root').innerText();
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

/** Waits until a connected story has its data (no loading sentence left). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !/Connecting to the story backend|Loading…|Loading history…|Loading changes…/.test(
        document.body.innerText,
      ),
    null,
    { timeout: 60_000 },
  );
}

describe('built Storybook in Chromium', () => {
  it('renders every story in light and dark with no error and no serious axe violation', async () => {
    expect(site.stories.length).toBeGreaterThanOrEqual(40);
    // STORIES=diffview,branch-diff checks only the stories whose ids contain one of those words.
    const only = process.env.STORIES?.split(',').filter(Boolean) ?? [];
    const ids = site.stories
      .map((story) => story.id)
      .filter((id) => only.length === 0 || only.some((word) => id.includes(word)));
    const problems: string[] = [];
    const sweep = new StorySweep();
    await sweep.start(ids[0] as string);
    // Every story renders in both themes with no error. axe runs in full once per story (light);
    // in dark only what a theme can change — the CSS variables, so colour contrast — is checked.
    for (const id of ids) {
      for (const theme of ['light', 'dark'] as const) {
        try {
          const watch = await sweep.show(id, theme);
          const text = await sweep.rootText();
          if (text.trim() === '') problems.push(`${id} ${theme}: rendered nothing`);
          if (text.includes('This story reads from a local server')) {
            problems.push(`${id}: did not reach the story backend`);
          }
          const violations = await sweep.axe(theme === 'light' ? undefined : ['color-contrast']);
          for (const v of violations) problems.push(`${id} ${theme}: ${v}`);
          for (const e of watch.errors) problems.push(`${id} ${theme}: ${e}`);
          for (const d of watch.dialogs) problems.push(`${id} ${theme}: opened a dialog "${d}"`);
        } catch (error) {
          problems.push(`${id} ${theme}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
    await sweep.close();
    expect(problems.sort()).toEqual([]);
  }, 900_000);

  it('never runs or follows hostile repository content', async () => {
    const { page, errors, dialogs } = await open('connected--hostile-content');
    const start = page.url();
    // The root shows the README rendered: raw HTML dropped, no unsafe URL kept, images from blobs.
    const readme = page.getByRole('article', { name: 'README.md, rendered' });
    await readme.getByRole('heading', { name: /Hostile/ }).waitFor();
    await readme.locator('img[alt="svg in the repository"][src^="blob:"]').waitFor();
    expect(
      await readme.locator('script, iframe, object, embed, svg, div[onmouseover]').count(),
    ).toBe(0);
    const hrefs = await readme
      .locator('a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(https:\/\/tracker\.example\/|#)/);
    const sources = await readme
      .locator('img')
      .evaluateAll((images) => images.map((i) => i.getAttribute('src') ?? ''));
    expect(sources).toEqual([expect.stringMatching(/^blob:/)]);
    // Every would-be link is text: clicking it goes nowhere.
    for (const text of [
      'javascript link',
      'data link',
      'vbscript',
      'spaced',
      'entity',
      'raw anchor',
    ]) {
      await readme.getByText(text, { exact: true }).click();
    }
    // The other site's image is a link, not a request: nothing was fetched from it.
    await readme.getByRole('link', { name: 'Image on another site: tracker' }).waitFor();
    expect(
      await page.evaluate(() =>
        performance.getEntriesByType('resource').filter((r) => r.name.includes('tracker.example')),
      ),
    ).toEqual([]);
    const tree = page.getByRole('tree');
    await tree.focus();
    const names = await page.locator('[role=treeitem] .gsk-file-tree__name').allInnerTexts();
    expect(names).toContain('<img src=x onerror="window.__pwned=1">.md');
    expect(names).toContain('javascript:window.__pwned=1');
    // Open every file with the keyboard; each shows as text or through an <img> of a blob.
    for (let i = 0; i < names.length; i++) {
      await page.keyboard.press('Enter');
      await page.evaluate(
        () =>
          new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
      );
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

  it('shows a focus ring on every control reached by Tab, at 3:1 against what it sits on', async () => {
    // What the ring is drawn in and on, from computed styles: the outline (or the ::after border
    // of a diff block) and the first opaque background behind it — the element's own for a ring
    // drawn inside it, its parent's for one drawn outside.
    const ringScript = `(() => {
      // A listbox or tree that keeps focus itself shows the ring on its active row.
      const focused = document.activeElement;
      const activeId = focused.getAttribute('aria-activedescendant');
      const own = getComputedStyle(focused);
      const el = activeId && own.outlineStyle === 'none' ? document.getElementById(activeId) || focused : focused;
      const parse = (c) => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
      const opaque = (node) => {
        for (let n = node; n; n = n.parentElement) {
          const c = parse(getComputedStyle(n).backgroundColor);
          if (c.length < 4 || c[3] > 0.5) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const style = getComputedStyle(el);
      const after = getComputedStyle(el, '::after');
      let ring = null;
      let inside = Number.parseFloat(style.outlineOffset) < 0;
      if (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) ring = style.outlineColor;
      else if (after.content !== 'none' && after.borderTopStyle !== 'none') { ring = after.borderTopColor; inside = true; }
      else if (style.boxShadow !== 'none') { ring = style.boxShadow; inside = true; }
      if (!ring) return { tag: el.tagName, label: el.getAttribute('aria-label') || el.textContent.slice(0, 40), ratio: 0 };
      const lum = (rgb) => {
        const [r, g, b] = rgb.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const a = lum(parse(ring));
      const b = lum(opaque(inside ? el : el.parentElement));
      return { tag: el.tagName, label: el.getAttribute('aria-label') || el.textContent.slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    })()`;
    const stories = [
      'presentational-commitcomposer--staged',
      'presentational-branchcombobox--normal',
      'presentational-filetree--normal',
      'presentational-commitlist--selected',
      'presentational-diffview--normal',
      // Radio groups, a text field and buttons of the conflict resolver and the merge panel.
      'connected--merge-conflicts',
    ];
    for (const theme of ['light', 'dark'] as const) {
      for (const id of stories) {
        const { page } = await open(id, theme);
        // A connected story draws its controls once the server answered.
        if (id.startsWith('connected--')) await page.locator('input[type=radio]').first().waitFor();
        const seen = new Set<string>();
        for (let i = 0; i < 14; i++) {
          await page.keyboard.press('Tab');
          if (await page.evaluate('document.activeElement === document.body')) break;
          const element = page.locator(':focus');
          const html = (await page.evaluate(
            'document.activeElement.outerHTML.slice(0, 200)',
          )) as string;
          if (seen.has(html)) break;
          seen.add(html);
          const ring = (await page.evaluate(ringScript)) as {
            tag: string;
            label: string;
            ratio: number;
          };
          expect(ring.ratio, `${theme} ${id}: ${ring.tag} "${ring.label}"`).toBeGreaterThanOrEqual(
            3,
          );
          const box = await element.boundingBox();
          if (!box || box.width === 0) continue;
          const clip = {
            x: Math.max(0, box.x - 6),
            y: Math.max(0, box.y - 6),
            width: Math.min(box.width + 12, 1100),
            height: Math.min(box.height + 12, 700),
          };
          const focused = await page.screenshot({ clip });
          await page.evaluate(
            'window.__gskFocused = document.activeElement; document.activeElement.blur()',
          );
          const blurred = await page.screenshot({ clip });
          expect(
            focused.equals(blurred),
            `${theme} ${id}: ${ring.tag} "${ring.label}" shows no ring`,
          ).toBe(false);
          // Back where Tab left off, as the keyboard would have it.
          await page.evaluate('window.__gskFocused.focus()');
        }
        expect(seen.size, `${id}: nothing reached by Tab`).toBeGreaterThan(0);
        await page.close();
      }
      // The change block `n` lands on: its ring is drawn over its rows, not under them.
      const { page } = await open('presentational-diffview--normal', theme);
      await page.locator('.gsk-diff__scroll').focus();
      await page.keyboard.press('n');
      await page.waitForFunction(
        'document.activeElement.classList.contains("gsk-diff-file__block")',
      );
      const block = (await page.evaluate(ringScript)) as { ratio: number };
      expect(block.ratio, `${theme}: the focused change block`).toBeGreaterThanOrEqual(3);
      // Seen over the rows: the block looks different focused and not.
      const rect = (await page.evaluate(
        '(() => { const r = document.activeElement.getBoundingClientRect(); return { x: r.x, y: r.y, width: Math.min(r.width, 1000), height: Math.min(r.height, 400) }; })()',
      )) as { x: number; y: number; width: number; height: number };
      const withRing = await page.screenshot({ clip: rect });
      await page.evaluate('document.activeElement.blur()');
      expect(withRing.equals(await page.screenshot({ clip: rect }))).toBe(false);
      await page.close();
    }
  }, 180_000);

  it('colours each file state of the diff on its own (added, deleted, renamed, modified)', async () => {
    const { page } = await open('presentational-diffview--normal');
    const colours = new Map<string, unknown>();
    // Files mount as they scroll into view: scroll on until each state's badge has been seen.
    for (let step = 0; step < 60 && colours.size < 4; step++) {
      const seen = (await page.evaluate(`(() => {
        const out = {};
        for (const b of document.querySelectorAll('.gsk-diff-file__header .gsk-diff-badge')) {
          const state = [...b.classList].find((c) => c.startsWith('gsk-diff-badge--'))?.slice(16);
          if (state) out[state] = getComputedStyle(b).color;
        }
        document.querySelector('.gsk-diff__scroll').scrollTop += 300;
        return out;
      })()`)) as Record<string, string>;
      for (const [state, colour] of Object.entries(seen)) {
        if (['added', 'deleted', 'renamed', 'modified'].includes(state)) colours.set(state, colour);
      }
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(0)))');
    }
    expect([...colours.keys()].sort()).toEqual(['added', 'deleted', 'modified', 'renamed']);
    expect(new Set(colours.values()).size, JSON.stringify([...colours])).toBe(4);
    await page.close();
  });

  it('shows bidirectional controls in names instead of obeying them, each name isolated', async () => {
    const tree = await open('presentational-filetree--hard-names');
    // The file, not its folder "invoices".
    const invoice = tree.page.locator('.gsk-file-tree__name', { hasText: 'fdp.exe' });
    expect(await invoice.textContent()).toBe('invoice<U+202E>fdp.exe');
    expect(
      await invoice.evaluate((el) => [
        el.tagName,
        getComputedStyle(el).unicodeBidi,
        el.getAttribute('dir'),
      ]),
    ).toEqual(['BDI', 'isolate', 'ltr']);
    // The mark is drawn: it has a width, so the reader sees where the control is.
    const mark = invoice.locator('.gsk-bidi-control');
    expect((await mark.boundingBox())?.width ?? 0).toBeGreaterThan(10);
    await tree.page.close();
    const history = await open('presentational-commitlist--hard-names');
    // The title with an override is isolated: the author and date after it keep their order.
    const title = history.page.locator('.gsk-commit-list__title', { hasText: 'noisserpxe' });
    expect(await title.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    const byline = history.page.locator('.gsk-commit-list__byline', { hasText: 'Eve' });
    expect(await byline.textContent()).toMatch(/^Eve<U\+202E> · /);
    await history.page.close();
  });

  it('the branch combobox does nothing by accident from the keyboard', async () => {
    const { page, errors } = await open('presentational-branchcombobox--closed');
    const input = page.getByRole('combobox', { name: 'Branch' });
    const active = () =>
      page.evaluate(
        `document.getElementById(document.querySelector('[role=combobox]').getAttribute('aria-activedescendant') || '')?.textContent ?? null`,
      );
    await input.focus();
    // Opens at the current branch: ArrowDown + Enter moves one branch on, not to the top.
    await page.keyboard.press('ArrowDown');
    await expect.poll(active).toBe('feature/topic-3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('feature/topic-4');
    // The chosen name is selected again: typing replaces it instead of appending to it.
    await page.keyboard.type('qq');
    expect(await input.inputValue()).toBe('qq');
    // Only "Create branch qq …" is left, and Enter does not pick it.
    expect(await active()).toBe(null);
    await page.keyboard.press('Enter');
    expect(await page.getByRole('dialog').count()).toBe(0);
    // Moving to the offer and pressing Enter asks first; Enter again (on Cancel) creates nothing.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Create branch qq from feature/topic-4?' }).waitFor();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Cancel');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate('document.activeElement.getAttribute("role")')).toBe('combobox');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the active row of every virtualized list mounted and named by what it is', async () => {
    /** The element `aria-activedescendant` of `selector` names, as its text (null: dangling). */
    const activeText = (page: Page, selector: string) =>
      page.evaluate((sel) => {
        const owner = document.querySelector(sel);
        const id = owner?.getAttribute('aria-activedescendant');
        return id ? (document.getElementById(id)?.textContent ?? null) : 'no active row';
      }, selector);
    /** Scrolls the list to its end, as a reader's wheel would; resolves with how far it went. */
    const scrollAway = (page: Page, selector: string) =>
      page.evaluate(async (sel) => {
        const list = document.querySelector(sel) as HTMLElement;
        list.scrollTop = list.scrollHeight;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return list.scrollTop;
      }, selector);

    // The file tree: "packages" open (200 folders), its first folder active, then scrolled away.
    const tree = await open('presentational-filetree--large-100-k-paths');
    await tree.page.getByRole('tree').focus();
    await tree.page.keyboard.type('packages');
    await tree.page.keyboard.press('ArrowRight');
    await tree.page.keyboard.press('ArrowDown');
    const before = await activeText(tree.page, '[role=tree]');
    expect(before).toContain('pkg-0');
    expect(await scrollAway(tree.page, '[role=tree]')).toBeGreaterThan(2_000);
    expect(await activeText(tree.page, '[role=tree]')).toBe(before);
    // A folder opening above the active row: the reference still names the same row.
    await tree.page.keyboard.press('ArrowUp');
    await tree.page.keyboard.press('ArrowDown');
    await tree.page.keyboard.press('ArrowRight');
    await tree.page.keyboard.press('ArrowDown');
    const inner = await activeText(tree.page, '[role=tree]');
    await tree.page.keyboard.press('ArrowUp');
    await tree.page.keyboard.press('ArrowLeft');
    expect(await activeText(tree.page, '[role=tree]')).toContain('pkg-0');
    expect(inner).not.toBe(before);
    await tree.page.close();

    // The changed-file list of a 1,000-file diff.
    const diff = await open('presentational-diffview--thousand-files');
    const list = diff.page.getByRole('listbox', { name: 'Changed files' });
    await list.focus();
    await diff.page.keyboard.press('ArrowDown');
    const file = await activeText(diff.page, '[role=listbox]');
    expect(file).not.toBeNull();
    expect(await scrollAway(diff.page, '[role=listbox]')).toBeGreaterThan(2_000);
    expect(await activeText(diff.page, '[role=listbox]')).toBe(file);
    await diff.page.close();

    // The branch combobox over 10,000 branches.
    const combo = await open('presentational-branchcombobox--large-10-k-branches');
    await combo.page.getByRole('combobox', { name: 'Branch' }).focus();
    await combo.page.keyboard.press('ArrowDown');
    await combo.page.keyboard.press('ArrowDown');
    const option = await activeText(combo.page, '[role=combobox]');
    expect(option).not.toBeNull();
    expect(await scrollAway(combo.page, '[role=listbox]')).toBeGreaterThan(2_000);
    expect(await activeText(combo.page, '[role=combobox]')).toBe(option);
    await combo.page.close();
  });

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
