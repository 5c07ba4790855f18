/**
 * Builds the e2e page with Vite and serves it, with the host's token endpoint beside it, from a
 * loopback HTTP server; launches Chromium headless through playwright-core.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { createTokenHandler } from '../../src/server/index.js';
import { CHROMIUM_FLAGS, findChromium } from '../helpers/find-chromium.js';
import { keys, ORG } from '../helpers/local-server.js';
import { serveFile } from '../helpers/static-files.js';
import { testBuild } from '../helpers/test-builds.js';

/**
 * Chromium with a real (temporary) profile: an off-the-record context keeps Blob data in memory
 * only and fails large uploads, which a user's normal profile would page to disk.
 */
export async function launchChromium(
  extraArgs: string[] = [],
): Promise<BrowserContext & { dispose(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'gsk-chromium-'));
  // Found (or installed on Debian as root) by findChromium; without one this fails loudly.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_FLAGS, '--disable-quic', '--disable-sync', ...extraArgs],
  });
  return Object.assign(context, {
    dispose: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  });
}

/** The pages vitest's global setup built, or undefined outside vitest (bench:ui builds them). */
function builtByVitest() {
  try {
    return inject('testBuilds');
  } catch {
    return undefined;
  }
}

export interface PageHost {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds a page under test/e2e (default `page`) and serves it with a `/token` endpoint that
 * grants read and write.
 */
export async function hostPage(folder: 'page' | 'composer-page' = 'page'): Promise<PageHost> {
  const outDir = await testBuild(folder, builtByVitest());
  const tokens = createTokenHandler({
    key: keys.es256.privateKey,
    name: ORG,
    authorize: (_request, wanted) => ({ repoId: wanted.repoId, scopes: ['git:read', 'git:write'] }),
  });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/token') {
      const answer = await tokens(new Request(url));
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(await answer.text());
      return;
    }
    await serveFile(outDir, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
