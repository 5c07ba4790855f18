/**
 * Reviews kept in git notes and merge conflicts resolved through the API, against the real local
 * server and real git: concurrent comments both kept, outdated threads, the notes readable by
 * `git notes` in a clone, and a resolved merge equal to `git merge` plus the same resolution.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type GitStorage, type Repo, ValidationError } from '../../src/core/index.js';
import {
  commitMergeResolution,
  parseReviewNote,
  ReviewModel,
  type ReviewSnapshot,
  serializeReviewEvent,
} from '../../src/core/review/index.js';
import {
  AUTHOR,
  git,
  ourClient,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

let server: TestServer;
let client: GitStorage;
let scratch: string;
const ANA = { name: 'Ana', email: 'ana@example.com' };
const BO = { name: 'Bo <script>alert(1)</script>', email: 'bo@example.com' };

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
  scratch = await mkdtemp(join(server.dataDir, 'clones-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await server?.close();
});

async function commit(
  repo: Repo,
  branch: string,
  files: Record<string, string | null>,
  message = 'change',
) {
  const builder = repo.createCommit({
    targetBranch: branch,
    commitMessage: message,
    author: AUTHOR,
  });
  for (const [path, text] of Object.entries(files)) {
    if (text === null) builder.deletePath(path);
    else builder.addFileFromString(path, text);
  }
  return (await builder.send()).commitSha;
}

const ready = async (model: ReviewModel): Promise<ReviewSnapshot> => {
  await model.refresh();
  const snapshot = model.getSnapshot();
  expect(snapshot.status).toBe('ready');
  return snapshot;
};

/** A clone with the review notes fetched, as a reviewer's git sees them. */
async function cloneWithNotes(repoId: string): Promise<string> {
  const token = await server.token(repoId, ['git:read']);
  const { host } = new URL(server.url);
  const dir = await mkdtemp(join(scratch, 'c-'));
  await git(['clone', '--quiet', `http://t:${token}@${host}/${repoId}.git`, dir]);
  await git(['-C', dir, 'fetch', '--quiet', 'origin', 'refs/notes/*:refs/notes/*']);
  return dir;
}

describe('ReviewModel', () => {
  const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`);
  let repo: Repo;
  let head: string;

  beforeAll(async () => {
    repo = await client.createRepo({ id: 'review/notes' });
    await commit(repo, 'main', { 'src/a.ts': `${lines.join('\n')}\n` });
    await repo.createBranch({ baseRef: 'main', targetBranch: 'feature' });
    head = await commit(repo, 'feature', { 'src/a.ts': `${lines.join('\n')}\nline 13\n` });
  });

  it('keeps two reviewers commenting on the same head at once, both readable with git notes', async () => {
    let appends = 0;
    const counted = client.repo({ id: 'review/notes' });
    const counting = Object.assign(Object.create(counted) as Repo, {
      appendNote: (o: Parameters<Repo['appendNote']>[0]) => {
        appends++;
        return counted.appendNote(o);
      },
    });
    const ana = new ReviewModel(counting, { head, author: ANA });
    const bo = new ReviewModel(counting, { head, author: BO });
    const opened = await ana.startThread({
      path: 'src/a.ts',
      side: 'new',
      start: 1,
      end: 1,
      body: 'First',
    });
    await ready(ana);
    await ready(bo);
    // Both write from the same notes tip: one append meets a moved ref, re-reads and retries.
    const [a, b] = await Promise.all([
      ana.startThread({ path: 'src/a.ts', side: 'new', start: 2, end: 3, body: 'Why two lines?' }),
      bo.startThread({
        path: 'src/a.ts',
        side: 'new',
        start: 13,
        end: 13,
        body: '<img src=x onerror=alert(1)>',
      }),
    ]);
    expect(appends).toBe(4);
    const { threads } = await ready(ana);
    expect(threads.map((t) => t.id).sort()).toEqual([opened, a, b].sort());
    const first = threads.find((t) => t.id === a);
    expect(first).toMatchObject({
      path: 'src/a.ts',
      side: 'new',
      start: 2,
      end: 3,
      lines: ['line 2', 'line 3'],
      resolved: false,
      outdated: false,
      comments: [{ body: 'Why two lines?', author: ANA, deleted: false }],
    });
    // Comments are data: the hostile body and name come back as the same plain strings.
    expect(threads.find((t) => t.id === b)?.comments[0]).toMatchObject({
      body: '<img src=x onerror=alert(1)>',
      author: BO,
    });

    const clone = await cloneWithNotes('review/notes');
    const shown = await git(['-C', clone, 'notes', '--ref=reviews', 'show', head]);
    const parsed = parseReviewNote(head, shown);
    expect(parsed.skipped).toBe(0);
    expect(parsed.threads.map((t) => t.id).sort()).toEqual([opened, a, b].sort());
    for (const line of shown.split('\n').filter(Boolean)) {
      expect(JSON.parse(line)).toMatchObject({ v: 1, type: 'thread', author: expect.any(Object) });
    }
  });

  it('replies, resolves, edits and deletes own comments only', async () => {
    const ana = new ReviewModel(repo, { head, author: ANA });
    const bo = new ReviewModel(repo, { head, author: BO });
    await ready(ana);
    const thread = await ana.startThread({
      path: 'src/a.ts',
      side: 'new',
      start: 5,
      end: 5,
      body: 'Rename?',
    });
    await ready(bo);
    const reply = await bo.reply(thread, 'Done in the next push');
    await expect(bo.edit(thread, 'not mine')).rejects.toBeInstanceOf(ValidationError);
    await expect(bo.remove(thread)).rejects.toBeInstanceOf(ValidationError);
    await bo.edit(reply, 'Done in the next push, thanks');
    await ready(ana);
    await ana.resolve(thread);
    await ana.remove(thread);
    const t = (await ready(bo)).threads.find((x) => x.id === thread);
    expect(t).toMatchObject({ resolved: true, resolvedBy: ANA });
    expect(t?.comments.map((c) => [c.deleted, c.body])).toEqual([
      [true, ''],
      [false, 'Done in the next push, thanks'],
    ]);
    expect(t?.comments[1]?.editedAt).toBeTruthy();
    await expect(ana.reply(thread, '   ')).rejects.toBeInstanceOf(ValidationError);
    await expect(new ReviewModel(repo, { head }).reply(thread, 'x')).rejects.toThrow(
      /author|no thread/,
    );
  });

  it('marks a thread outdated on a newer head when its lines changed, and keeps the others current', async () => {
    const ana = new ReviewModel(repo, { head, author: ANA });
    await ready(ana);
    const changed = await ana.startThread({
      path: 'src/a.ts',
      side: 'new',
      start: 8,
      end: 8,
      body: 'Eight?',
    });
    const kept = await ana.startThread({
      path: 'src/a.ts',
      side: 'new',
      start: 10,
      end: 11,
      body: 'Fine',
    });
    const next = lines.map((l) => (l === 'line 8' ? 'line eight' : l));
    const newHead = await commit(repo, 'feature', { 'src/a.ts': `${next.join('\n')}\nline 13\n` });
    ana.setOptions({ head: newHead, commits: [head], author: ANA });
    const { threads } = await ready(ana);
    expect(threads.find((t) => t.id === changed)?.outdated).toBe(true);
    expect(threads.find((t) => t.id === kept)?.outdated).toBe(false);
    // New threads go on the new head's note.
    const fresh = await ana.startThread({
      path: 'src/a.ts',
      side: 'new',
      start: 8,
      end: 8,
      body: 'Better',
    });
    expect((await repo.getNote({ sha: newHead, ref: 'reviews' })).note).toContain(fresh);
  });

  it('reads the notes again only when the notes ref moved (one request per idle refresh)', async () => {
    let reads = 0;
    const base = client.repo({ id: 'review/notes' });
    const counting = Object.assign(Object.create(base) as Repo, {
      getNote: (o: Parameters<Repo['getNote']>[0]) => {
        reads++;
        return base.getNote(o);
      },
    });
    const older = (await base.listCommits({ branch: 'feature' })).commits.map((c) => c.sha);
    const ana = new ReviewModel(counting, {
      head,
      commits: older,
      notesRef: 'reviews',
      author: ANA,
    });
    await ready(ana);
    const full = reads;
    expect(full).toBe(new Set([head, ...older]).size);
    await ready(ana);
    await ready(ana);
    expect(reads).toBe(full); // nothing moved: no note read
    // Its own write keeps the last read current (only the written note is read back).
    await ana.startThread({ path: 'src/a.ts', side: 'new', start: 4, end: 4, body: 'Mine' });
    const afterWrite = reads;
    await ready(ana);
    expect(reads).toBe(afterWrite);
    // Another reviewer writes: the next refresh reads every note again and sees it.
    const bo = new ReviewModel(base, { head, author: BO });
    await bo.refresh();
    const theirs = await bo.startThread({
      path: 'src/a.ts',
      side: 'new',
      start: 6,
      end: 6,
      body: 'Theirs',
    });
    const { threads } = await ready(ana);
    expect(reads).toBe(afterWrite + full);
    expect(threads.some((t) => t.id === theirs)).toBe(true);
  });

  it('shows a comment an agent wrote with the official SDK in the documented format', async () => {
    const official = server.sdk().repo({ id: 'review/notes' });
    const event = serializeReviewEvent({
      v: 1,
      type: 'thread',
      id: 'agent-1',
      path: 'src/a.ts',
      side: 'new',
      start: 9,
      end: 9,
      lines: ['line 9'],
      body: 'Consider a constant here.',
      author: { name: 'Review bot', email: 'bot@example.com' },
      at: new Date().toISOString(),
    });
    await official.appendNote({
      sha: head,
      ref: 'reviews',
      note: event,
      author: { name: 'Review bot', email: 'bot@example.com' },
    });
    const { threads } = await ready(new ReviewModel(repo, { head }));
    expect(threads.find((t) => t.id === 'agent-1')).toMatchObject({
      start: 9,
      outdated: false,
      comments: [{ body: 'Consider a constant here.', author: { name: 'Review bot' } }],
    });
  });

  it('skips what is not a review event in a note and never throws on hostile JSON', () => {
    const note = [
      'plain text someone wrote',
      '{"v":1,"type":"thread","id":"t","path":"a","side":"new","start":1,"end":1,"lines":[],"body":"ok","author":{"name":"A","email":"a@x"},"at":"2026-01-01T00:00:00Z"}',
      '{"v":1,"type":"thread","id":"u","path":"a","side":"sideways","start":1,"end":1,"lines":[],"body":"x","author":{"name":"A","email":"a@x"},"at":"t"}',
      '{"v":1,"type":"reply","id":"r","thread":"t","body":{"__proto__":1},"author":{"name":"A","email":"a@x"},"at":"t"}',
      '{"v":1,"type":"edit","comment":"t","body":"hijack","author":{"name":"M","email":"m@x"},"at":"t"}',
      '{"v":2,"type":"thread"}',
      '[1,2,3]',
      'null',
    ].join('\n\n');
    const parsed = parseReviewNote('c', note);
    expect(parsed.skipped).toBe(7);
    expect(parsed.threads).toHaveLength(1);
    expect(parsed.threads[0]?.comments[0]?.body).toBe('ok');
  });
});

describe('commitMergeResolution', () => {
  it('resolves a two-file conflict on the source as git merge plus the same resolution would', async () => {
    const repo = await client.createRepo({ id: 'review/conflict' });
    const base = {
      'a.txt': 'one\ntwo\nthree\n',
      'b.txt': 'alpha\nbeta\ngamma\n',
      'c.txt': 'same\n',
    };
    await commit(repo, 'main', base);
    await repo.createBranch({ baseRef: 'main', targetBranch: 'topic' });
    await commit(repo, 'main', {
      'a.txt': 'one\nTWO (main)\nthree\n',
      'b.txt': 'alpha\nBETA main\ngamma\n',
    });
    await commit(repo, 'topic', {
      'a.txt': 'one\nTWO (topic)\nthree\n',
      'b.txt': 'alpha\nBETA topic\ngamma\n',
      'd.txt': 'new on topic\n',
    });
    const preview = await repo.previewMerge({
      sourceBranch: 'topic',
      targetBranch: 'main',
      includeContent: true,
    });
    expect(preview.status).toBe('conflicted');
    expect([...preview.conflictPaths].sort()).toEqual(['a.txt', 'b.txt']);

    const edited = 'alpha\nBETA (both)\ngamma\n';
    const result = await commitMergeResolution(repo, {
      sourceBranch: 'topic',
      targetBranch: 'main',
      sourceTipSha: preview.sourceTipSha,
      targetTipSha: preview.targetTipSha,
      files: [
        { path: 'a.txt', take: 'source' },
        { path: 'b.txt', content: edited },
      ],
      sourceHas: () => true,
      author: ANA,
    });
    const again = await repo.previewMerge({ sourceBranch: 'topic', targetBranch: 'main' });
    expect(again).toMatchObject({
      status: 'clean',
      result: 'fast_forward',
      sourceTipSha: result.headSha,
    });
    const merged = await repo.merge({
      sourceBranch: 'topic',
      targetBranch: 'main',
      strategy: 'ff_prefer',
      expectedTargetSha: preview.targetTipSha,
    });
    // Scratch branches are gone, in both namespaces.
    expect((await repo.listBranches()).branches.map((b) => b.name).sort()).toEqual([
      'main',
      'topic',
    ]);

    // The same merge in a clone: on topic, git merge main, keep topic's a.txt (ours there),
    // write the edited b.txt.
    const clone = await cloneWithNotes('review/conflict');
    await git(['-C', clone, 'checkout', '--quiet', '-b', 'topic', 'origin/topic~2']);
    // (main is now topic: merge main's tip as the preview saw it.)
    const conflicted = await git(['-C', clone, 'merge', '--no-edit', preview.targetTipSha]).catch(
      (e: Error) => e.message,
    );
    expect(conflicted).toMatch(/merge .*failed/);
    expect(
      (await git(['-C', clone, 'diff', '--name-only', '--diff-filter=U'])).split('\n'),
    ).toEqual(['a.txt', 'b.txt']);
    await git(['-C', clone, 'checkout', '--ours', 'a.txt']);
    await writeFile(join(clone, 'b.txt'), edited);
    await git(['-C', clone, 'add', 'a.txt', 'b.txt']);
    await git(['-C', clone, 'commit', '--quiet', '--no-edit']);
    const expectedTree = await git(['-C', clone, 'rev-parse', 'HEAD^{tree}']);
    expect(merged.treeSha).toBe(expectedTree);
    expect(await readFile(join(clone, 'a.txt'), 'utf8')).toBe('one\nTWO (topic)\nthree\n');
    // First-parent history on topic: its old tip, the merge of main, the resolution.
    const gitDir = server.gitDir('review/conflict');
    const log = await git([
      '--git-dir',
      gitDir,
      'log',
      '--first-parent',
      '--format=%s',
      '-3',
      'main',
    ]);
    expect(log.split('\n')).toEqual([
      'Resolve conflicts merging main into topic',
      'Merge main into topic',
      'change',
    ]);
    const parents = await git([
      '--git-dir',
      gitDir,
      'rev-list',
      '--parents',
      '-1',
      result.mergeCommitSha,
    ]);
    expect(parents.split(' ')).toHaveLength(3);
  });

  it('moves nothing when the source moved since the preview', async () => {
    const repo = await client.createRepo({ id: 'review/moved' });
    await commit(repo, 'main', { 'a.txt': 'x\n' });
    await repo.createBranch({ baseRef: 'main', targetBranch: 'topic' });
    await commit(repo, 'main', { 'a.txt': 'main\n' });
    await commit(repo, 'topic', { 'a.txt': 'topic\n' });
    const preview = await repo.previewMerge({ sourceBranch: 'topic', targetBranch: 'main' });
    const moved = await commit(repo, 'topic', { 'later.txt': 'pushed meanwhile\n' });
    const error = await commitMergeResolution(repo, {
      sourceBranch: 'topic',
      targetBranch: 'main',
      sourceTipSha: preview.sourceTipSha,
      targetTipSha: preview.targetTipSha,
      files: [{ path: 'a.txt', content: 'both\n' }],
      sourceHas: () => true,
      author: ANA,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((await repo.listBranches()).branches.find((b) => b.name === 'topic')?.headSha).toBe(
      moved,
    );
    expect((await repo.listBranches()).branches.map((b) => b.name).sort()).toEqual([
      'main',
      'topic',
    ]);
  });
});
