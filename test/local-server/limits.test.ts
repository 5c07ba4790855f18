/**
 * Bounded resources: a stalled upload is answered 408 and cleaned up, a repository's uploads in
 * flight are capped (429), an internal failure after the body was read still gets a JSON answer
 * and a log line, and a ranged read stops reading the blob at the range's end.
 */
import { readdir, rm } from 'node:fs/promises';
import { type ClientRequest, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitRepo } from '../../src/local-server/git-repo.js';
import {
  AUTHOR,
  chunk,
  git,
  metadata,
  randomBytesSeeded,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

let server: TestServer;
const logged: string[] = [];
const REPO = 'limits/repo';
let writeToken: string;

function gitDir(id: string): string {
  return join(server.dataDir, 'repos', `${encodeURIComponent(id)}.git`);
}

const refs = () =>
  git(['--git-dir', gitDir(REPO), 'for-each-ref', '--format=%(refname) %(objectname)']);

/** Starts a commit-pack upload, sends `first`, and leaves the request open. */
function openUpload(
  first: string,
  token = writeToken,
): { req: ClientRequest; answer: Promise<{ status: number; body: string }> } {
  const req = request(new URL(`${server.url}/api/v1/repos/commit-pack`), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-ndjson' },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (b: Buffer) => {
        body += b.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  req.write(first);
  return { req, answer };
}

beforeAll(async () => {
  server = await startTestServer({
    log: (line) => logged.push(line),
    limits: { bodyIdleTimeoutMs: 300, uploadsPerRepo: 2 },
  });
  const sdk = server.sdk();
  const repo = await sdk.createRepo({ id: REPO });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('seed.txt', 'seed\n')
    .send();
  writeToken = await server.token(REPO, ['git:write']);
});
afterAll(() => server.close());

describe('limits', () => {
  it('answers a stalled upload with 408, moves nothing and removes its temporary files', async () => {
    const before = await refs();
    const { req, answer } = openUpload(
      metadata('main', [{ path: 'stalled.bin', content_id: 'a' }]) +
        chunk('a', Buffer.alloc(1000, 7), false),
    );
    const { status, body } = await answer;
    req.destroy();
    expect(status).toBe(408);
    expect(JSON.parse(body).result.message).toMatch(/stalled/);
    expect(await refs()).toBe(before);
    expect(await readdir(join(server.dataDir, 'tmp'))).toEqual([]);
  });

  it('caps uploads in flight per repository with a 429 that says when to retry', async () => {
    // A server of its own, whose idle timeout outlasts the test.
    const capped = await startTestServer({ limits: { uploadsPerRepo: 2 } });
    const saved = server;
    server = capped;
    try {
      const repo = await capped.sdk().createRepo({ id: REPO });
      await repo
        .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
        .addFileFromString('seed.txt', 'seed\n')
        .send();
      const token = await capped.token(REPO, ['git:write']);
      const before = await refs();
      const held = [0, 1].map((i) =>
        openUpload(metadata('main', [{ path: `held-${i}.txt`, content_id: 'a' }]), token),
      );
      // Each upload makes its private temporary directory once it is counted and running.
      for (let i = 0; i < 500; i++) {
        if ((await readdir(join(capped.dataDir, 'tmp'))).length >= 2) break;
        await new Promise((r) => setImmediate(r));
      }
      const third = await capped.api('repos/commit-pack', token, {
        method: 'POST',
        body: metadata('main', [{ path: 'x.txt', content_id: 'a' }]) + chunk('a', 'x'),
      });
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('5');
      expect((await third.json()).error).toMatch(/uploads in flight/);
      expect(await refs()).toBe(before);
      for (const { req, answer } of held) {
        req.end(chunk('a', 'done'));
        expect((await answer).status).toBe(201);
      }
      // The slots are free again.
      const after = await capped.api('repos/commit-pack', token, {
        method: 'POST',
        body: metadata('main', [{ path: 'fourth.txt', content_id: 'a' }]) + chunk('a', 'x'),
      });
      expect(after.status).toBe(201);
    } finally {
      server = saved;
      await capped.close();
    }
  });

  it('answers an internal failure after reading the body with JSON 500 and a log line', async () => {
    const repo = await server.sdk().createRepo({ id: 'limits/broken' });
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
      .addFileFromString('a.txt', 'a\n')
      .send();
    // Break the repository behind the server's back: git can no longer write objects.
    await rm(join(gitDir('limits/broken'), 'objects'), { recursive: true, force: true });
    logged.length = 0;
    const token = await server.token('limits/broken', ['git:write']);
    const res = await server.api('repos/commit-pack', token, {
      method: 'POST',
      body: metadata('main', [{ path: 'b.txt', content_id: 'b' }]) + chunk('b', 'b'),
    });
    expect(res.status).toBe(500);
    expect((await res.json()).error).toMatch(/internal server error/);
    expect(logged.join('\n')).toMatch(/POST \/api\/v1\/repos\/commit-pack/);
  });
});

describe('ranged reads', () => {
  it('yields exactly the range and stops reading at its end', async () => {
    const bytes = randomBytesSeeded(8 * 1024 * 1024, 3);
    const repo = server.sdk().repo({ id: REPO });
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'big', author: AUTHOR })
      .addFile('big.bin', bytes)
      .send();
    const sha = (await git(['--git-dir', gitDir(REPO), 'rev-parse', 'main:big.bin'])).trim();
    const gitRepo = new GitRepo(gitDir(REPO));
    const collect = async (start: number, end: number) => {
      const parts: Buffer[] = [];
      for await (const piece of gitRepo.blobBytes(sha, start, end)) parts.push(piece);
      return { data: Buffer.concat(parts), pieces: parts.length };
    };
    const head = await collect(0, 99);
    expect(head.data.equals(bytes.subarray(0, 100))).toBe(true);
    // One pipe read holds the first 100 bytes: nothing after the range was pulled from git.
    expect(head.pieces).toBe(1);
    const middle = await collect(5_000_000, 5_000_009);
    expect(middle.data.equals(bytes.subarray(5_000_000, 5_000_010))).toBe(true);
    const res = await server.api(
      'repos/file?path=big.bin',
      await server.token(REPO, ['git:read']),
      {
        headers: { Range: 'bytes=100-199' },
      },
    );
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  });
});
