/**
 * An `apiBaseUrl` that points at a web server instead of the storage API (the app's own dev
 * server answers every path with its index.html) is said in words: which origin answered HTML and
 * what to check — not "Unexpected token '<'". Against a real HTTP server on loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, GitStorage } from '../../src/core/index.js';

let site: Server;
let origin: string;

beforeAll(async () => {
  // Like Vite's SPA fallback: GET answers the page with 200; anything else 404 with a page.
  site = createServer((req, res) => {
    req.resume();
    res.writeHead(req.method === 'GET' ? 200 : 404, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><html><body><div id="root"></div></body></html>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));

describe('an apiBaseUrl that answers HTML', () => {
  const client = () =>
    new GitStorage({
      name: 'local',
      apiBaseUrl: `${origin}/app`,
      getToken: async () => 'token',
      retry: { retries: 0 },
    });

  it('says so for a read that answered 200 with a page', async () => {
    const error = await client()
      .repo({ id: 'team/app' })
      .listBranches()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      `${origin} answered with an HTML page, not the storage API: check apiBaseUrl (it should be the API's base, e.g. https://api.code.storage/api/v1 or http://localhost:8787/api/v1)`,
    );
  });

  it('says so for a write that answered 404 with a page, instead of quoting the page', async () => {
    const error = await client()
      .repo({ id: 'team/app' })
      .createBranch({ baseBranch: 'main', targetBranch: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toMatch(/answered with an HTML page.*check apiBaseUrl/);
    expect((error as ApiError).message).not.toContain('<!doctype');
  });
});
