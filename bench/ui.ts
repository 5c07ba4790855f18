/**
 * bench:ui — our components beside the libraries people use instead, in headless Chromium.
 *
 * tree: FileBrowser's tree against @pierre/trees over the same 100,000 monorepo-shaped paths:
 * time from mount to first painted rows, DOM nodes, and time for End to reach the last row.
 * Rounds alternate (ours, theirs, ours, …); medians are printed with the ratio ours / theirs.
 *
 * diff: DiffView against plain react-diff-viewer-continued (its defaults, given the two whole
 * texts) for one file with 20,000 and with 100,000 changed lines and for 1,000 files of 20 changed
 * lines: time from mount to the first rows, DOM nodes, longest main-thread task; theirs is stopped
 * after `--limit` seconds. Then ours scrolls the 100,000-line file end to end, counting frames
 * over 50 ms.
 *
 * composer: the CommitComposer on a real local server: 10,000 small files dropped at once (time
 * until the staged list says so, DOM nodes, longest task), committed (seconds, requests: one
 * commit upload), and the JS heap growth while a 512 MiB disk-backed File chosen through its file
 * input commits (`--size-mib`).
 *
 * scroll: long tasks while scrolling ours over 20,000 changed lines, at wheel speed and by jumps.
 * highlight: FilePreview on a 5,000-line TypeScript file: plain lines, then highlighted.
 *
 * `npm run bench:ui -- --suite tree,diff,scroll,composer --paths 100000 --rounds 3 --limit 60`
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { monorepoPaths } from '../stories/support/fixtures.js';
import { hostPage, launchChromium } from '../test/e2e/browser-page.js';
import { launchHeadlessChromium } from '../test/helpers/find-chromium.js';
import { AUTHOR, ourClient, startTestServer } from '../test/helpers/local-server.js';
import { serveFile } from '../test/helpers/static-files.js';
import { writeRandomFile } from './random-file.js';
import type { DiffCase } from './ui-page/diff-bench.js';

const { values } = parseArgs({
  options: {
    paths: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    suite: { type: 'string', default: 'tree,diff,composer' },
    limit: { type: 'string', default: '60' },
    files: { type: 'string', default: '10000' },
    'size-mib': { type: 'string', default: '512' },
    /** CPU slowdown for the scroll suite (Chromium's throttling: 4 = a mid-range phone). */
    throttle: { type: 'string', default: '1' },
  },
});
const suites = new Set(values.suite.split(','));
const limitMs = Number(values.limit) * 1000;
const count = Number(values.paths);
const rounds = Number(values.rounds);

const outDir = await mkdtemp(join(tmpdir(), 'gsk-bench-ui-'));
await build({
  configFile: false,
  logLevel: 'silent',
  root: join(import.meta.dirname, 'ui-page'),
  mode: 'production',
  build: { outDir, emptyOutDir: true, target: 'es2022' },
});
const server = createServer((req, res) => void serveFile(outDir, req, res));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
async function treeSuite(page: Page): Promise<void> {
  const paths = monorepoPaths(count);
  await page.evaluate((p) => {
    (window as unknown as { paths: string[] }).paths = p;
  }, paths);
  const figures: Record<
    'ours' | 'pierre',
    { firstRowsMs: number; domNodes: number; endMs: number | null }[]
  > = {
    ours: [],
    pierre: [],
  };
  for (let r = 0; r < rounds; r++) {
    for (const kind of ['ours', 'pierre'] as const) {
      process.stderr.write(`round ${r + 1}: ${kind}\n`);
      figures[kind].push(
        await page.evaluate(
          (k) => window.runBench(k, (window as unknown as { paths: string[] }).paths),
          kind,
        ),
      );
    }
  }
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const summary = (kind: 'ours' | 'pierre') => ({
    firstRowsMs: Math.round(median(figures[kind].map((f) => f.firstRowsMs))),
    domNodes: median(figures[kind].map((f) => f.domNodes)),
    endMs: figures[kind].every((f) => f.endMs !== null)
      ? Math.round(median(figures[kind].map((f) => f.endMs as number)))
      : null,
  });
  const ours = summary('ours');
  const pierre = summary('pierre');
  console.log(
    JSON.stringify(
      {
        paths: paths.length,
        rounds,
        fileBrowser: ours,
        pierreTrees: pierre,
        ratioFirstRows: Number((ours.firstRowsMs / pierre.firstRowsMs).toFixed(3)),
        runs: figures,
      },
      null,
      2,
    ),
  );
}

type DiffResult = Awaited<ReturnType<Window['runDiffBench']>>;

/** Runs one diff case in the page; a page stuck past the limit is replaced by a fresh one. */
async function diffCase(
  page: Page,
  openPage: () => Promise<Page>,
  kind: 'ours' | 'theirs',
  c: DiffCase,
): Promise<{ page: Page; result: DiffResult | 'page stuck' }> {
  process.stderr.write(`diff ${c}: ${kind}\n`);
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<'page stuck'>((resolve) => {
    timer = setTimeout(() => resolve('page stuck'), limitMs + 30_000);
  });
  const result = await Promise.race([
    page.evaluate(([k, cc, limit]) => window.runDiffBench(k, cc, limit), [
      kind,
      c,
      limitMs,
    ] as const),
    stuck,
  ]);
  clearTimeout(timer);
  if (result === 'page stuck' || 'timedOut' in result) {
    await page.close({ runBeforeUnload: false }).catch(() => {});
    return { page: await openPage(), result };
  }
  await page.evaluate(() => window.unmountDiff());
  return { page, result };
}

async function diffSuite(openPage: () => Promise<Page>): Promise<void> {
  let page = await openPage();
  const report: Record<string, unknown> = { limitSeconds: limitMs / 1000 };
  for (const c of ['lines20k', 'lines100k', 'files1000'] as const) {
    const ours = await diffCase(page, openPage, 'ours', c);
    const theirs = await diffCase(ours.page, openPage, 'theirs', c);
    page = theirs.page;
    const firstMs = (r: DiffResult | 'page stuck') =>
      r !== 'page stuck' && !('timedOut' in r) ? r.firstScreenMs : null;
    const oursMs = firstMs(ours.result);
    const theirsMs = firstMs(theirs.result);
    report[c] = {
      diffView: ours.result,
      reactDiffViewerContinued:
        theirsMs === null
          ? {
              firstScreen: `> ${limitMs / 1000} s`,
              ...(typeof theirs.result === 'object' ? theirs.result : {}),
            }
          : theirs.result,
      ratioFirstScreen:
        oursMs !== null && theirsMs !== null
          ? Number((oursMs / theirsMs).toFixed(4))
          : `< ${oursMs} / ${limitMs}`,
    };
  }
  process.stderr.write('diff scroll: ours, 100,000 lines\n');
  await page.evaluate(([limit]) => window.runDiffBench('ours', 'lines100k', limit), [
    limitMs,
  ] as const);
  report.scroll100k = await page.evaluate(() => window.scrollDiffToEnd(800));
  await page.close();
  console.log(JSON.stringify({ diff: report }, null, 2));
}

/**
 * `--suite scroll`: long tasks while scrolling the 20,000-changed-line file — wheel speed
 * (120 px a frame for 300 frames) and jumps (to the end, then 12 scrollbar-drag landings);
 * `--rounds` runs, medians printed.
 */
async function scrollSuite(openPage: () => Promise<Page>): Promise<void> {
  const runs: Awaited<ReturnType<Window['scrollTasks']>>[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const page = await openPage();
    const throttle = Number(values.throttle);
    if (throttle > 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    process.stderr.write(`scroll 20k: round ${round + 1} (CPU ÷${throttle})\n`);
    await page.evaluate(([limit]) => window.runDiffBench('ours', 'lines20k', limit), [
      limitMs,
    ] as const);
    runs.push(await page.evaluate(() => window.scrollTasks(120, 300, 12)));
    await page.close();
  }
  const median = (pick: (r: (typeof runs)[number]) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  console.log(
    JSON.stringify(
      {
        scroll20k: {
          cpuThrottle: Number(values.throttle),
          medians: {
            wheelLongestTaskMs: median((r) => r.wheelLongestTaskMs),
            wheelSlowFrames: median((r) => r.wheelSlowFrames),
            wheelFps: median((r) => r.wheelFps),
            jumpToEndLongestTaskMs: median((r) => r.jumpToEndLongestTaskMs),
            jumpsLongestTaskMs: median((r) => r.jumpsLongestTaskMs),
          },
          runs,
        },
      },
      null,
      2,
    ),
  );
}

/**
 * `--suite review` (issue 26): the 20,000-changed-line diff with 500 review threads between its
 * rows — first screen, then long tasks while scrolling it (as `--suite scroll`); `--rounds`
 * pages, medians. `--suite conflict`: ConflictResolver on a 10,000-line-per-side conflict.
 */
async function reviewSuite(openPage: () => Promise<Page>): Promise<void> {
  type Run = {
    first: DiffResult;
    scroll: Awaited<ReturnType<Window['scrollTasks']>>;
    /** The same diff without threads, in the same page: the baseline. */
    plain: DiffResult;
  };
  const runs: Run[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const page = await openPage();
    process.stderr.write(`review 20k lines, 500 threads: round ${round + 1}\n`);
    const first = (await page.evaluate(
      ([limit]) => window.runDiffBench('ours', 'lines20k', limit, 500),
      [limitMs] as const,
    )) as DiffResult;
    const scroll = await page.evaluate(() => window.scrollTasks(120, 300, 12));
    await page.close();
    // The baseline in a fresh page too: the line renderer's chunk is loaded cold in both.
    const bare = await openPage();
    const plain = (await bare.evaluate(
      ([limit]) => window.runDiffBench('ours', 'lines20k', limit, 0),
      [limitMs] as const,
    )) as DiffResult;
    await bare.close();
    runs.push({ first, scroll, plain });
  }
  const median = (pick: (r: Run) => number) =>
    runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  console.log(
    JSON.stringify(
      {
        review20k500: {
          medians: {
            withoutThreadsFirstScreenMs: median((r) =>
              'firstScreenMs' in r.plain ? r.plain.firstScreenMs : NaN,
            ),
            ratioToWithoutThreads: median((r) =>
              'firstScreenMs' in r.first && 'firstScreenMs' in r.plain
                ? Number((r.first.firstScreenMs / r.plain.firstScreenMs).toFixed(2))
                : NaN,
            ),
            firstScreenMs: median((r) =>
              'firstScreenMs' in r.first ? r.first.firstScreenMs : NaN,
            ),
            firstLongestTaskMs: median((r) => r.first.longestTaskMs),
            domNodes: median((r) => r.first.domNodes),
            wheelLongestTaskMs: median((r) => r.scroll.wheelLongestTaskMs),
            jumpToEndLongestTaskMs: median((r) => r.scroll.jumpToEndLongestTaskMs),
            jumpsLongestTaskMs: median((r) => r.scroll.jumpsLongestTaskMs),
          },
          runs,
        },
      },
      null,
      2,
    ),
  );
}

/**
 * `--suite highlight`: FilePreview on a 5,000-line TypeScript file, first in a fresh page (the
 * grammar chunk loads) and then again (warm); `--rounds` pages, medians printed.
 */
async function highlightSuite(openPage: () => Promise<Page>): Promise<void> {
  type Figures = Awaited<ReturnType<Window['runHighlightBench']>>;
  const cold: Figures[] = [];
  const warm: Figures[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const page = await openPage();
    process.stderr.write(`highlight 5,000 lines: round ${round + 1}\n`);
    cold.push(await page.evaluate(() => window.runHighlightBench(5_000)));
    warm.push(await page.evaluate(() => window.runHighlightBench(5_000)));
    await page.close();
  }
  const median = (runs: Figures[], pick: (r: Figures) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const summary = (runs: Figures[]) => ({
    plainMs: median(runs, (r) => r.plainMs),
    highlightedMs: median(runs, (r) => r.highlightedMs),
    longestTaskMs: median(runs, (r) => r.longestTaskMs),
    domNodes: median(runs, (r) => r.domNodes),
  });
  console.log(
    JSON.stringify(
      { highlight5k: { cold: summary(cold), warm: summary(warm), runs: { cold, warm } } },
      null,
      2,
    ),
  );
}

/**
 * `--suite blame`: BlameLines over 50,000 lines (200 commits); `--suite search`:
 * CodeSearchResults with 1,000 matching lines in 100 files. A fresh page per round; medians.
 */
async function pageSuite(
  openPage: () => Promise<Page>,
  name: string,
  run: (page: Page) => Promise<{ firstPaintMs: number; longestTaskMs: number; domNodes: number }>,
): Promise<void> {
  const runs: Awaited<ReturnType<typeof run>>[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const page = await openPage();
    process.stderr.write(`${name}: round ${round + 1}\n`);
    runs.push(await run(page));
    await page.close();
  }
  const median = (pick: (r: (typeof runs)[number]) => number) =>
    runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  console.log(
    JSON.stringify(
      {
        [name]: {
          firstPaintMs: median((r) => r.firstPaintMs),
          longestTaskMs: median((r) => r.longestTaskMs),
          domNodes: median((r) => r.domNodes),
          runs,
        },
      },
      null,
      2,
    ),
  );
}

/**
 * `--suite drafts` (issue 25): a `--size-mib` (default 512) disk-backed File staged through the
 * composer's file input and kept in IndexedDB — JS heap growth while it is stored, and the time
 * to store it against the time to stream the same File once (ratio); then a 1,000-file draft
 * restored after a reload — time from navigation to the composer saying so. Medians of `--rounds`.
 */
async function draftsSuite(): Promise<void> {
  const sizeMiB = Number(values['size-mib']);
  const MiB = 1024 * 1024;
  const server = await startTestServer({ corsOrigins: ['*'] });
  const host = await hostPage('composer-page');
  const work = await mkdtemp(join(tmpdir(), 'gsk-bench-drafts-'));
  const chromium = await launchChromium(['--enable-precise-memory-info']);
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  try {
    const repo = await ourClient(server).createRepo({ id: 'bench/drafts' });
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
      .addFileFromString('seed.txt', 'seed\n')
      .send();
    const url = (branch: string) =>
      `${host.url}/?api=${encodeURIComponent(server.url)}&repo=bench%2Fdrafts&branch=${branch}`;
    const file = join(work, 'big.bin');
    await writeRandomFile(file, sizeMiB * MiB);
    const big: { persistMs: number; readMs: number; heapGrowthMiB: number }[] = [];
    const restore: number[] = [];
    for (let round = 0; round < Number(values.rounds); round++) {
      process.stderr.write(`drafts: round ${round + 1}\n`);
      const tab = await chromium.newPage();
      await tab.goto(url(`big-${round}`));
      await tab.getByRole('group', { name: 'Drop files or folders here' }).waitFor();
      await tab.evaluate(() => window.draftFlushed());
      await tab.evaluate(() => window.startHeap());
      const started = await tab.evaluate(() => performance.now());
      await tab.locator('input[type=file]:not([webkitdirectory])').setInputFiles(file);
      await tab.getByRole('list', { name: 'Staged changes' }).getByRole('listitem').waitFor();
      await tab.evaluate(() => window.draftFlushed());
      const ended = await tab.evaluate(() => performance.now());
      const heap = await tab.evaluate(() => window.stopHeap());
      const readMs = await tab.evaluate(() => window.readStagedOnce());
      big.push({
        persistMs: Math.round(ended - started),
        readMs: Math.round(readMs),
        heapGrowthMiB: Number(((heap.peak - heap.before) / MiB).toFixed(1)),
      });
      await tab.getByRole('button', { name: 'Unstage all' }).click();
      await tab.evaluate(() => window.draftFlushed());
      await tab.close();

      const many = await chromium.newPage();
      await many.goto(url(`many-${round}`));
      await many.getByRole('group', { name: 'Drop files or folders here' }).waitFor();
      await many.evaluate(() => window.stageMany(1000));
      await many.evaluate(() => window.draftFlushed());
      await many.reload();
      restore.push(Math.round(await many.evaluate(() => window.restoredAfter(1000))));
      await many.close();
    }
    console.log(
      JSON.stringify(
        {
          drafts: {
            keep512: {
              sizeMiB,
              persistMs: median(big.map((b) => b.persistMs)),
              readOnceMs: median(big.map((b) => b.readMs)),
              ratioPersistToRead: Number(
                (median(big.map((b) => b.persistMs)) / median(big.map((b) => b.readMs))).toFixed(2),
              ),
              heapGrowthMiB: median(big.map((b) => b.heapGrowthMiB)),
            },
            restore1000: { readyAfterNavigationMs: median(restore) },
            runs: { big, restore },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await chromium.dispose();
    await host.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

async function composerSuite(): Promise<void> {
  const fileCount = Number(values.files);
  const sizeMiB = Number(values['size-mib']);
  const MiB = 1024 * 1024;
  const server = await startTestServer({ corsOrigins: ['*'] });
  const host = await hostPage('composer-page');
  const work = await mkdtemp(join(tmpdir(), 'gsk-bench-composer-'));
  const chromium = await launchChromium(['--enable-precise-memory-info']);
  try {
    const repo = await ourClient(server).createRepo({ id: 'bench/composer' });
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
      .addFileFromString('seed.txt', 'seed\n')
      .send();
    const open_ = async (branch: string) => {
      await repo.createBranch({ baseBranch: 'main', targetBranch: branch });
      const tab = await chromium.newPage();
      await tab.setViewportSize({ width: 1100, height: 900 });
      await tab.goto(
        `${host.url}/?api=${encodeURIComponent(server.url)}&repo=bench%2Fcomposer&branch=${branch}`,
      );
      await tab.getByRole('group', { name: 'Drop files or folders here' }).waitFor();
      return tab;
    };
    const commit = async (tab: Page, message: string) => {
      const requests: string[] = [];
      tab.on('request', (r) => {
        if (r.url().startsWith(server.url)) requests.push(new URL(r.url()).pathname);
      });
      await tab.getByRole('textbox', { name: 'Commit message' }).fill(message);
      const started = await tab.evaluate(() => performance.now());
      await tab.getByRole('button', { name: 'Commit' }).click();
      await tab.getByText(/^Committed [0-9a-f]{7}/).waitFor({ timeout: 600_000 });
      const [ended, committingAt] = await tab.evaluate(() => [
        performance.now(),
        window.committingAt ?? Number.NaN,
      ]);
      const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
      return {
        seconds: seconds(ended - started),
        // Reading, encoding and sending the files; then the server writing the commit.
        uploadSeconds: seconds(committingAt - started),
        serverSeconds: seconds(ended - committingAt),
        commitUploads: requests.filter((p) => p.endsWith('/repos/commit-pack')).length,
        requests: requests.length,
      };
    };

    process.stderr.write(`composer: staging ${fileCount} files\n`);
    const many = await open_('many');
    const staged = await many.evaluate((n) => window.stageMany(n), fileCount);
    const manyCommit = await commit(many, `${fileCount} files`);
    await many.close();
    process.stderr.write(`composer: the same ${fileCount} files by the core client alone\n`);
    const core = await open_('core');
    const coreMs = await core.evaluate(([n]) => window.coreCommit(n, 'core'), [fileCount] as const);
    await core.close();

    process.stderr.write(`composer: committing a ${sizeMiB} MiB file\n`);
    // A disk-backed File, as a file picker gives (Chromium will not page a 512 MiB in-page Blob).
    const file = join(work, 'big.bin');
    await writeRandomFile(file, sizeMiB * MiB);
    const big = await open_('big');
    await big.locator('input[type=file]:not([webkitdirectory])').setInputFiles(file);
    await big.getByRole('list', { name: 'Staged changes' }).getByRole('listitem').waitFor();
    await big.evaluate(() => window.startHeap());
    const bigCommit = await commit(big, `${sizeMiB} MiB`);
    const heap = await big.evaluate(() => window.stopHeap());
    await big.close();
    console.log(
      JSON.stringify(
        {
          composer: {
            stage: { files: fileCount, ...staged, stagedMs: Math.round(staged.stagedMs) },
            commitMany: manyCommit,
            baselineCoreClientSeconds: Number((coreMs / 1000).toFixed(2)),
            ratioComposerToCore: Number((manyCommit.seconds / (coreMs / 1000)).toFixed(2)),
            commitBig: {
              sizeMiB,
              ...bigCommit,
              heapGrowthMiB: Number(((heap.peak - heap.before) / MiB).toFixed(1)),
              heapBeforeMiB: Number((heap.before / MiB).toFixed(1)),
            },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await chromium.dispose();
    await host.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

const browser = await launchHeadlessChromium();
try {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const openPage = async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    page.on('crash', () => process.stderr.write('page crashed\n'));
    await page.goto(url);
    return page;
  };
  if (suites.has('tree')) await treeSuite(await openPage());
  if (suites.has('diff')) await diffSuite(openPage);
  if (suites.has('scroll')) await scrollSuite(openPage);
  if (suites.has('highlight')) await highlightSuite(openPage);
  if (suites.has('blame')) {
    await pageSuite(openPage, 'blame50k', (page) =>
      page.evaluate(() => window.runBlameBench(50_000)),
    );
  }
  if (suites.has('search')) {
    await pageSuite(openPage, 'search1k', (page) =>
      page.evaluate(() => window.runSearchBench(1_000)),
    );
  }
  if (suites.has('review')) await reviewSuite(openPage);
  if (suites.has('conflict')) {
    await pageSuite(openPage, 'conflict10k', (page) =>
      page.evaluate(() => window.runConflictBench(10_000)),
    );
  }
  if (suites.has('composer')) await composerSuite();
  if (suites.has('drafts')) await draftsSuite();
} finally {
  await browser.close();
  server.close();
  await rm(outDir, { recursive: true, force: true });
}
