/**
 * Bad input gets a clear 4xx and changes nothing: every case below records the repository's refs
 * first and asserts they are identical afterwards.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { RefUpdateError } from '@pierre/storage';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHOR,
  chunk,
  git,
  keys,
  line,
  metadata,
  ORG,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

let server: TestServer;
const REPO = 'bad/input';
let writeToken: string;
let readToken: string;

function gitDir(id: string): string {
  return join(server.dataDir, 'repos', `${encodeURIComponent(id)}.git`);
}

/** Every ref and where it points: the "nothing moved" witness. */
function refs(id = REPO): Promise<string> {
  return git(['--git-dir', gitDir(id), 'for-each-ref', '--format=%(refname) %(objectname)']);
}

function commitPack(body: string, token = writeToken): Promise<Response> {
  return server.api('repos/commit-pack', token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-ndjson' },
    body,
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const sdk = server.sdk();
  const repo = await sdk.createRepo({ id: REPO });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('keep.txt', 'keep\n')
    .send();
  await sdk.createRepo({ id: 'bad/other' });
  writeToken = await server.token(REPO, ['git:write']);
  readToken = await server.token(REPO, ['git:read']);
});
afterAll(() => server.close());

describe('auth matrix', () => {
  async function signed(
    payload: Record<string, unknown>,
    alg = 'ES256',
    key = keys.es256.privateKey,
  ) {
    const { createPrivateKey } = await import('node:crypto');
    return new SignJWT(payload).setProtectedHeader({ alg }).sign(createPrivateKey(key));
  }
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts ES256, RS256 and EdDSA tokens from configured keys', async () => {
    for (const key of [keys.es256, keys.rs256, keys.eddsa]) {
      const token = await server.token(REPO, ['git:read'], { key: key.privateKey });
      const res = await server.api('repos/files', token);
      expect(res.status).toBe(200);
      expect((await res.json()).paths).toEqual(['keep.txt']);
    }
  });

  it.each([
    ['no token', async () => undefined, 401],
    [
      'a key the server does not know',
      async () => {
        const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        return server.token(REPO, ['git:write'], {
          key: stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        });
      },
      401,
    ],
    [
      'an expired token',
      () =>
        signed({ iss: ORG, repo: REPO, scopes: ['git:write'], iat: now() - 120, exp: now() - 60 }),
      401,
    ],
    ['another org', () => server.token(REPO, ['git:write'], { org: 'someone-else' }), 401],
    [
      'alg none',
      async () => {
        const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
        return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ iss: ORG, repo: REPO, scopes: ['git:write'], exp: now() + 60 })}.`;
      },
      401,
    ],
    [
      'HS256 keyed with the public key',
      () =>
        new SignJWT({ iss: ORG, repo: REPO, scopes: ['git:write'], exp: now() + 60 })
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(keys.es256.publicKey)),
      401,
    ],
    ['no exp claim', () => signed({ iss: ORG, repo: REPO, scopes: ['git:write'] }), 401],
    ['a read-only token writing', async () => readToken, 403],
    ['garbage', async () => 'not-a-jwt', 401],
  ])('refuses %s, and nothing moves', async (_name, makeToken, status) => {
    const token = await makeToken();
    const before = await refs();
    const body = metadata('main', [{ path: 'x.txt', content_id: 'x' }]) + chunk('x', 'x');
    const res = await fetch(`${server.url}/api/v1/repos/commit-pack`, {
      method: 'POST',
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      body,
    });
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(/token|scope/);
    expect(await refs()).toBe(before);
  });

  it('a token for another repository only ever reaches that repository', async () => {
    const other = await server.token('bad/other', ['git:write']);
    const res = await server.api('repo', other);
    expect((await res.json()).repo_id).toBe('bad/other');
    const missing = await server.token('bad/missing', ['git:read']);
    expect((await server.api('repos/files', missing)).status).toBe(404);
    // Over git, the URL names the repository, so the claim must match it.
    const url = `${server.url.replace('//', `//t:${other}@`)}/${REPO}.git`;
    await expect(git(['ls-remote', url])).rejects.toThrow(/403/);
  });

  it('answers a malformed repository path with 404, not a crash', async () => {
    const res = await fetch(`${server.url}/%E0%A4%A.git/info/refs?service=git-upload-pack`);
    expect(res.status).toBe(404);
    expect((await server.api('repos/files', readToken)).status).toBe(200);
  });

  it('asks git for credentials with a Basic challenge', async () => {
    const res = await fetch(`${server.url}/${REPO}.git/info/refs?service=git-upload-pack`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('refuses org-level and repo-level calls without their scopes', async () => {
    expect((await server.api('repos', readToken)).status).toBe(403);
    const res = await server.api('repos/branches/create', readToken, {
      method: 'POST',
      body: JSON.stringify({ target_branch: 'nope', base_ref: 'main' }),
    });
    expect(res.status).toBe(403);
    expect(await refs()).not.toContain('refs/heads/nope');
  });
});

describe('commit-pack input', () => {
  const badPaths = [
    '',
    '/etc/passwd',
    '../escape.txt',
    'a/../../b',
    'a/./b',
    '.git/config',
    'x/.GIT/hooks',
    'a//b',
    'dir/',
    'nul\0byte',
  ];

  it.each(badPaths)('refuses the path %j with 400 invalid', async (path) => {
    const before = await refs();
    const res = await commitPack(
      metadata('main', [{ path, content_id: 'a' }]) + chunk('a', 'data'),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result).toMatchObject({ success: false, status: 'invalid' });
    expect(body.result.message).toMatch(/path/);
    expect(await refs()).toBe(before);
  });

  const meta = metadata('main', [{ path: 'ok.txt', content_id: 'a' }]);
  it.each([
    ['a first line that is not JSON', `{"metadata": nope\n${chunk('a', 'x')}`, /not valid JSON/],
    ['a first line that is not metadata', chunk('a', 'x'), /metadata/],
    ['an unknown content_id', meta + chunk('zzz', 'x'), /content_id "zzz"/],
    ['an upsert that never reaches eof', meta + chunk('a', 'x', false), /eof/],
    ['a chunk after eof', meta + chunk('a', 'x') + chunk('a', 'y'), /already ended/],
    [
      'data that is not base64',
      meta + line({ blob_chunk: { content_id: 'a', data: '@@@@', eof: true } }),
      /base64/,
    ],
    [
      'a chunk over 4 MiB',
      meta + chunk('a', Buffer.alloc(4 * 1024 * 1024 + 1)),
      /more than 4194304 bytes/,
    ],
    [
      'a line over the size limit (read whole: data before content_id)',
      meta + line({ blob_chunk: { data: 'A'.repeat(9_000_000), content_id: 'a', eof: true } }),
      /longer than/,
    ],
    ['an empty body', '', /empty/],
    [
      'no author',
      line({ metadata: { target_branch: 'main', commit_message: 'm', files: [] } }),
      /author/,
    ],
    [
      'an empty message',
      line({ metadata: { target_branch: 'main', commit_message: ' ', author: AUTHOR, files: [] } }),
      /commit_message/,
    ],
    ['a bad branch name', metadata('bad..name', []), /target_branch/],
    [
      'a bad mode',
      metadata('main', [{ path: 'a', content_id: 'a', mode: '777' }]) + chunk('a', 'x'),
      /mode/,
    ],
    [
      'deleting a missing file',
      metadata('main', [{ path: 'nope.txt', content_id: 'd', operation: 'delete' }]),
      /nope\.txt/,
    ],
  ])('refuses %s and moves nothing', async (_name, body, message) => {
    const before = await refs();
    const res = await commitPack(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const json = await res.json();
    expect(json.result?.success).toBe(false);
    expect(json.result.message).toMatch(message);
    expect(await refs()).toBe(before);
  });

  it('refuses a missing branch without base_branch, and a missing base_branch', async () => {
    const before = await refs();
    const a = await commitPack(
      metadata('ghost', [{ path: 'g.txt', content_id: 'g' }]) + chunk('g', 'g'),
    );
    expect(a.status).toBe(404);
    expect((await a.json()).result.status).toBe('not_found');
    const b = await commitPack(
      metadata('ghost', [{ path: 'g.txt', content_id: 'g' }], { base_branch: 'nowhere' }) +
        chunk('g', 'g'),
    );
    expect(b.status).toBe(404);
    expect(await refs()).toBe(before);
  });

  it('leaves the branch and the server alone when the client disconnects mid-upload', async () => {
    const before = await refs();
    const url = new URL(`${server.url}/api/v1/repos/commit-pack`);
    await new Promise<void>((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${writeToken}`, 'Content-Type': 'application/x-ndjson' },
      });
      req.on('error', () => resolve());
      req.write(metadata('main', [{ path: 'huge.bin', content_id: 'h' }]));
      const piece = chunk('h', Buffer.alloc(4 * 1024 * 1024, 1), false);
      let sent = 0;
      const pump = () => {
        while (sent < 5) {
          sent++;
          if (!req.write(piece)) {
            req.once('drain', pump);
            return;
          }
        }
        setTimeout(() => req.destroy(), 50);
      };
      pump();
      req.on('close', () => resolve());
    });
    // The server notices the reset, cleans up its temporary files, and keeps serving.
    let leftovers = ['?'];
    for (let i = 0; i < 100 && leftovers.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      leftovers = await readdir(join(server.dataDir, 'tmp'));
    }
    expect(leftovers).toEqual([]);
    expect(await refs()).toBe(before);
    const res = await server.api('repos/files', readToken);
    expect(res.status).toBe(200);
  });
});

describe('concurrent writes', () => {
  it('lands all 20 unguarded commits to one branch, each on the tip that beat it', async () => {
    const repo = server.sdk().repo({ id: REPO });
    const before = (await repo.listCommits({ branch: 'main', limit: 100 })).commits.length;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        repo
          .createCommit({ targetBranch: 'main', commitMessage: `parallel ${i}`, author: AUTHOR })
          .addFileFromString(`parallel/${i}.txt`, `${i}\n`)
          .send(),
      ),
    );
    expect(new Set(results.map((r) => r.commitSha)).size).toBe(20);
    const after = await repo.listCommits({ branch: 'main', limit: 100 });
    expect(after.commits.length).toBe(before + 20);
    const files = await repo.listFiles({ path: 'parallel' });
    expect(files.paths).toHaveLength(20);
    // History is linear: every commit has exactly one parent.
    expect(after.commits.slice(0, 20).every((c) => c.parentShas.length === 1)).toBe(true);
  });

  it('lands exactly one of 10 guarded commits on the same head', async () => {
    const repo = server.sdk().repo({ id: REPO });
    const head = (await repo.listCommits({ branch: 'main', limit: 1 })).commits[0]?.sha as string;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        repo
          .createCommit({
            targetBranch: 'main',
            commitMessage: `guarded ${i}`,
            author: AUTHOR,
            expectedHeadSha: head,
          })
          .addFileFromString(`guarded/${i}.txt`, `${i}\n`)
          .send(),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const o of lost) {
      expect(o.reason).toBeInstanceOf(RefUpdateError);
      expect((o.reason as RefUpdateError).reason).toBe('precondition_failed');
    }
    const files = await repo.listFiles({ path: 'guarded' });
    expect(files.paths).toHaveLength(1);
  });
});
