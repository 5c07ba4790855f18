/** The token source against a real server: sharing, refresh ahead of expiry, 401 recovery, denial. */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../src/core/index.js';
import { mintToken } from '../../src/server/mint-token.js';
import {
  AUTHOR,
  ORG,
  ourClient,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

let server: TestServer;
const REPO = 'tokens/repo';

beforeAll(async () => {
  server = await startTestServer();
  const repo = await ourClient(server).createRepo({ id: REPO });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('a.txt', 'a')
    .send();
});
afterAll(() => server.close());

describe('token source', () => {
  it('clearTokens forgets cached tokens, so the next request asks getToken again', async () => {
    const asked: string[] = [];
    let user = 'alice';
    const client = ourClient(server, {
      getToken: async ({ repoId, scopes }) => {
        asked.push(user);
        return server.token(repoId, [...scopes]);
      },
    });
    const repo = client.repo({ id: REPO });
    await repo.listFiles();
    await repo.listFiles();
    expect(asked).toEqual(['alice']);
    user = 'bob';
    client.clearTokens('another/repo');
    await repo.listFiles();
    expect(asked).toEqual(['alice']);
    client.clearTokens();
    await repo.listFiles();
    expect(asked).toEqual(['alice', 'bob']);
  });

  it('clearTokens aborts a token fetch in flight and refuses its waiters', async () => {
    let seen: AbortSignal | undefined;
    const client = ourClient(server, {
      getToken: ({ signal }) => {
        seen = signal;
        return new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason)),
        );
      },
    });
    const waiting = client.repo({ id: REPO }).listFiles();
    await vi.waitFor(() => expect(seen).toBeDefined());
    expect(seen?.aborted).toBe(false);
    client.clearTokens();
    await expect(waiting).rejects.toBeInstanceOf(AuthError);
    expect(seen?.aborted).toBe(true);
  });

  it('aborts the shared token fetch once every request waiting for it was aborted', async () => {
    let seen: AbortSignal | undefined;
    const client = ourClient(server, {
      getToken: ({ signal }) => {
        seen = signal;
        return new Promise(() => {});
      },
    });
    const repo = client.repo({ id: REPO });
    const a = new AbortController();
    const b = new AbortController();
    const first = repo.listFiles({ signal: a.signal });
    const second = repo.listFiles({ signal: b.signal });
    await vi.waitFor(() => expect(seen).toBeDefined());
    a.abort();
    await expect(first).rejects.toThrow();
    expect(seen?.aborted).toBe(false); // the second request still waits
    b.abort();
    await expect(second).rejects.toThrow();
    expect(seen?.aborted).toBe(true);
  });

  it('shares one token request among 50 concurrent calls', async () => {
    let requests = 0;
    const client = ourClient(server, {
      getToken: async ({ repoId, scopes }) => {
        requests++;
        await new Promise((r) => setTimeout(r, 20));
        return server.token(repoId, [...scopes]);
      },
    });
    const repo = client.repo({ id: REPO });
    const results = await Promise.all(Array.from({ length: 50 }, () => repo.listFiles()));
    expect(results.every((r) => r.paths[0] === 'a.txt')).toBe(true);
    expect(requests).toBe(1);
    // A different scope set is a different token.
    await repo.createBranch({ baseRef: 'main', targetBranch: 'scoped' });
    expect(requests).toBe(2);
  });

  it('refreshes a token before it expires', async () => {
    const issued: { at: number; expiresAt: number }[] = [];
    const client = ourClient(server, {
      getToken: async ({ repoId, scopes }) => {
        // The host says this token lives 3 s; the source should come back at ~2.4 s, not after 3.
        const at = Date.now();
        issued.push({ at, expiresAt: at + 3000 });
        return { token: await server.token(repoId, [...scopes]), expiresAt: at + 3000 };
      },
    });
    const repo = client.repo({ id: REPO });
    await repo.listBranches();
    await repo.listBranches();
    expect(issued).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 2500));
    await repo.listBranches();
    expect(issued).toHaveLength(2);
    expect(issued[1]?.at).toBeLessThan(issued[0]?.expiresAt ?? 0);
  });

  it('accepts { token, expiresAt } as the host handler returns it', async () => {
    let requests = 0;
    const client = ourClient(server, {
      getToken: async ({ repoId, scopes }) => {
        requests++;
        return {
          token: await server.token(repoId, [...scopes]),
          expiresAt: new Date(Date.now() + 600_000).toISOString(),
        };
      },
    });
    await client.repo({ id: REPO }).listBranches();
    await client.repo({ id: REPO }).listBranches();
    expect(requests).toBe(1);
  });

  it('fetches a fresh token and retries once after a 401', async () => {
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const handed: string[] = [];
    const client = ourClient(server, {
      getToken: async ({ repoId, scopes }) => {
        // The first token is signed by a key the server does not know (as after a key rotation).
        const token =
          handed.length === 0
            ? await mintToken({ key: stranger, name: ORG, repoId, scopes, ttl: 600 })
            : await server.token(repoId, [...scopes]);
        handed.push(token);
        return token;
      },
    });
    const files = await client.repo({ id: REPO }).listFiles();
    expect(files.paths).toEqual(['a.txt']);
    expect(handed).toHaveLength(2);
  });

  it('gives up with AuthError when the fresh token is refused too', async () => {
    let requests = 0;
    const client = ourClient(server, {
      getToken: async ({ repoId, scopes }) => {
        requests++;
        return server.token(repoId, [...scopes], { org: 'not-this-org' });
      },
    });
    const error = await client
      .repo({ id: REPO })
      .listFiles()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBe(401);
    expect(requests).toBe(2);
  });

  it('turns a host that denies into AuthError, naming the repository but not leaking tokens', async () => {
    const client = ourClient(server, {
      getToken: async () => {
        throw new Error('403 from /api/storage-token');
      },
    });
    const error = await client
      .repo({ id: REPO })
      .listFiles()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/tokens\/repo.*403 from \/api\/storage-token/);
  });

  it('reports a missing scope as AuthError 403', async () => {
    const client = ourClient(server, {
      getToken: ({ repoId }) => server.token(repoId, ['git:read']),
    });
    const error = await client
      .repo({ id: REPO })
      .createBranch({ baseRef: 'main', targetBranch: 'nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBe(403);
  });
});

describe('jwtExpiry', () => {
  it('reads exp from a real token and nothing from garbage', async () => {
    const { jwtExpiry } = await import('../../src/core/token-source.js');
    const token = await server.token(REPO, ['git:read'], { ttl: 120 });
    const exp = jwtExpiry(token) as number;
    expect(exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(100);
    expect(exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(120);
    expect(jwtExpiry('not.a.jwt')).toBeUndefined();
    expect(jwtExpiry('')).toBeUndefined();
  });
});
