/**
 * Webhooks from a real local server to a real receiver on loopback: every delivery is checked
 * with the kit's own validateWebhook (and the official SDK's), for REST writes and git pushes,
 * with a receiver that is down for a while, one that never answers, and a server restart.
 */

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateWebhook as officialValidate } from '@pierre/storage';
import { afterEach, describe, expect, it } from 'vitest';
import { validateWebhook, type WebhookPushEvent } from '../../src/server/webhook.js';
import { AUTHOR, git, startTestServer, type TestServer } from '../helpers/local-server.js';

const SECRET = 'whsec_local_test';

interface Received {
  event: WebhookPushEvent;
  delivery: string;
}

/** A receiver that answers with `respond` (default 200) and keeps every valid push it gets. */
async function startReceiver(
  respond: (req: IncomingMessage, res: ServerResponse, n: number) => void = (_q, res) =>
    res.end('ok'),
) {
  const received: Received[] = [];
  const invalid: string[] = [];
  let requests = 0;
  let wake: (() => void) | undefined;
  const server: Server = createServer((req, res) => {
    const pieces: Buffer[] = [];
    req.on('data', (b: Buffer) => pieces.push(b));
    req.on('end', async () => {
      const body = Buffer.concat(pieces).toString('utf8');
      const n = ++requests;
      const check = validateWebhook(body, req.headers, SECRET);
      const official = await officialValidate(body, req.headers, SECRET);
      if (!check.valid || !official.valid || check.payload.type !== 'push') {
        invalid.push(check.valid ? 'not a push' : check.error);
      } else {
        // Kept only when this attempt is answered 2xx (`respond` decides).
        const event = check.payload as WebhookPushEvent;
        res.once('finish', () => {
          if (res.statusCode < 300) {
            received.push({ event, delivery: String(req.headers['x-pierre-delivery']) });
            wake?.();
          }
        });
      }
      respond(req, res, n);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    invalid,
    requests: () => requests,
    /** Resolves once `count` deliveries were accepted. */
    async until(count: number): Promise<void> {
      while (received.length < count) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 200);
        });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverWith(url: string, extra: Partial<Parameters<typeof startTestServer>[0]> = {}) {
  const server = await startTestServer({
    webhooks: [{ url, secret: SECRET }],
    webhookRetry: { baseDelayMs: 50, maxDelayMs: 200, timeoutMs: 2000 },
    ...extra,
  });
  cleanups.push(() => server.close());
  return server;
}

async function commitOn(server: TestServer, repoId: string, branch: string, text: string) {
  const repo = server.sdk().repo({ id: repoId });
  return repo
    .createCommit({ targetBranch: branch, commitMessage: text, author: AUTHOR })
    .addFileFromString('file.txt', `${text}\n`)
    .send();
}

describe('webhooks', () => {
  it('sends a signed push event for REST commits, branches, tags and git pushes', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const server = await serverWith(receiver.url);
    await server.sdk().createRepo({ id: 'hooks/rest' });
    const first = await commitOn(server, 'hooks/rest', 'main', 'one');
    const second = await commitOn(server, 'hooks/rest', 'main', 'two');
    const repo = server.sdk().repo({ id: 'hooks/rest' });
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'feature' });
    await repo.createTag({ name: 'v1', target: second.commitSha });
    await repo.deleteBranch({ name: 'feature' });
    await receiver.until(5);
    const zero = '0'.repeat(40);
    const seen = receiver.received.map((r) => [r.event.ref, r.event.before, r.event.after]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['main', zero, first.commitSha],
        ['main', first.commitSha, second.commitSha],
        ['feature', zero, second.commitSha],
        ['refs/tags/v1', zero, second.commitSha],
        ['feature', second.commitSha, zero],
      ]),
    );
    const event = receiver.received[0]?.event as WebhookPushEvent;
    expect(event.repository).toEqual({ id: 'hooks/rest', url: `${server.url}/hooks/rest.git` });
    expect(event.customerId).toBe('test-org');
    expect(event.pushedAt.getTime()).not.toBeNaN();

    // A git push over smart HTTP.
    const work = await mkdtemp(join(tmpdir(), 'gsk-hook-push-'));
    cleanups.push(() => rm(work, { recursive: true, force: true }));
    // The official SDK's remotes are https://; this server speaks http here.
    const remote = (await repo.getRemoteURL()).replace(/^https:/, 'http:');
    await git(['clone', '-q', remote, work]);
    await git(['-C', work, 'commit', '-q', '--allow-empty', '-m', 'pushed']);
    await git(['-C', work, 'push', '-q', 'origin', 'HEAD:main', 'HEAD:refs/heads/pushed']);
    const pushed = await git(['-C', work, 'rev-parse', 'HEAD']);
    await receiver.until(7);
    expect(
      receiver.received.slice(5).map((r) => [r.event.ref, r.event.before, r.event.after]),
    ).toEqual(
      expect.arrayContaining([
        ['main', second.commitSha, pushed],
        ['pushed', zero, pushed],
      ]),
    );
    expect(receiver.invalid).toEqual([]);
    // Internal refs (a note write's scratch copy) are never announced; the notes ref is.
    await repo.createNote({ sha: pushed, note: 'hi' });
    await receiver.until(8);
    expect(receiver.received.at(-1)?.event.ref).toBe('refs/notes/commits');
    expect(receiver.received.some((r) => r.event.ref.includes('local-server'))).toBe(false);
  });

  it('retries with backoff while the receiver is down, and never blocks the write', async () => {
    // Down (503) for the first three attempts, then up.
    const receiver = await startReceiver((_req, res, n) => {
      res.statusCode = n <= 3 ? 503 : 200;
      res.end();
    });
    cleanups.push(receiver.close);
    const lines: string[] = [];
    const server = await serverWith(receiver.url, { log: (l) => lines.push(l) });
    await server.sdk().createRepo({ id: 'hooks/retry' });
    const commit = await commitOn(server, 'hooks/retry', 'main', 'one');
    await receiver.until(1);
    expect(receiver.requests()).toBe(4);
    expect(receiver.received[0]?.event.after).toBe(commit.commitSha);
    expect(lines.filter((l) => /failed \(HTTP 503\); retry/.test(l))).toHaveLength(3);
    const pending = join(server.dataDir, 'webhooks', 'pending');
    while ((await readdir(pending)).length > 0) await new Promise((r) => setTimeout(r, 20));

    // A receiver that never answers: the commit still returns at once.
    const silent = await startReceiver(() => {});
    cleanups.push(silent.close);
    const stuck = await serverWith(silent.url);
    await stuck.sdk().createRepo({ id: 'hooks/silent' });
    const done = await commitOn(stuck, 'hooks/silent', 'main', 'one');
    expect(done.refUpdate.newSha).toMatch(/^[0-9a-f]{40}$/);
    expect(silent.received).toEqual([]); // the delivery is still waiting for its answer
  });

  it('keeps pending deliveries across a restart and delivers them afterwards', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gsk-hook-restart-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // A port nothing listens on: every attempt fails.
    const down = await startReceiver();
    const deadUrl = down.url;
    await down.close();
    const before = await startTestServer({
      dataDir,
      webhooks: [{ url: deadUrl, secret: SECRET }],
      webhookRetry: { baseDelayMs: 60_000 }, // no retry before the restart
    });
    await before.sdk().createRepo({ id: 'hooks/restart' });
    const commit = await commitOn(before, 'hooks/restart', 'main', 'one');
    const pendingDir = join(dataDir, 'webhooks', 'pending');
    while ((await readdir(pendingDir)).length === 0) await new Promise((r) => setTimeout(r, 20));
    await before.close();
    expect(await readdir(pendingDir)).toHaveLength(1);

    // Same URL, now answered; the restarted server delivers what was pending.
    const port = Number(new URL(deadUrl).port);
    const receiver = await startReceiverOn(port);
    cleanups.push(receiver.close);
    const after = await startTestServer({
      dataDir,
      webhooks: [{ url: deadUrl, secret: SECRET }],
      webhookRetry: { baseDelayMs: 50 },
    });
    cleanups.push(() => after.close());
    await receiver.until(1);
    expect(receiver.received[0]?.event.after).toBe(commit.commitSha);
    while ((await readdir(pendingDir)).length > 0) await new Promise((r) => setTimeout(r, 20));
  });

  it('gives up after maxAttempts, keeps the delivery in failed/ and says so', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    cleanups.push(receiver.close);
    const lines: string[] = [];
    const server = await serverWith(receiver.url, {
      log: (l) => lines.push(l),
      webhookRetry: { baseDelayMs: 20, maxAttempts: 3 },
    });
    await server.sdk().createRepo({ id: 'hooks/failing' });
    await commitOn(server, 'hooks/failing', 'main', 'one');
    const failed = join(server.dataDir, 'webhooks', 'failed');
    while ((await readdir(failed)).length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(receiver.requests()).toBe(3);
    expect(lines.at(-1)).toMatch(/giving up on delivery .* after 3 attempts \(HTTP 500\)/);
    expect(await readdir(join(server.dataDir, 'webhooks', 'pending'))).toEqual([]);
  });

  it('never follows a redirect, and never logs a password in the URL', async () => {
    const elsewhere = await startReceiver();
    cleanups.push(elsewhere.close);
    const redirecting = await startReceiver((_req, res) => {
      res.writeHead(307, { Location: elsewhere.url });
      res.end();
    });
    cleanups.push(redirecting.close);
    const lines: string[] = [];
    const withPassword = redirecting.url.replace('http://', 'http://user:hunter2@');
    const server = await startTestServer({
      webhooks: [{ url: withPassword, secret: SECRET }],
      webhookRetry: { baseDelayMs: 20, maxAttempts: 2 },
      log: (l) => lines.push(l),
    });
    cleanups.push(() => server.close());
    await server.sdk().createRepo({ id: 'hooks/redirect' });
    await commitOn(server, 'hooks/redirect', 'main', 'one');
    const failed = join(server.dataDir, 'webhooks', 'failed');
    while ((await readdir(failed).catch(() => [])).length === 0) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(redirecting.requests()).toBe(2);
    expect(elsewhere.requests()).toBe(0);
    expect(lines.some((l) => /redirect \(not followed/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toContain('hunter2');
    expect(lines.join('\n')).toContain('user:***@');
  });

  it('does not announce pushes to ephemeral branches (REPO+ephemeral.git)', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const server = await serverWith(receiver.url);
    await server.sdk().createRepo({ id: 'hooks/ephemeral' });
    await commitOn(server, 'hooks/ephemeral', 'main', 'one');
    await receiver.until(1);
    const work = await mkdtemp(join(tmpdir(), 'gsk-hook-eph-'));
    cleanups.push(() => rm(work, { recursive: true, force: true }));
    const token = await server.token('hooks/ephemeral', ['git:read', 'git:write']);
    const host = new URL(server.url).host;
    await git(['clone', '-q', `http://t:${token}@${host}/hooks/ephemeral.git`, work]);
    await git(['-C', work, 'commit', '-q', '--allow-empty', '-m', 'ephemeral']);
    await git([
      '-C',
      work,
      'push',
      '-q',
      `http://t:${token}@${host}/hooks/ephemeral+ephemeral.git`,
      'HEAD:refs/heads/scratch',
    ]);
    // A normal push afterwards is announced: everything before it has been decided.
    await git(['-C', work, 'push', '-q', 'origin', 'HEAD:refs/heads/real']);
    await receiver.until(2);
    expect(receiver.received.map((r) => r.event.ref)).toEqual(['main', 'real']);
  });

  it('refuses a webhook without a secret or with a non-HTTP URL at start', async () => {
    await expect(
      startTestServer({ webhooks: [{ url: 'http://127.0.0.1:1/x', secret: '' }] }),
    ).rejects.toThrow(/needs a secret/);
    await expect(
      startTestServer({ webhooks: [{ url: 'file:///etc/passwd', secret: 's' }] }),
    ).rejects.toThrow(/must be http/);
  });
});

/** A receiver on a given port (the restart test reuses the URL the first server saved). */
async function startReceiverOn(port: number) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const pieces: Buffer[] = [];
    req.on('data', (b: Buffer) => pieces.push(b));
    req.on('end', () => {
      const check = validateWebhook(Buffer.concat(pieces).toString('utf8'), req.headers, SECRET);
      if (check.valid && check.payload.type === 'push') {
        received.push({
          event: check.payload as WebhookPushEvent,
          delivery: String(req.headers['x-pierre-delivery']),
        });
      }
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    received,
    async until(count: number) {
      while (received.length < count) await new Promise((r) => setTimeout(r, 20));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
