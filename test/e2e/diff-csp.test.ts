/**
 * The DiffView in real headless Chromium under a strict Content-Security-Policy — no inline
 * styles, no inline scripts, no workers: with the page's nonce the browser reports no violation
 * and the line colours (inserted by the line renderer as nonce'd <style> elements) apply; with a
 * wrong nonce they are refused, so the check can fail. Hostile paths and lines stay text.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchHeadlessChromium } from '../helpers/find-chromium.js';
import { serveFile } from '../helpers/static-files.js';
import { testBuild } from '../helpers/test-builds.js';

let outDir: string;
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  outDir = await testBuild('csp-page', inject('testBuilds'));
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': [
          "default-src 'self'",
          "script-src 'self'",
          `style-src 'self' 'nonce-${nonce}'`,
          "img-src 'self' data: blob:",
          "worker-src 'none'",
          "object-src 'none'",
          "base-uri 'none'",
        ].join('; '),
      });
      res.end(html.replace('__NONCE__', nonce));
      return;
    }
    await serveFile(outDir, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchHeadlessChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function open(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/${query}`);
  await page.waitForSelector('.gsk-diff__gutter--added');
  await painted(page);
  expect(errors).toEqual([]);
  return page;
}

/** Resolves after the next two frames: whatever React committed has been styled and painted. */
function painted(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

/** Background of the first added line's text cell, which only the renderer's stylesheet colours. */
const addedLineBackground = (page: Page) =>
  page.evaluate(() => {
    const gutter = document.querySelector('.gsk-diff__gutter--added');
    const text = gutter?.parentElement?.lastElementChild as HTMLElement;
    return getComputedStyle(text).backgroundColor;
  });

describe('DiffView under a strict CSP', () => {
  it('renders with the nonce: no violation, line colours applied, nothing hostile runs', async () => {
    const page = await open('');
    expect(await page.evaluate(() => window.violations)).toEqual([]);
    expect(await addedLineBackground(page)).toBe('rgb(218, 251, 225)');
    // Split view mounts new pieces: still no violation.
    await page.getByRole('button', { name: 'Split' }).click();
    await painted(page);
    expect(await page.evaluate(() => window.violations)).toEqual([]);
    // Hostile content is text: visible as written, never executed, never an element.
    await page.getByRole('option', { name: /onerror/ }).click();
    await expect
      .poll(() => page.getByText('<script>window.__pwned=1</script>').count())
      .toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.gsk-diff script, .gsk-diff img').count()).toBe(0);
    await page.close();
  });

  it("keeps each file's heading at the top of its file when jumped to from the keyboard", async () => {
    const page = await open('');
    await page.getByRole('listbox', { name: 'Changed files' }).focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('src/version.ts');
    // Every file whose top is in view shows its header at its top (the sticky header is only
    // pushed down for a file whose top has scrolled out of view).
    const placements = await page.evaluate(() => {
      const view = (
        document.querySelector('.gsk-diff__scroll') as HTMLElement
      ).getBoundingClientRect();
      return [...document.querySelectorAll('.gsk-diff-file')]
        .map((section) => ({
          section: section.getBoundingClientRect().top,
          header: (section.querySelector('header') as HTMLElement).getBoundingClientRect().top,
        }))
        .filter((p) => p.section >= view.top && p.section < view.bottom)
        .map((p) => Math.round(p.header - p.section));
    });
    expect(placements.length).toBeGreaterThan(0);
    for (const offset of placements) expect(offset).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('is refused with a wrong nonce (so the check above can fail)', async () => {
    const page = await open('?nonce=wrong');
    const violations = await page.evaluate(() => window.violations);
    expect(violations.some((v) => v.startsWith('style-src'))).toBe(true);
    expect(await addedLineBackground(page)).not.toBe('rgb(218, 251, 225)');
    await page.close();
  });
});
