/**
 * bench:ui — FileBrowser's tree against @pierre/trees, in one headless Chromium page, over the
 * same 100,000 monorepo-shaped paths: time from mount to first painted rows, DOM nodes, and time
 * for End to reach the last row. Rounds alternate (ours, theirs, ours, …); medians are printed
 * with the ratio ours / theirs. `npm run bench:ui -- --paths 100000 --rounds 3`
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { monorepoPaths } from '../stories/support/fixtures.js';
import { launchHeadlessChromium } from '../test/helpers/find-chromium.js';

const { values } = parseArgs({
  options: {
    paths: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
  },
});
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
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};
const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  try {
    const body = await readFile(
      join(outDir, path === '/' ? 'index.html' : path.replace(/\.\./g, '')),
    );
    res.writeHead(200, { 'content-type': types[extname(path || '.html')] ?? 'text/html' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await launchHeadlessChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  page.on('crash', () => process.stderr.write('page crashed\n'));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
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
} finally {
  await browser.close();
  server.close();
  await rm(outDir, { recursive: true, force: true });
}
