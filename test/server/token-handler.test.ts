/** Token minting and the token endpoint, checked by verifying tokens and by a real server's answers. */
import { createPublicKey } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, ValidationError } from '../../src/core/index.js';
import { createTokenHandler, mintToken, type TokenGrant } from '../../src/server/index.js';
import {
  AUTHOR,
  keys,
  ORG,
  ourClient,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await ourClient(server).createRepo({ id: 'host/app' });
});
afterAll(() => server.close());

describe('mintToken', () => {
  it.each([
    ['ES256', keys.es256],
    ['RS256', keys.rs256],
    ['EdDSA', keys.eddsa],
  ])('signs with %s picked from the key, and the server accepts it', async (alg, pair) => {
    const token = await mintToken({
      key: pair.privateKey,
      name: ORG,
      repoId: 'host/app',
      scopes: ['git:read'],
      ttl: 120,
    });
    expect(decodeProtectedHeader(token).alg).toBe(alg);
    const { payload } = await jwtVerify(token, createPublicKey(pair.publicKey), { issuer: ORG });
    expect(payload).toMatchObject({ repo: 'host/app', scopes: ['git:read'] });
    expect((payload.exp as number) - (payload.iat as number)).toBe(120);
    expect((await server.api('repos/branches', token)).status).toBe(200);
  });

  it('defaults to a 15-minute lifetime and encodes ref policies', async () => {
    const token = await mintToken({
      key: keys.es256.privateKey,
      name: ORG,
      repoId: 'r',
      scopes: ['git:write'],
      refPolicies: [{ pattern: 'refs/heads/main', ops: ['no-force-push'] }],
    });
    const claims = decodeJwt(token);
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    expect(claims.refs).toEqual([['refs/heads/main', ['no-force-push']]]);
  });

  it('refuses a ttl that is not a positive number of seconds, with a ValidationError', async () => {
    for (const ttl of [0, -5, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const minting = mintToken({
        key: keys.es256.privateKey,
        name: ORG,
        repoId: 'r',
        scopes: [],
        ttl,
      });
      await expect(minting).rejects.toBeInstanceOf(ValidationError);
      await expect(minting).rejects.toThrow(/ttl/);
    }
  });

  it('refuses a public key', async () => {
    await expect(
      mintToken({ key: keys.es256.publicKey, name: ORG, repoId: 'r', scopes: [] }),
    ).rejects.toThrow();
  });
});

describe('createTokenHandler', () => {
  // The host's own rule: signed-in users may read host/app; admins may also write.
  const handler = createTokenHandler({
    key: keys.es256.privateKey,
    name: ORG,
    authorize: (request, { repoId }): TokenGrant | null | 'unauthenticated' => {
      const user = request.headers.get('x-user');
      if (!user) return 'unauthenticated';
      if (repoId !== 'host/app') return null;
      return {
        repoId,
        scopes: user === 'admin' ? ['git:read', 'git:write'] : ['git:read'],
        ttl: 300,
      };
    },
  });
  const ask = (query: string, user?: string) =>
    handler(
      new Request(`http://host.example/api/storage-token?${query}`, {
        headers: user ? { 'x-user': user } : {},
      }),
    );

  it('answers { token, expiresAt } for what was asked and allowed', async () => {
    const res = await ask('repo=host/app&scopes=git:read', 'reader');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { token: string; expiresAt: string; scopes: string[] };
    expect(body.scopes).toEqual(['git:read']);
    const claims = decodeJwt(body.token);
    expect(claims).toMatchObject({ repo: 'host/app', scopes: ['git:read'], iss: ORG });
    expect(
      Math.abs(Date.parse(body.expiresAt) / 1000 - (claims.exp as number)),
    ).toBeLessThanOrEqual(1);
  });

  it('never grants more than authorize returns', async () => {
    const res = await ask('repo=host/app&scopes=git:read,git:write', 'reader');
    const body = (await res.json()) as { token: string };
    expect(decodeJwt(body.token).scopes).toEqual(['git:read']);
    expect((await ask('repo=host/app&scopes=git:write', 'reader')).status).toBe(403);
  });

  it('takes POST JSON too', async () => {
    const res = await handler(
      new Request('http://host.example/t', {
        method: 'POST',
        headers: { 'x-user': 'admin', 'content-type': 'application/json' },
        body: JSON.stringify({ repo: 'host/app', scopes: ['git:write'] }),
      }),
    );
    expect(decodeJwt(((await res.json()) as { token: string }).token).scopes).toEqual([
      'git:write',
    ]);
  });

  it.each([
    ['no user', 'repo=host/app&scopes=git:read', undefined, 401],
    ['another repository', 'repo=host/other&scopes=git:read', 'reader', 403],
    ['no repo', 'scopes=git:read', 'reader', 400],
    ['an unknown scope', 'repo=host/app&scopes=root', 'reader', 400],
    ['no scopes', 'repo=host/app', 'reader', 400],
  ])('refuses %s', async (_name, query, user, status) => {
    const res = await ask(query, user);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
  });

  it.each([
    ['a null JSON body', 'null', 400],
    ['an array body', '[]', 400],
    [
      'a body over 16 KiB',
      JSON.stringify({ repo: 'host/app', scopes: ['git:read'], pad: 'x'.repeat(20_000) }),
      413,
    ],
  ])('answers %s with a JSON error', async (_name, body, status) => {
    const res = await handler(
      new Request('http://host.example/t', {
        method: 'POST',
        headers: { 'x-user': 'admin' },
        body,
      }),
    );
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
  });

  it.each([
    ['returns undefined', () => undefined],
    [
      'returns a ttl that is not a finite number',
      () => ({ repoId: 'host/app', scopes: ['git:read'], ttl: Number.NaN }),
    ],
    ['returns a grant without scopes', () => ({ repoId: 'host/app' })],
    [
      'throws',
      () => {
        throw new Error('session store down');
      },
    ],
  ])('answers 500 (and logs why) when authorize %s', async (_name, authorize) => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      const broken = createTokenHandler({
        key: keys.es256.privateKey,
        name: ORG,
        authorize: authorize as unknown as () => TokenGrant,
      });
      const res = await broken(new Request('http://host.example/t?repo=host/app&scopes=git:read'));
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: string }).error).toMatch(/misconfigured/);
      expect(errors.join('\n')).toMatch(/createTokenHandler: /);
    } finally {
      console.error = original;
    }
  });

  it("plugs into the core client's getToken, end to end", async () => {
    const client = ourClient(server, {
      getToken: async ({ repoId, scopes }) => {
        const res = await handler(
          new Request(
            `http://host.example/t?repo=${encodeURIComponent(repoId)}&scopes=${scopes.join(',')}`,
            {
              headers: { 'x-user': 'admin' },
            },
          ),
        );
        if (!res.ok) throw new Error(`token endpoint said ${res.status}`);
        return (await res.json()) as { token: string; expiresAt: string };
      },
    });
    const repo = client.repo({ id: 'host/app' });
    const result = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'via handler', author: AUTHOR })
      .addFileFromString('h.txt', 'h')
      .send();
    expect(result.commitSha).toMatch(/^[0-9a-f]{40}$/);
    const denied = await client
      .repo({ id: 'host/other' })
      .listFiles()
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(AuthError);
  });
});
