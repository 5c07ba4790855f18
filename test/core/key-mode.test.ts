/**
 * The core client's `key` option takes every private key `mintToken` takes, and both sign the
 * same claims with the algorithm the key implies: each key below talks to a local server that
 * trusts only its public half.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitStorage, ValidationError } from '../../src/core/index.js';
import { type LocalServer, startLocalServer } from '../../src/local-server/index.js';
import { mintToken } from '../../src/server/index.js';

const ORG = 'keys-org';

function pair(
  kind: 'ec' | 'rsa' | 'ed25519',
  curve?: string,
): { privateKey: KeyObject; publicPem: string } {
  const p =
    kind === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: curve as string })
      : kind === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  return {
    privateKey: p.privateKey,
    publicPem: p.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const pairs = {
  p256: pair('ec', 'P-256'),
  p384: pair('ec', 'P-384'),
  p521: pair('ec', 'P-521'),
  rsa: pair('rsa'),
  ed25519: pair('ed25519'),
};

const cases: [string, string, string][] = [
  [
    'EC P-256, PKCS#8',
    pairs.p256.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'ES256',
  ],
  [
    'EC P-256, SEC1',
    pairs.p256.privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
    'ES256',
  ],
  [
    'EC P-384, PKCS#8',
    pairs.p384.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'ES384',
  ],
  [
    'EC P-521, SEC1',
    pairs.p521.privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
    'ES512',
  ],
  [
    'RSA, PKCS#8',
    pairs.rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'RS256',
  ],
  [
    'RSA, PKCS#1',
    pairs.rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    'RS256',
  ],
  [
    'Ed25519, PKCS#8',
    pairs.ed25519.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'EdDSA',
  ],
];

let server: LocalServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gsk-keys-'));
  server = await startLocalServer({
    dataDir,
    org: ORG,
    publicKeys: Object.values(pairs).map((p) => p.publicPem),
    log: () => {},
  });
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('key mode', () => {
  it.each(cases)(
    '%s: the client and mintToken sign with %s and the server accepts both',
    async (name, pem, alg) => {
      const id = `keys/${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
      const storage = new GitStorage({ name: ORG, key: pem, apiBaseUrl: server.url });
      const repo = await storage.createRepo({ id });
      expect((await repo.listFiles().catch((e: Error) => e)) instanceof Error).toBe(true); // empty repo: 404
      const token = await mintToken({ key: pem, name: ORG, repoId: id, scopes: ['git:read'] });
      expect(decodeProtectedHeader(token).alg).toBe(alg);
      expect(decodeJwt(token)).toMatchObject({ iss: ORG, repo: id, scopes: ['git:read'] });
      const res = await fetch(`${server.url}/api/v1/repo`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
    },
  );

  it('refuses a key it cannot sign with, as a ValidationError', async () => {
    const storage = new GitStorage({ name: ORG, key: 'not a key', apiBaseUrl: server.url });
    await expect(storage.repo({ id: 'keys/x' }).listFiles()).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
