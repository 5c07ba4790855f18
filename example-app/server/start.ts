/**
 * `npm start`: the whole kit on one machine. Starts the local storage server (development keys,
 * data under `.data/`, which git ignores), seeds the demo repository on the first run, and serves
 * the example app and its backend on one origin (Vite's middleware for the app, Hono for `/api`).
 * Ctrl-C stops everything; the next start reuses the data.
 *
 * With CODE_STORAGE_API_URL, CODE_STORAGE_PRIVATE_KEY and CODE_STORAGE_ORG set, the app talks to
 * Code Storage instead, and no local server is started.
 *
 *   npm start -- [--port 5173] [--storage-port 8787] [--data-dir .data] [--token-ttl 900]
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getRequestListener } from '@hono/node-server';
import { ensureDevKeys, startLocalServer } from 'git-storage-kit/local-server';
import { createServer as createViteServer } from 'vite';
import { CSP_NONCE_PLACEHOLDER } from '../vite.config.js';
import { createExampleApp } from './app.js';
import { DEMO_REPO, seedExampleRepo } from './seed.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5173' },
    'storage-port': { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.data' },
    'token-ttl': { type: 'string', default: '900' },
  },
});
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Listens on `port`, or the next free one (said on the console); 0 = any free port. */
async function listen(server: Server, port: number, host: string, what: string): Promise<number> {
  for (let tried = port; ; tried++) {
    try {
      await new Promise<void>((done, fail) => {
        server.once('error', fail);
        server.listen(tried, host, () => {
          server.off('error', fail);
          done();
        });
      });
      const bound = (server.address() as AddressInfo).port;
      if (port !== 0 && bound !== port) say(`port ${port} is in use: ${what} uses ${bound}`);
      return bound;
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).code !== 'EADDRINUSE' ||
        port === 0 ||
        tried > port + 20
      ) {
        throw new Error(`${what} cannot listen on ${host}:${tried}: ${(error as Error).message}`);
      }
    }
  }
}

const dataDir = resolve(values['data-dir']);
const host = values.host;
const root = join(import.meta.dirname, '..');

// The app's own server first: its origin is what the storage server lets call it (CORS).
let api: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
let vite: Awaited<ReturnType<typeof createViteServer>> | undefined;
const http = createServer((req, res) => {
  if (!api || !vite) res.writeHead(503).end('starting…');
  else if (req.url?.startsWith('/api/')) api(req, res);
  else if (isPageRequest(req)) void servePage(req, res);
  else vite.middlewares(req, res);
});

/** A navigation to the app (any path without a file extension that asks for HTML). */
function isPageRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '/').split('?')[0] as string;
  return (
    req.method === 'GET' &&
    (req.headers.accept ?? '').includes('text/html') &&
    !path.startsWith('/@') &&
    !/\.[a-z0-9]+$/i.test(path)
  );
}

/**
 * The page, with a Content-Security-Policy whose nonce is new for every response: scripts only
 * from this origin, styles only from it or carrying the nonce (Vite's and the diff renderer's
 * <style> elements get it), connections to this origin and the storage API, images also from
 * blob: (previews) and data:, no plugins, no <base>, no framing.
 */
async function servePage(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const nonce = randomBytes(18).toString('base64');
    const template = await readFile(join(root, 'index.html'), 'utf8');
    const html = (
      await (vite as NonNullable<typeof vite>).transformIndexHtml(req.url ?? '/', template)
    ).replaceAll(CSP_NONCE_PLACEHOLDER, nonce);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy(nonce),
      'Cache-Control': 'no-store',
    });
    res.end(html);
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
  }
}

function contentSecurityPolicy(nonce: string): string {
  const storageOrigin = storage ? new URL(storage.apiBaseUrl).origin : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    `connect-src 'self' ${storageOrigin}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
const port = await listen(http, Number(values.port), host, 'the example app');
vite = await createViteServer({
  configFile: join(root, 'vite.config.ts'),
  // Vite's live reload shares the app's port.
  server: { middlewareMode: true, hmr: { server: http } },
  appType: 'spa',
  logLevel: 'warn',
});
const appUrl = `http://localhost:${port}`;

let storage: { apiBaseUrl: string; name: string; privateKey: string };
let local: Awaited<ReturnType<typeof startLocalServer>> | undefined;
if (process.env.CODE_STORAGE_API_URL) {
  const privateKey = process.env.CODE_STORAGE_PRIVATE_KEY;
  const name = process.env.CODE_STORAGE_ORG;
  if (!privateKey || !name) {
    throw new Error('set CODE_STORAGE_PRIVATE_KEY and CODE_STORAGE_ORG with CODE_STORAGE_API_URL');
  }
  storage = { apiBaseUrl: process.env.CODE_STORAGE_API_URL, name, privateKey };
  say(`storage: Code Storage at ${storage.apiBaseUrl} (organisation ${name})`);
} else {
  const keys = await ensureDevKeys(dataDir);
  const privateKey = await readFile(keys.privateKeyPath, 'utf8');
  const storagePort = Number(values['storage-port']);
  // Find a free port for the storage server the same way, then start it there.
  const probe = createServer();
  const free = await listen(probe, storagePort, host, 'the storage server');
  await new Promise<void>((done) => probe.close(() => done()));
  local = await startLocalServer({
    dataDir,
    org: 'local',
    publicKeys: [keys.publicKeyPem],
    port: free,
    host,
    corsOrigins: [appUrl, `http://127.0.0.1:${port}`],
  });
  storage = { apiBaseUrl: local.url, name: 'local', privateKey };
  say(`storage: local server at ${local.url}, data in ${dataDir}`);
  if (await seedExampleRepo(storage)) say(`seeded the demo repository ${DEMO_REPO}`);
}

// The cookie secret stays the same across restarts, so sign-ins survive them.
const secretFile = join(dataDir, 'example-app-cookie-secret');
const cookieSecret = await readFile(secretFile, 'utf8').catch(async () => {
  const secret = randomBytes(32).toString('hex');
  await writeFile(secretFile, secret, { mode: 0o600 });
  return secret;
});
api = getRequestListener(
  createExampleApp({ storage, cookieSecret, tokenTtl: Number(values['token-ttl']) }).fetch,
);
say(`example app: ${appUrl}`);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  say('stopping…');
  void Promise.allSettled([
    new Promise<void>((done) => http.close(() => done())),
    vite?.close(),
    local?.close(),
  ]).then(() => process.exit(0));
  http.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
