/**
 * The draft store's kept copies through the `DraftPersistence` interface, with a store in memory
 * that records every call (the IndexedDB store itself runs in Chromium: e2e/draft-persistence):
 * staging one file writes that file and the small record, nothing else; unstaging deletes its
 * content after the record stops naming it; a new client restores the draft (files, deletions,
 * message, base head) and says so; commit and discard leave nothing kept; a refused file is
 * named with its reason and the rest is kept; sign-out forgets every kept draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftPersistence, PersistedDraft } from '../../src/core/index.js';
import { GitStorage } from '../../src/core/index.js';
import { AUTHOR, ORG, startTestServer, type TestServer } from '../helpers/local-server.js';

let server: TestServer;
const REPO = 'core/kept-drafts';

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token(REPO, ['git:read', 'git:write', 'repo:write']);
  const client = new GitStorage({ name: ORG, apiBaseUrl: server.url, token });
  const repo = await client.createRepo({ id: REPO });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('old.txt', 'old\n')
    .send();
});

afterAll(async () => {
  await server?.close();
});

/** A DraftPersistence in memory that logs each call; `refuse` makes contents over N bytes `quota`. */
function memoryPersistence(refuseOver = Number.POSITIVE_INFINITY) {
  const drafts = new Map<string, PersistedDraft>();
  const contents = new Map<string, Blob | string>();
  const calls: string[] = [];
  const persistence: DraftPersistence = {
    async load(key) {
      const draft = drafts.get(key);
      if (!draft) return null;
      const mine = new Map<string, Blob | string>();
      for (const [k, v] of contents)
        if (k.startsWith(`${key}|`)) mine.set(k.slice(key.length + 1), v);
      return { draft: structuredClone(draft), contents: mine };
    },
    async writeContent(key, id, content) {
      const size = typeof content === 'string' ? content.length : content.size;
      if (size > refuseOver) return 'quota';
      calls.push(`content ${typeof content === 'string' ? content : `blob:${size}`}`);
      contents.set(`${key}|${id}`, content);
      return 'stored';
    },
    async deleteContent(key, id) {
      calls.push('delete content');
      contents.delete(`${key}|${id}`);
    },
    async writeDraft(key, draft) {
      calls.push(`record ${draft.changes.map((c) => `${c.kind}:${c.path}`).join(',')}`);
      drafts.set(key, structuredClone(draft));
    },
    async clear(key) {
      calls.push(key === undefined ? 'clear all' : 'clear');
      if (key === undefined) {
        drafts.clear();
        contents.clear();
        return;
      }
      drafts.delete(key);
      for (const k of [...contents.keys()]) if (k.startsWith(`${key}|`)) contents.delete(k);
    },
  };
  return { persistence, drafts, contents, calls };
}

async function client(persistence: DraftPersistence) {
  const token = await server.token(REPO, ['git:read', 'git:write']);
  return new GitStorage({ name: ORG, apiBaseUrl: server.url, token, persistDrafts: persistence });
}

describe('drafts kept through a DraftPersistence', () => {
  it('writes one file per staging, restores everything in a new client, and forgets it after the commit', async () => {
    const store = memoryPersistence();
    const first = await client(store.persistence);
    const draft = first.drafts.draft(REPO, { branch: 'main', author: AUTHOR });
    await first.drafts.restored(REPO, 'main');
    draft.addFile('a.txt', new Blob(['alpha\n']));
    await first.drafts.restored(REPO, 'main');
    draft.addText('b.txt', 'beta\n');
    draft.deletePath('old.txt');
    draft.setMessage('Kept');
    await first.drafts.restored(REPO, 'main');
    // Incremental: each file's content once, then only the small record.
    expect(store.calls.filter((c) => c.startsWith('content'))).toEqual([
      'content blob:6',
      'content beta\n',
    ]);
    draft.unstage('a.txt');
    await first.drafts.restored(REPO, 'main');
    expect(store.calls.slice(-2)).toEqual(['record file:b.txt,delete:old.txt', 'delete content']);
    draft.addFile('a.txt', new Blob(['alpha\n']));
    await first.drafts.restored(REPO, 'main');

    // Another client (a reload) finds it all.
    const second = await client(store.persistence);
    const restored = second.drafts.draft(REPO, { branch: 'main', author: AUTHOR });
    await second.drafts.restored(REPO, 'main');
    const snapshot = restored.getSnapshot();
    expect(snapshot.staged.map((c) => `${c.kind}:${c.path}`)).toEqual([
      'file:b.txt',
      'delete:old.txt',
      'file:a.txt',
    ]);
    expect(snapshot.message).toBe('Kept');
    expect(snapshot.baseHeadSha).toBe(draft.getSnapshot().baseHeadSha);
    expect(snapshot.persistence?.restored?.changes).toBe(3);
    expect(snapshot.persistence?.restored?.savedAt).toBeInstanceOf(Date);
    const result = await restored.commit({ expectedHeadSha: snapshot.baseHeadSha });
    expect(result.commitSha).toMatch(/^[0-9a-f]{40}$/);
    await second.drafts.restored(REPO, 'main');
    expect(store.drafts.size).toBe(0);
    expect(store.contents.size).toBe(0);
    const file = await second.repo({ id: REPO }).getFileStream({ path: 'a.txt' });
    expect(await file.text()).toBe('alpha\n');
  });

  it('names a file the store refused, keeps the rest, and discards to nothing', async () => {
    const store = memoryPersistence(10);
    const c = await client(store.persistence);
    const draft = c.drafts.draft(REPO, { branch: 'refused', recordBaseHead: false });
    await c.drafts.restored(REPO, 'refused');
    draft.addFile('big.bin', new Blob(['x'.repeat(100)]));
    draft.addText('small.txt', 'ok\n');
    await c.drafts.restored(REPO, 'refused');
    expect([...(draft.getSnapshot().persistence?.notKept ?? [])]).toEqual([['big.bin', 'quota']]);
    const again = await client(store.persistence);
    again.drafts.draft(REPO, { branch: 'refused', recordBaseHead: false });
    await again.drafts.restored(REPO, 'refused');
    expect(
      again.drafts
        .find(REPO, 'refused')
        ?.getSnapshot()
        .staged.map((s) => s.path),
    ).toEqual(['small.txt']);
    again.drafts.find(REPO, 'refused')?.reset();
    await again.drafts.restored(REPO, 'refused');
    expect(store.drafts.size).toBe(0);
  });

  it('keeps a stream out (it cannot be stored) and says why', async () => {
    const store = memoryPersistence();
    const c = await client(store.persistence);
    const draft = c.drafts.draft(REPO, { branch: 'stream', recordBaseHead: false });
    draft.addFile('live.bin', new ReadableStream<Uint8Array>());
    await c.drafts.restored(REPO, 'stream');
    expect(draft.getSnapshot().persistence?.notKept.get('live.bin')).toBe('unsupported');
  });

  it('signOut forgets every kept draft, also those this client never opened', async () => {
    const store = memoryPersistence();
    const c = await client(store.persistence);
    const draft = c.drafts.draft(REPO, { branch: 'x', recordBaseHead: false });
    draft.addText('x.txt', 'x\n');
    await c.drafts.restored(REPO, 'x');
    store.drafts.set('elsewhere', { version: 1, savedAt: 0, message: 'm', changes: [] });
    await c.signOut();
    expect(store.drafts.size).toBe(0);
    expect(store.contents.size).toBe(0);
    expect(c.drafts.all()).toEqual([]);
  });

  it('never touches storage in Node unless given one', async () => {
    const token = await server.token(REPO, ['git:read']);
    const plain = new GitStorage({ name: ORG, apiBaseUrl: server.url, token });
    expect(plain.drafts.persistent).toBe(false);
  });
});
