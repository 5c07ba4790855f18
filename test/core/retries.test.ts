/**
 * Retries against a real flaky hop: a loopback proxy in front of the local server that answers the
 * first requests with 503/429 (or drops the connection) and then forwards for real.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, RefUpdateError } from '../../src/core/index.js';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';

let server: TestServer;
let proxy: Server;
let proxyUrl: string;
/** What the proxy does with the next requests, in order; then it forwards. */
let script: ('503' | '429' | 'drop')[] = [];
let seen: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const repo = await ourClient(server).createRepo({ id: 'retry/repo' });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('a', 'a')
    .send();
  const target = new URL(server.url);
  proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url?.split('?')[0]}`);
    const action = script.shift();
    if (action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (action) {
      req.resume();
      res.writeHead(Number(action), { 'Retry-After': '0', 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: `scripted ${action}` }));
      return;
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await server.close();
});

function client() {
  seen = [];
  return ourClient(server, { apiBaseUrl: proxyUrl, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
}

describe('retries', () => {
  it('retries reads through 503, 429 and a dropped connection', async () => {
    const c = client();
    script = ['503', '429', 'drop'];
    const files = await c.repo({ id: 'retry/repo' }).listFiles();
    expect(files.paths).toEqual(['a']);
    expect(seen).toEqual(Array(4).fill('GET /api/v1/repos/files'));
  });

  it('gives up after the configured retries with the last error', async () => {
    const c = client();
    script = ['503', '503', '503', '503', '503'];
    const error = await c
      .repo({ id: 'retry/repo' })
      .listBranches()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).message).toBe('scripted 503');
    expect(seen).toHaveLength(4); // the first try and 3 retries
    script = [];
  });

  it('never retries a write', async () => {
    const c = client();
    script = ['503'];
    const branch = await c
      .repo({ id: 'retry/repo' })
      .createBranch({ baseRef: 'main', targetBranch: 'once' })
      .catch((e: unknown) => e);
    expect(branch).toBeInstanceOf(ApiError);
    script = ['503'];
    const commit = await c
      .repo({ id: 'retry/repo' })
      .createCommit({ targetBranch: 'main', commitMessage: 'once', author: AUTHOR })
      .addFileFromString('b', 'b')
      .send()
      .catch((e: unknown) => e);
    expect(commit).toBeInstanceOf(RefUpdateError);
    expect((commit as RefUpdateError).reason).toBe('unavailable');
    expect(seen).toEqual(['POST /api/v1/repos/branches/create', 'POST /api/v1/repos/commit-pack']);
  });
});
