/**
 * What an outside probe did to the local server with valid tokens, each as a test that failed
 * before the fix: refusals that reached clients as broken pipes, `//` and `\` in request targets,
 * a glob that froze the event loop, git left running for a client that had gone, credentials
 * changed across repositories, snapshots that leaked their source, forks that followed a reused
 * name, and the smaller holes (long `repo` claims, reserved refs, objects left by reads).
 */

import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GitStorage as OfficialStorage } from '@pierre/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHOR,
  git,
  keys,
  ORG,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

const run = promisify(execFile);
let server: TestServer;
let sdk: OfficialStorage;

beforeAll(async () => {
  server = await startTestServer({ limits: { slowGitTimeoutMs: 20_000 } });
  sdk = server.sdk();
});
afterAll(async () => {
  await server.close();
});

/** Sends `target` exactly as written (no URL normalisation) and returns the status and body. */
function raw(
  method: string,
  target: string,
  token: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const req = request(
      { hostname, port, method, path: target, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.on('data', (b: Buffer) => {
          text += b.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function seeded(id: string, files: Record<string, string>): Promise<string> {
  const repo = await sdk.createRepo({ id });
  let builder = repo.createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR });
  for (const [path, text] of Object.entries(files)) builder = builder.addFileFromString(path, text);
  return (await builder.send()).commitSha;
}

/** Loose objects and packs in a repository (what a read must not add to). */
async function objectFiles(repoId: string): Promise<number> {
  const dir = join(server.gitDir(repoId), 'objects');
  let count = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) count++;
  }
  return count;
}

describe('refusals are answered, not hung up on', () => {
  it('200 refused commits through the official SDK: 200 refusals, no network error', async () => {
    const repo = sdk.repo({ id: 'hostile/refusals' });
    await seeded('hostile/refusals', { 'a.txt': 'a\n' });
    const tip = (await repo.listCommits()).commits[0]?.sha;
    const bad = ['../escape.txt', 'a/.git/config', 'nul\0byte.txt', '.git/hooks/x'];
    const eightMiB = 'x'.repeat(8 * 1024 * 1024);
    const outcomes = { refused: 0, network: 0, other: [] as string[] };
    for (let i = 0; i < 200; i++) {
      try {
        await repo
          .createCommit({ targetBranch: 'main', commitMessage: 'bad', author: AUTHOR })
          .addFileFromString('fine.txt', i % 25 === 0 ? eightMiB : 'fine\n')
          .addFileFromString(bad[i % bad.length] as string, 'x')
          .send();
        outcomes.other.push(`commit ${i} landed`);
      } catch (error) {
        const text = `${(error as Error).name}: ${(error as Error).message}`;
        if (/fetch failed|EPIPE|ECONNRESET|socket/i.test(text)) outcomes.network++;
        else if (/path|\.git|\.\.|NUL|invalid/i.test(text)) outcomes.refused++;
        else outcomes.other.push(text);
      }
    }
    expect(outcomes).toEqual({ refused: 200, network: 0, other: [] });
    expect((await repo.listCommits()).commits[0]?.sha).toBe(tip);
  });

  it('reads a refused body up to the bound, then closes; the server stays up', async () => {
    await seeded('hostile/big-refusal', { 'a.txt': 'a\n' });
    const token = await server.token('hostile/big-refusal', ['git:write', 'git:read']);
    const { hostname, port } = new URL(server.url);
    const meta = `${JSON.stringify({
      metadata: {
        target_branch: 'main',
        commit_message: 'x',
        author: AUTHOR,
        files: [{ path: '../x', content_id: 'f', operation: 'upsert', mode: '100644' }],
      },
    })}\n`;
    let closed = false;
    const answer = await new Promise<{ status: number }>((resolve, reject) => {
      const req = request({
        hostname,
        port,
        method: 'POST',
        path: '/api/v1/repos/commit-pack',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-ndjson' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0 });
      });
      req.on('close', () => {
        closed = true;
      });
      req.on('error', (error) => {
        // Past the bound the server closes the connection after its answer.
        if (!/EPIPE|ECONNRESET|socket hang up/.test(error.message)) reject(error);
      });
      req.write(meta);
      const piece = Buffer.alloc(1024 * 1024, 0x41);
      let sent = 0;
      const more = () => {
        while (sent < 100 && !req.destroyed) {
          sent++;
          if (!req.write(piece)) {
            req.once('drain', more);
            return;
          }
        }
        req.end();
      };
      more();
    });
    expect(answer.status).toBe(400);
    // The server stopped reading: the rest of the 100 MiB was never taken, and it hung up.
    await expect.poll(() => closed, { timeout: 10_000 }).toBe(true);
    expect((await server.api('repo', token)).status).toBe(200);
  });
});

describe('request targets', () => {
  it('serves the official SDK given an apiBaseUrl that ends in "/" (it sends //api/…)', async () => {
    const slashed = new OfficialStorage({
      name: ORG,
      key: keys.es256.privateKey,
      apiBaseUrl: `${server.url}/`,
      storageBaseUrl: server.storageHost,
    });
    const repo = await slashed.createRepo({ id: 'hostile/slash' });
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'one', author: AUTHOR })
      .addFileFromString('a.txt', 'a\n')
      .send();
    expect((await repo.listFiles()).paths).toEqual(['a.txt']);
    expect((await slashed.findOne({ id: 'hostile/slash' }))?.id).toBe('hostile/slash');
    expect(await slashed.findOne({ id: 'hostile/none' })).toBeNull();
    // git through `//REPO.git` names the same repository.
    const token = await server.token('hostile/slash', ['git:read']);
    const { host } = new URL(server.url);
    const clone = await import('node:fs/promises').then((fs) =>
      fs.mkdtemp(join(server.dataDir, 'clone-')),
    );
    await git(['clone', '--quiet', `http://t:${token}@${host}//hostile/slash.git`, clone]);
    expect(await git(['-C', clone, 'log', '--format=%s'])).toBe('one');
  });

  it('refuses a "\\" in the path before routing: DELETE …/tags\\.. deletes nothing', async () => {
    await seeded('hostile/backslash', { 'a.txt': 'a\n' });
    const token = await server.token('hostile/backslash', ['git:write', 'repo:write', 'git:read']);
    const target = `/api/repos/${encodeURIComponent('hostile/backslash')}/tags\\..`;
    expect((await raw('DELETE', target, token)).status).toBe(400);
    expect((await server.api('repo', token)).status).toBe(200);
    // A first segment that looks like a host is a path, not a host.
    expect((await raw('GET', '//evil.example/api/v1/repo', token)).status).toBe(404);
  });

  it('answers a repo claim too long for any repository with 404, not 500', async () => {
    const token = await server.token('r'.repeat(300), ['git:read']);
    expect((await server.api('repo', token)).status).toBe(404);
  });
});

describe('no request holds the server', () => {
  it('matches a pathological glob in linear time while other requests are answered', async () => {
    await seeded('hostile/glob', {
      [`${'a'.repeat(60)}.txt`]: 'needle\n',
      'src/b.ts': 'needle\n',
    });
    const token = await server.token('hostile/glob', ['git:read']);
    // 24 stars: a backtracking matcher held the event loop 8–22 s on one path with this.
    const glob = `${'*'.repeat(24)}Z`;
    const post = (path: string, body: unknown) =>
      server.api(path, token, { method: 'POST', body: JSON.stringify(body) });
    const slow = Promise.all([
      post('repos/archive', { include_globs: [glob] }),
      post('repos/grep', {
        query: { pattern: 'needle' },
        file_filters: { include_globs: [glob, `**/${glob}`] },
      }),
    ]);
    const parallel = await server.api('repo', token);
    expect(parallel.status).toBe(200);
    const [archive, grep] = await slow;
    expect(archive.status).toBe(200);
    await archive.arrayBuffer();
    expect(grep.status).toBe(200);
    expect(((await grep.json()) as { matches: unknown[] }).matches).toEqual([]);
  }, 15_000);

  it('stops git grep when its client goes away', async () => {
    await seeded('hostile/backref', { 'eq.txt': `${'='.repeat(120)}\n` });
    const token = await server.token('hostile/backref', ['git:read']);
    const gitDir = server.gitDir('hostile/backref');
    const grepsRunning = async () => {
      const { stdout } = await run('ps', ['-eo', 'args']);
      return stdout.split('\n').filter((l) => l.includes(gitDir) && l.includes(' grep ')).length;
    };
    const controller = new AbortController();
    const answer = server
      .api('repos/grep', token, {
        method: 'POST',
        body: JSON.stringify({ query: { pattern: '(.*)(.*)(.*)(.*)\\4\\3\\2\\1b' } }),
        signal: controller.signal,
      })
      .catch((error: Error) => error);
    // Wait until git is really working on it, then leave.
    for (let i = 0; i < 50 && (await grepsRunning()) === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await grepsRunning()).toBeGreaterThan(0);
    controller.abort();
    expect(await answer).toBeInstanceOf(Error);
    let left = 1;
    for (let i = 0; i < 40 && left > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      left = await grepsRunning();
    }
    expect(left).toBe(0);
  });

  it('writes no objects into the repository for a filtered archive or a merge preview', async () => {
    const id = 'hostile/scratch';
    await seeded(id, { 'a.txt': 'base\n', 'b.txt': 'b\n' });
    const repo = sdk.repo({ id });
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'side' });
    await repo
      .createCommit({ targetBranch: 'side', commitMessage: 'side', author: AUTHOR })
      .addFileFromString('a.txt', 'side\n')
      .send();
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'main', author: AUTHOR })
      .addFileFromString('a.txt', 'main\n')
      .send();
    const token = await server.token(id, ['git:read']);
    const before = await objectFiles(id);
    const archive = await server.api('repos/archive', token, {
      method: 'POST',
      body: JSON.stringify({ exclude_globs: ['b.txt'] }),
    });
    expect(archive.status).toBe(200);
    expect((await archive.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const preview = await server.api(
      'repos/merge/preview?source_branch=side&target_branch=main&include_content=true',
      token,
    );
    expect(preview.status).toBe(200);
    const body = (await preview.json()) as {
      status: string;
      conflicts: { result: { content?: string } }[];
    };
    expect(body.status).toBe('conflicted');
    expect(body.conflicts[0]?.result.content).toContain('<<<<<<<');
    expect(await objectFiles(id)).toBe(before);
  });
});

describe('authorisation follows the resource', () => {
  it('changes and deletes a credential only with a token for its repository (both families)', async () => {
    await sdk.createRepo({ id: 'team/a' });
    await sdk.createRepo({ id: 'team/b' });
    const created = await sdk.createGitCredential({ repoId: 'team/a', password: 'secret-a' });
    const tokenB = await server.token('team/b', ['repo:write']);
    const tokenGhost = await server.token('team/ghost', ['repo:write']);
    for (const token of [tokenB, tokenGhost]) {
      for (const method of ['PUT', 'DELETE']) {
        const answer = await server.api('repos/git-credentials', token, {
          method,
          body: JSON.stringify({ id: created.id, password: 'stolen' }),
        });
        expect(answer.status).toBe(404);
      }
    }
    const path = (repo: string) =>
      `/api/repos/${encodeURIComponent(repo)}/git-credentials/${created.id}`;
    expect((await raw('PUT', path('team/b'), tokenB, '{"password":"stolen"}')).status).toBe(404);
    expect((await raw('DELETE', path('team/a'), tokenB)).status).toBe(403);
    const store = (await import('../../src/local-server/credentials.js')).CredentialStore;
    expect((await new store(server.dataDir).open(created.id))?.password).toBe('secret-a');
    // The credential's own repository may.
    const tokenA = await server.token('team/a', ['repo:write']);
    expect((await raw('DELETE', path('team/a'), tokenA)).status).toBe(200);
  });

  it('stores one credential per repository under concurrency, and deletes it with the repository', async () => {
    await sdk.createRepo({ id: 'team/race' });
    const token = await server.token('team/race', ['repo:write']);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.api('repos/git-credentials', token, {
          method: 'POST',
          body: JSON.stringify({ repo_id: 'team/race', password: `p${i}` }),
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const credentialsDir = join(server.dataDir, 'credentials');
    const count = async () => {
      const { CredentialStore } = await import('../../src/local-server/credentials.js');
      return (await new CredentialStore(server.dataDir).forRepo('team/race')) ? 1 : 0;
    };
    expect(await count()).toBe(1);
    const before = (await readdir(credentialsDir)).length;
    await sdk.deleteRepo({ id: 'team/race' });
    expect(await count()).toBe(0);
    expect((await readdir(credentialsDir)).length).toBe(before - 1);
  });

  it('refuses pull-upstream from a repository that took a deleted source name', async () => {
    await seeded('fork/source', { 'a.txt': 'original\n' });
    const create = await server.token('fork/fork', ['repo:write']);
    const read = await server.token('fork/source', ['git:read']);
    const made = await server.api('repos', create, {
      method: 'POST',
      body: JSON.stringify({
        base_repo: { provider: 'code', name: 'fork/source', auth: { token: read } },
      }),
    });
    expect(made.status).toBe(201);
    await sdk.deleteRepo({ id: 'fork/source' });
    const stranger = await seeded('fork/source', { 'private.txt': 'not yours\n' });
    const forkToken = await server.token('fork/fork', ['git:write', 'git:read']);
    const pull = await server.api('repos/pull-upstream', forkToken, {
      method: 'POST',
      body: '{}',
    });
    expect(pull.status).toBe(409);
    expect(await pull.text()).toMatch(/another repository now has its name/);
    const tip = await git(['--git-dir', server.gitDir('fork/fork'), 'rev-parse', 'main']);
    expect(tip).not.toBe(stranger);
  });

  it('makes snapshots that hold a tree and nothing else: no tags, and they clone', async () => {
    const sourceTip = await seeded('snap/source', { 'a.txt': 'a\n' });
    const sourceToken = await server.token('snap/source', ['git:write', 'git:read']);
    const tag = await server.api('repos/tags', sourceToken, {
      method: 'POST',
      body: JSON.stringify({ name: 'v1', target: sourceTip }),
    });
    expect(tag.status).toBe(201);
    const create = await server.token('snap/copy', ['repo:write']);
    const made = await server.api('repos', create, {
      method: 'POST',
      body: JSON.stringify({
        base_repo: {
          provider: 'code',
          name: 'snap/source',
          operation: 'snapshot',
          ref: 'main',
          auth: { token: await server.token('snap/source', ['git:read']) },
        },
        initial_commit: { message: 'fresh start', author: AUTHOR },
      }),
    });
    expect(made.status).toBe(201);
    const refs = await git(['--git-dir', server.gitDir('snap/copy'), 'for-each-ref']);
    expect(refs.split('\n').map((l) => l.split('\t')[1])).toEqual(['refs/heads/main']);
    const token = await server.token('snap/copy', ['git:read']);
    const { host } = new URL(server.url);
    const fs = await import('node:fs/promises');
    const clone = await fs.mkdtemp(join(server.dataDir, 'snap-clone-'));
    await git(['clone', '--quiet', `http://t:${token}@${host}/snap/copy.git`, clone]);
    expect(await git(['-C', clone, 'log', '--format=%s'])).toBe('fresh start');
    expect(await git(['-C', clone, 'tag'])).toBe('');
  });
});

describe('reserved refs', () => {
  it('refuses the notes scratch name as a notes ref, and notes still work after', async () => {
    const sha = await seeded('notes/reserved', { 'a.txt': 'a\n' });
    const token = await server.token('notes/reserved', ['git:write', 'git:read']);
    const post = (body: unknown) =>
      server.api('repos/notes', token, { method: 'POST', body: JSON.stringify(body) });
    const refused = await post({ sha, action: 'add', note: 'x', ref: 'local-server-tmp' });
    expect(refused.status).toBe(400);
    const ok = await post({ sha, action: 'add', note: 'fine' });
    expect(ok.status).toBe(200);
  });

  it('refuses a normal push into the ephemeral namespace, whatever the policy', async () => {
    await seeded('push/ns', { 'a.txt': 'a\n' });
    const token = await server.token('push/ns', ['git:write', 'git:read']);
    const { host } = new URL(server.url);
    const fs = await import('node:fs/promises');
    const clone = await fs.mkdtemp(join(server.dataDir, 'ns-clone-'));
    const remote = `http://t:${token}@${host}/push/ns.git`;
    await git(['clone', '--quiet', remote, clone]);
    await expect(
      git(['-C', clone, 'push', 'origin', 'HEAD:refs/namespaces/ephemeral/refs/heads/main']),
    ).rejects.toThrow(/reserved/);
    const refs = await git(['--git-dir', server.gitDir('push/ns'), 'for-each-ref']);
    expect(refs).not.toContain('refs/namespaces/');
  });
});

describe('listings of a path', () => {
  it('lists a file path as that one file, and answers 404 for a missing path', async () => {
    await seeded('files/one', { 'docs/a.md': 'a\n', 'docs/b.md': 'bb\n', 'c.txt': 'c\n' });
    const token = await server.token('files/one', ['git:read']);
    const meta = await server.api('repos/files/metadata?path=docs/b.md', token);
    expect(meta.status).toBe(200);
    const body = (await meta.json()) as { files: { path: string; size: number }[] };
    expect(body.files.map((f) => [f.path, f.size])).toEqual([['docs/b.md', 3]]);
    const official = await sdk.repo({ id: 'files/one' }).listFilesWithMetadata({ path: 'c.txt' });
    expect(official.files.map((f) => f.path)).toEqual(['c.txt']);
    expect((await server.api('repos/files/metadata?path=nope', token)).status).toBe(404);
    expect((await server.api('repos/files?path=docs/a.md', token)).status).toBe(200);
  });
});
