/**
 * `npm run screenshots`: builds Storybook, opens every story (or those matching the arguments) in
 * headless Chromium in light and dark, and saves PNGs to docs/screenshots/ (the README's pictures).
 * `WIDTH=390` takes them at a phone's width (files end in `--390`); `OUT_DIR` saves elsewhere;
 * `SKIP_BUILD=1` reuses storybook-static/.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchHeadlessChromium } from '../test/helpers/find-chromium.js';
import { serveStorybook } from './story-browser.js';

const root = join(import.meta.dirname, '..');
const only = process.argv.slice(2);
const staticDir = join(root, 'storybook-static');
if (!process.env.SKIP_BUILD) {
  execFileSync('npx', ['storybook', 'build', '-o', staticDir, '--quiet'], {
    cwd: root,
    stdio: 'ignore',
  });
}
const outDir = process.env.OUT_DIR ?? join(root, 'docs', 'screenshots');
const width = Number(process.env.WIDTH ?? 1100);
const suffix = process.env.WIDTH ? `--${width}` : '';
await mkdir(outDir, { recursive: true });
const site = await serveStorybook(staticDir);
const browser = await launchHeadlessChromium();
try {
  const page = await browser.newPage({ viewport: { width, height: width < 600 ? 844 : 640 } });
  for (const story of site.stories) {
    if (only.length && !only.some((o) => story.id.includes(o))) continue;
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(site.storyUrl(story.id, theme));
      await page.waitForSelector('#storybook-root > *', { timeout: 20_000 });
      await page.waitForFunction(
        () => !document.body.innerText.includes('Connecting to the story backend'),
        null,
        { timeout: 20_000 },
      );
      await page.waitForTimeout(400);
      const file = join(outDir, `${story.id}--${theme}${suffix}.png`);
      // Tall stories (the commit composer) are taken whole; the rest at the viewport's size.
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
  }
} finally {
  await browser.close();
  await site.close();
}
