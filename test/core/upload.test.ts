/** Commit uploads from every kind of source, through every transport, with progress and abort. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CommitProgress,
  type GitStorage,
  RefUpdateError,
  type Repo,
} from '../../src/core/index.js';
import {
  AUTHOR,
  ourClient,
  randomBytesSeeded,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

let server: TestServer;
let client: GitStorage;
let repo: Repo;
const MiB = 1024 * 1024;

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
  repo = await client.createRepo({ id: 'upload/repo' });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('seed', 's')
    .send();
});
afterAll(() => server.close());

async function read(path: string, ref = 'main'): Promise<Buffer> {
  return Buffer.from(await (await repo.getFileStream({ path, ref })).arrayBuffer());
}

async function tip(branch = 'main'): Promise<string | undefined> {
  return (await repo.listCommits({ branch, limit: 1 })).commits[0]?.sha;
}

describe('sources', () => {
  it('commits Blob, ArrayBuffer, typed array, string, stream and async-iterable sources byte for byte', async () => {
    const blobBytes = randomBytesSeeded(9 * MiB + 1, 11);
    const iterBytes = randomBytesSeeded(5 * MiB + 333, 12);
    const streamBytes = randomBytesSeeded(4 * MiB, 13);
    async function* tinyPieces() {
      // 1 KiB pieces: gathering them into 4 MiB chunks must stay linear.
      for (let at = 0; at < iterBytes.length; at += 1024) yield iterBytes.subarray(at, at + 1024);
    }
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < streamBytes.length; at += 100_000)
          controller.enqueue(streamBytes.subarray(at, at + 100_000));
        controller.close();
      },
    });
    const text = 'héllo, wörld ✓\n'.repeat(1000);
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'sources', author: AUTHOR })
      .addFile('blob.bin', new Blob([new Uint8Array(blobBytes)]))
      .addFile('buffer.bin', new Uint8Array(blobBytes.subarray(0, 1000)).buffer)
      .addFile('view.bin', new DataView(blobBytes.buffer, blobBytes.byteOffset + 5, 10))
      .addFileFromString('text.txt', text)
      .addFile('stream.bin', stream)
      .addFile('iter.bin', tinyPieces())
      .addFile('empty.txt', '')
      .send();
    expect((await read('blob.bin')).equals(blobBytes)).toBe(true);
    expect((await read('buffer.bin')).equals(blobBytes.subarray(0, 1000))).toBe(true);
    expect((await read('view.bin')).equals(blobBytes.subarray(5, 15))).toBe(true);
    expect((await read('text.txt')).toString('utf8')).toBe(text);
    expect((await read('stream.bin')).equals(streamBytes)).toBe(true);
    expect((await read('iter.bin')).equals(iterBytes)).toBe(true);
    expect((await read('empty.txt')).length).toBe(0);
  });
});

describe('progress', () => {
  it('is monotonic, ends at the total, and goes uploading → committing once', async () => {
    const a = randomBytesSeeded(6 * MiB, 21);
    const b = randomBytesSeeded(2 * MiB + 5, 22);
    const events: CommitProgress[] = [];
    const result = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'progress', author: AUTHOR })
      .addFile('p/a.bin', new Blob([new Uint8Array(a)]))
      .addFile('p/b.bin', new Uint8Array(b))
      .deletePath('seed')
      .send({ onProgress: (p) => events.push(p) });
    expect(result.commitSha).toMatch(/^[0-9a-f]{40}$/);
    const total = a.length + b.length;
    // Reported on the way (not only at the end); reports made in one burst arrive as one event.
    expect(events.some((e) => e.bytesSent > 0 && e.bytesSent < total)).toBe(true);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.every((e) => e.totalBytes === total)).toBe(true);
    for (let i = 1; i < events.length; i++) {
      expect((events[i] as CommitProgress).bytesSent).toBeGreaterThanOrEqual(
        (events[i - 1] as CommitProgress).bytesSent,
      );
    }
    const phases = events.map((e) => e.phase);
    expect(phases.at(-1)).toBe('committing');
    expect(phases.indexOf('committing')).toBe(phases.length - 1);
    const last = events.at(-1) as CommitProgress;
    expect(last.bytesSent).toBe(total);
    expect(last.files).toEqual({
      'p/a.bin': { bytesSent: a.length, totalBytes: a.length },
      'p/b.bin': { bytesSent: b.length, totalBytes: b.length },
    });
    expect(events.map((e) => e.currentFile).filter(Boolean)).toContain('p/a.bin');
  });

  it('learns the total of a stream of unknown size by the time it commits', async () => {
    const bytes = randomBytesSeeded(5 * MiB, 23);
    async function* pieces() {
      yield bytes.subarray(0, 3 * MiB);
      yield bytes.subarray(3 * MiB);
    }
    const events: CommitProgress[] = [];
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'stream', author: AUTHOR })
      .addFile('unknown.bin', pieces())
      .send({ onProgress: (p) => events.push(p) });
    expect(events[0]?.totalBytes).toBeUndefined();
    expect(events.at(-1)).toMatchObject({
      phase: 'committing',
      bytesSent: bytes.length,
      totalBytes: bytes.length,
    });
  });
});

describe('abort and conflicts', () => {
  it('aborts mid-upload: the promise rejects with AbortError and the branch has not moved', async () => {
    const before = await tip();
    const controller = new AbortController();
    const big = new Blob([new Uint8Array(randomBytesSeeded(64 * MiB, 31))]);
    const error = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'aborted', author: AUTHOR })
      .addFile('aborted.bin', big)
      .send({
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytesSent >= 8 * MiB) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(await tip()).toBe(before);
    let leftovers = ['?'];
    for (let i = 0; i < 100 && leftovers.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      leftovers = await readdir(join(server.dataDir, 'tmp'));
    }
    expect(leftovers).toEqual([]);
    expect(await tip()).toBe(before);
  });

  it('surfaces a moved branch as RefUpdateError precondition_failed', async () => {
    const stale = (await repo.listCommits({ branch: 'main', limit: 2 })).commits[1]?.sha as string;
    const error = await repo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'stale',
        author: AUTHOR,
        expectedHeadSha: stale,
      })
      .addFileFromString('x', 'x')
      .send()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefUpdateError);
    expect((error as RefUpdateError).reason).toBe('precondition_failed');
    expect((error as RefUpdateError).refUpdate?.branch).toBe('main');
  });

  it('refuses to send a builder twice', async () => {
    const builder = repo
      .createCommit({ targetBranch: 'main', commitMessage: 'once', author: AUTHOR })
      .addFileFromString('once', '1');
    await builder.send();
    await expect(builder.send()).rejects.toThrow(/already sent/);
  });
});

describe('transports', () => {
  it.each(['node-http', 'fetch-stream', 'blob'] as const)(
    '%s commits, reports progress and round-trips',
    async (transport) => {
      const bytes = randomBytesSeeded(9 * MiB + 17, 41);
      const viaTransport = ourClient(server, { transport }).repo({ id: 'upload/repo' });
      const events: CommitProgress[] = [];
      await viaTransport
        .createCommit({
          targetBranch: `t-${transport}`,
          baseBranch: 'main',
          commitMessage: transport,
          author: AUTHOR,
        })
        .addFile('t.bin', new Blob([new Uint8Array(bytes)]))
        .send({ onProgress: (p) => events.push(p) });
      expect((await read('t.bin', `t-${transport}`)).equals(bytes)).toBe(true);
      expect(events.at(-1)).toMatchObject({ phase: 'committing', bytesSent: bytes.length });
    },
  );

  it('sends uploads through a fetch given to GitStorage (a proxy or instrumentation sees them)', async () => {
    const seen: string[] = [];
    const instrumented = ourClient(server, {
      fetch: (input, init) => {
        seen.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
    }).repo({ id: 'upload/repo' });
    await instrumented
      .createCommit({
        targetBranch: 't-custom-fetch',
        baseBranch: 'main',
        commitMessage: 'through my fetch',
        author: AUTHOR,
      })
      .addFileFromString('custom.txt', 'seen\n')
      .send();
    expect(seen).toContain('POST /api/v1/repos/commit-pack');
    expect((await read('custom.txt', 't-custom-fetch')).toString()).toBe('seen\n');
  });
});
