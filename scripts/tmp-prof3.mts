import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'vite';
import { launchHeadlessChromium } from '../test/helpers/find-chromium.js';
const outDir = await mkdtemp(join(tmpdir(), 'gsk-prof-'));
await build({ configFile: false, logLevel: 'silent', root: join(import.meta.dirname, '../bench/ui-page'), mode: 'production', build: { outDir, target: 'es2022', minify: false } });
const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  try { const body = await readFile(join(outDir, path === '/' ? 'index.html' : path)); res.writeHead(200, { 'content-type': extname(path) === '.js' ? 'text/javascript' : extname(path) === '.css' ? 'text/css' : 'text/html' }); res.end(body); } catch { res.writeHead(404); res.end(); }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchHeadlessChromium();
const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
await page.goto(`http://127.0.0.1:${(server.address() as any).port}/`);
const c = process.argv[2] ?? 'lines100k';
console.log('warm', await page.evaluate((cc) => window.runDiffBench('ours', cc as any, 60000), c));
const client = await page.context().newCDPSession(page);
await client.send('Profiler.enable');
await client.send('Profiler.setSamplingInterval', { interval: 200 });
await client.send('Profiler.start');
console.log(c, await page.evaluate((cc) => window.runDiffBench('ours', cc as any, 60000), c));
const { profile } = await client.send('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
const idToNode = new Map(profile.nodes.map((n: any) => [n.id, n]));
(profile.samples ?? []).forEach((id: number, i: number) => {
  const n: any = idToNode.get(id);
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
});
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join('\n'));
await browser.close(); server.close();
