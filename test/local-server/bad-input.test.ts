/**
 * Bad input gets a clear 4xx and changes nothing: every case below records the repository's refs
 * first and asserts they are identical afterwards.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
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

describe('concurrent notes and merges', () => {
  it('lands all 10 unguarded appends to one note, and exactly one of 5 guarded ones', async () => {
    const repo = server.sdk().repo({ id: REPO });
    const sha = (await repo.listCommits({ branch: 'main', limit: 1 })).commits[0]?.sha as string;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        repo.appendNote({ sha, note: `line ${i}`, ref: 'concurrent' }),
      ),
    );
    const { note, refSha } = await repo.getNote({ sha, ref: 'concurrent' });
    expect(note.split('\n\n').sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `line ${i}`).sort(),
    );
    const guarded = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        repo.appendNote({ sha, note: `guarded ${i}`, ref: 'concurrent', expectedRefSha: refSha }),
      ),
    );
    expect(guarded.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of guarded.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect((o.reason as RefUpdateError).status).toBe('precondition_failed');
    }
  });

  it('lands all of 6 unguarded merges of different branches into one target', async () => {
    const repo = server.sdk().repo({ id: REPO });
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'merge-target' });
    for (let i = 0; i < 6; i++) {
      await repo.createBranch({ baseBranch: 'main', targetBranch: `merge-src-${i}` });
      await repo
        .createCommit({ targetBranch: `merge-src-${i}`, commitMessage: `src ${i}`, author: AUTHOR })
        .addFileFromString(`merged/${i}.txt`, `${i}\n`)
        .send();
    }
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        repo.merge({
          sourceBranch: `merge-src-${i}`,
          targetBranch: 'merge-target',
          strategy: 'merge',
        }),
      ),
    );
    expect(new Set(results.map((r) => r.commitSha)).size).toBe(6);
    expect((await repo.listFiles({ ref: 'merge-target', path: 'merged' })).paths).toHaveLength(6);
  });
});

describe('paths are data, never patterns', () => {
  const PREFIX = 'literal';
  let pagesCommit = '';
  let otherCommit = '';

  beforeAll(async () => {
    const repo = server.sdk().repo({ id: REPO });
    const one = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'route [ab]', author: AUTHOR })
      .addFileFromString(`${PREFIX}/pages/[ab].tsx`, 'export default 1;\n')
      .send();
    pagesCommit = one.commitSha;
    const two = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'route a', author: AUTHOR })
      .addFileFromString(`${PREFIX}/pages/a.tsx`, 'export default 2;\n')
      .addFileFromString(`${PREFIX}/notes.md`, 'notes\n')
      .send();
    otherCommit = two.commitSha;
  });

  async function history(path: string): Promise<string[]> {
    const res = await server.api(`repos/commits?path=${encodeURIComponent(path)}`, readToken);
    expect(res.status).toBe(200);
    return ((await res.json()).commits as { sha: string }[]).map((c) => c.sha);
  }

  it('gives a file named like a glob its own history and last commit', async () => {
    expect(await history(`${PREFIX}/pages/[ab].tsx`)).toEqual([pagesCommit]);
    const res = await server.api(`repos/files/metadata?path=${PREFIX}/pages&limit=10`, readToken);
    const body = await res.json();
    const byPath = Object.fromEntries(
      (body.files as { path: string; last_commit_sha: string }[]).map((f) => [f.path, f]),
    );
    expect(byPath[`${PREFIX}/pages/[ab].tsx`]?.last_commit_sha).toBe(pagesCommit);
    expect(byPath[`${PREFIX}/pages/a.tsx`]?.last_commit_sha).toBe(otherCommit);
  });

  it.each(['*', `${PREFIX}/*.md`, ':!README.md', ':(exclude)docs', ':(icase)CON', ':(top'])(
    'reads the path %j literally in history and diffs',
    async (path) => {
      expect(await history(path)).toEqual([]);
      const diff = await server.api(
        `repos/diff?sha=${otherCommit}&path=${encodeURIComponent(path)}`,
        readToken,
      );
      expect(diff.status).toBe(200);
      expect((await diff.json()).files).toEqual([]);
    },
  );
});

describe('paths git refuses are refused, never dropped', () => {
  it.each([
    '.git ',
    '.git./x',
    '.git::$DATA',
    'git~1/config',
    'GIT~1/x',
    'x\\.git\\config',
    '.g\u200cit/config',
    'a/.GIT\ufeff/b',
    'tab\there',
    'new\nline',
  ])('refuses %j with 400 and moves nothing', async (path) => {
    const before = await refs();
    const res = await commitPack(metadata('main', [{ path, content_id: 'a' }]) + chunk('a', 'x'));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result).toMatchObject({ success: false, status: 'invalid' });
    expect(await refs()).toBe(before);
  });

  it('refuses a symbolic link named .gitmodules, and allows such a regular file', async () => {
    const before = await refs();
    const link = await commitPack(
      metadata('main', [{ path: '.gitmodules', content_id: 'l', mode: '120000' }]) +
        chunk('l', 'elsewhere'),
    );
    expect(link.status).toBe(400);
    expect(await refs()).toBe(before);
  });

  it('refuses a push whose tree holds a .git directory, with the same rules as REST', async () => {
    const before = await refs();
    const work = join(server.dataDir, 'push-dotgit');
    await git(['init', '-q', '--bare', work]);
    const blob = await git(['--git-dir', work, 'hash-object', '-w', '--stdin'], undefined, 'x\n');
    const inner = await git(
      ['--git-dir', work, 'mktree'],
      undefined,
      `100644 blob ${blob}\tconfig\n`,
    );
    const tree = await git(
      ['--git-dir', work, 'mktree'],
      undefined,
      `040000 tree ${inner}\t.git\n`,
    );
    const parent = (await git(['--git-dir', gitDir(REPO), 'rev-parse', 'refs/heads/main'])).trim();
    await git(['--git-dir', work, 'fetch', '-q', gitDir(REPO), 'refs/heads/main:refs/heads/main']);
    const commit = await git(
      ['--git-dir', work, 'commit-tree', tree, '-p', parent, '-m', 'sneaky'],
      undefined,
      '',
    );
    const url = `${server.url.replace('//', `//t:${writeToken}@`)}/${REPO}.git`;
    await expect(
      git(['--git-dir', work, 'push', url, `${commit}:refs/heads/main`]),
    ).rejects.toThrow(/dotgit|\.git|fsck/i);
    expect(await refs()).toBe(before);
  });
});

describe('a file and a folder never share a path', () => {
  it('refuses a file and a file inside it in one commit', async () => {
    const before = await refs();
    const res = await commitPack(
      metadata('main', [
        { path: 'conf', content_id: 'a' },
        { path: 'conf/inner', content_id: 'b' },
      ]) +
        chunk('a', 'a') +
        chunk('b', 'b'),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).result.message).toMatch(/"conf".*"conf\/inner"/);
    expect(await refs()).toBe(before);
  });

  it('refuses a folder over an existing file unless the commit deletes the file', async () => {
    const before = await refs();
    const refused = await commitPack(
      metadata('main', [{ path: 'keep.txt/inner', content_id: 'a' }]) + chunk('a', 'a'),
    );
    expect(refused.status).toBe(409);
    expect((await refused.json()).result.message).toMatch(/"keep\.txt" is a file/);
    expect(await refs()).toBe(before);

    await commitPack(
      metadata('main', [{ path: 'swap/file.txt', content_id: 'a' }]) + chunk('a', 'a'),
    );
    const ok = await commitPack(
      metadata('main', [
        { path: 'swap/file.txt', content_id: 'd', operation: 'delete' },
        { path: 'swap/file.txt/inner', content_id: 'b' },
      ]) + chunk('b', 'inner'),
    );
    expect(ok.status).toBe(201);
    const files = await (await server.api('repos/files?path=swap', readToken)).json();
    expect(files.paths).toEqual(['swap/file.txt/inner']);
  });

  it('refuses a file over an existing folder unless the commit deletes every file in it', async () => {
    await commitPack(
      metadata('main', [
        { path: 'folder/a.txt', content_id: 'a' },
        { path: 'folder/sub/b.txt', content_id: 'b' },
      ]) +
        chunk('a', 'a') +
        chunk('b', 'b'),
    );
    const before = await refs();
    const refused = await commitPack(
      metadata('main', [
        { path: 'folder/a.txt', content_id: 'd', operation: 'delete' },
        { path: 'folder', content_id: 'f' },
      ]) + chunk('f', 'now a file'),
    );
    expect(refused.status).toBe(409);
    expect((await refused.json()).result.message).toMatch(/"folder" is a folder/);
    expect(await refs()).toBe(before);
    const ok = await commitPack(
      metadata('main', [
        { path: 'folder/a.txt', content_id: 'd1', operation: 'delete' },
        { path: 'folder/sub/b.txt', content_id: 'd2', operation: 'delete' },
        { path: 'folder', content_id: 'f' },
      ]) + chunk('f', 'now a file'),
    );
    expect(ok.status).toBe(201);
    const file = await server.api('repos/file?path=folder', readToken);
    expect(await file.text()).toBe('now a file');
  });

  it('refuses the same path twice in one commit', async () => {
    const before = await refs();
    const res = await commitPack(
      metadata('main', [
        { path: 'twice.txt', content_id: 'a' },
        { path: 'twice.txt', content_id: 'b' },
      ]) +
        chunk('a', 'a') +
        chunk('b', 'b'),
    );
    expect(res.status).toBe(400);
    expect(await refs()).toBe(before);
  });
});

describe('a full SHA means the commit', () => {
  it('refuses branch names that are full SHAs, over REST and over git', async () => {
    const before = await refs();
    const sha = 'a'.repeat(40);
    const res = await server.api('repos/branches/create', writeToken, {
      method: 'POST',
      body: JSON.stringify({ target_branch: sha, base_ref: 'main' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/SHA/);
    const head = (await git(['--git-dir', gitDir(REPO), 'rev-parse', 'refs/heads/main'])).trim();
    const url = `${server.url.replace('//', `//t:${writeToken}@`)}/${REPO}.git`;
    const work = join(server.dataDir, 'push-sha-name');
    await git(['init', '-q', '--bare', work]);
    await git(['--git-dir', work, 'fetch', '-q', gitDir(REPO), 'refs/heads/main:refs/heads/main']);
    await expect(git(['--git-dir', work, 'push', url, `main:refs/heads/${head}`])).rejects.toThrow(
      /named like a commit SHA/,
    );
    expect(await refs()).toBe(before);
  });

  it('reads a full SHA as its commit even where a ref of that name exists', async () => {
    const repo = server.sdk().repo({ id: REPO });
    const first = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'sha A', author: AUTHOR })
      .addFileFromString('sha-test.txt', 'A\n')
      .send();
    const second = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'sha B', author: AUTHOR })
      .addFileFromString('sha-test.txt', 'B\n')
      .send();
    // A branch named after commit A's SHA, pointing at commit B (made behind the server's back,
    // as an old data dir or another tool could have).
    await git([
      '--git-dir',
      gitDir(REPO),
      'update-ref',
      `refs/heads/${first.commitSha}`,
      second.commitSha,
    ]);
    try {
      const file = await server.api(
        `repos/file?path=sha-test.txt&ref=${first.commitSha}`,
        readToken,
      );
      expect(await file.text()).toBe('A\n');
      const commit = await (
        await server.api(`repos/commit?sha=${first.commitSha}`, readToken)
      ).json();
      expect(commit.commit.message).toBe('sha A');
      const diff = await (await server.api(`repos/diff?sha=${first.commitSha}`, readToken)).json();
      expect(diff.sha).toBe(first.commitSha);
    } finally {
      await git(['--git-dir', gitDir(REPO), 'update-ref', '-d', `refs/heads/${first.commitSha}`]);
    }
  });
});

describe('errors are answers', () => {
  const reads = [
    'repos/file?path=keep.txt&ref=',
    'repos/files?ref=',
    'repos/files/metadata?ref=',
    'repos/commit?sha=',
    'repos/commits?branch=',
    'repos/diff?sha=',
    'repos/branches/diff?branch=',
  ];
  const revisions = ['HEAD:../', '@{upstream}', 'main@{-1}', 'HEAD:', ':/x', 'main^{tree}'];
  it.each(reads.flatMap((r) => revisions.map((rev) => [r, rev])))(
    '%s%s answers 404',
    async (route, rev) => {
      const res = await server.api(`${route}${encodeURIComponent(rev)}`, readToken);
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatch(/not found/);
    },
  );

  it('answers a commits cursor naming an unknown commit with 400', async () => {
    const res = await server.api(`repos/commits?cursor=${'b'.repeat(40)}:20`, readToken);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/cursor/);
  });

  it('refuses a repository id too long for the file system', async () => {
    const id = 'é'.repeat(50);
    const token = await server.token(id, ['repo:write']);
    const res = await server.api('repos', token, { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/too long/);
  });

  it('answers an absolute-form request target with 400', async () => {
    const { hostname, port } = new URL(server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write('GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
      let text = '';
      socket.on('data', (b) => {
        text += b.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });

  it.each([
    ['expected_head_sha as a number', { expected_head_sha: 42 }, /expected_head_sha/],
    ['expected_head_sha as an array', { expected_head_sha: ['x'] }, /expected_head_sha/],
    ['expected_head_sha as an object', { expected_head_sha: {} }, /expected_head_sha/],
    ['expected_head_sha as true', { expected_head_sha: true }, /expected_head_sha/],
    ['expected_head_sha not a SHA', { expected_head_sha: 'main' }, /expected_head_sha/],
    ['ephemeral as a string', { ephemeral: 'true' }, /ephemeral/],
    ['ephemeral_base as a number', { ephemeral_base: 1 }, /ephemeral_base/],
    ['base_branch as a number', { base_branch: 7 }, /base_branch/],
  ])('refuses %s with 400 and moves nothing', async (_name, extra, message) => {
    const before = await refs();
    const res = await commitPack(
      metadata('main', [{ path: 'typed.txt', content_id: 'a' }], extra) + chunk('a', 'x'),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).result.message).toMatch(message);
    expect(await refs()).toBe(before);
  });

  it('refuses wrongly typed flags on branch writes', async () => {
    const before = await refs();
    const res = await server.api('repos/branches/create', writeToken, {
      method: 'POST',
      body: JSON.stringify({ target_branch: 'typed', base_ref: 'main', target_is_ephemeral: 'no' }),
    });
    expect(res.status).toBe(400);
    expect(await refs()).toBe(before);
  });

  it('accepts base64 whose "/" is escaped as "\\/" (valid JSON, as PHP writes it)', async () => {
    const bytes = Buffer.from(
      Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? 0xff : i & 0xff)),
    );
    const data = bytes.toString('base64');
    expect(data).toContain('/');
    const escaped = `{"blob_chunk":{"content_id":"a","data":"${data.replaceAll('/', '\\/')}","eof":true}}\n`;
    const res = await commitPack(
      metadata('main', [{ path: 'escaped.bin', content_id: 'a' }]) + escaped,
    );
    expect(res.status).toBe(201);
    const file = await server.api('repos/file?path=escaped.bin', readToken);
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('serves file bytes with nosniff, so a browser never renders them', async () => {
    const res = await server.api('repos/file?path=keep.txt', readToken);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
  });
});
