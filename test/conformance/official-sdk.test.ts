/**
 * The official @pierre/storage SDK (pinned) drives a started local server through every route the
 * server serves: if the SDK accepts our answers, apps written against Code Storage work locally.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type GitStorage, RefUpdateError } from '@pierre/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSERVED_ROUTES } from '../../src/local-server/server.js';
import {
  AUTHOR,
  git,
  ORG,
  randomBytesSeeded,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

let server: TestServer;
let sdk: GitStorage;

beforeAll(async () => {
  server = await startTestServer();
  sdk = server.sdk();
});
afterAll(() => server.close());

async function run(command: string, args: string[]): Promise<string> {
  return (await promisify(execFile)(command, args)).stdout;
}

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe('repositories', () => {
  it('creates, finds, lists and deletes repositories', async () => {
    const repo = await sdk.createRepo({ id: 'team/alpha', defaultBranch: 'trunk' });
    expect(repo.id).toBe('team/alpha');
    expect(repo.defaultBranch).toBe('trunk');
    await expect(sdk.createRepo({ id: 'team/alpha' })).rejects.toThrow('Repository already exists');

    const found = await sdk.findOne({ id: 'team/alpha' });
    expect(found?.defaultBranch).toBe('trunk');
    expect(found?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await sdk.findOne({ id: 'team/missing' })).toBeNull();

    await sdk.createRepo({ id: 'team/beta' });
    await sdk.createRepo({ id: 'team/gamma' });
    const first = await sdk.listRepos({ limit: 2 });
    expect(first.repos.map((r) => r.repoId)).toEqual(['team/alpha', 'team/beta']);
    expect(first.hasMore).toBe(true);
    const second = await sdk.listRepos({ limit: 2, cursor: first.nextCursor });
    expect(second.repos.map((r) => r.repoId)).toEqual(['team/gamma']);
    expect(second.hasMore).toBe(false);

    const deleted = await sdk.deleteRepo({ id: 'team/gamma' });
    expect(deleted.repoId).toBe('team/gamma');
    expect(await sdk.findOne({ id: 'team/gamma' })).toBeNull();
    await expect(sdk.deleteRepo({ id: 'team/gamma' })).rejects.toThrow('Repository not found');
  });
});

describe('commits, files, branches, diffs', () => {
  const big = randomBytesSeeded(8 * 1024 * 1024 + 12345, 7);
  let repo: Awaited<ReturnType<GitStorage['createRepo']>>;
  let firstSha: string;
  let secondSha: string;

  beforeAll(async () => {
    repo = await sdk.createRepo({ id: 'conformance/main' });
    const first = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'Initial commit', author: AUTHOR })
      .addFileFromString('README.md', '# Hello\n')
      .addFileFromString('docs/guide.md', 'guide\n')
      .addFileFromString('old/name.txt', 'rename me\nline 2\nline 3\n')
      .addFile('assets/big.bin', big)
      .addFileFromString('bin/run.sh', '#!/bin/sh\necho hi\n', { mode: '100755' })
      .send();
    firstSha = first.commitSha;
    const second = await repo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'Second commit',
        author: AUTHOR,
        expectedHeadSha: firstSha,
      })
      .addFileFromString('README.md', '# Hello\n\nMore.\n')
      .addFileFromString('new/name.txt', 'rename me\nline 2\nline 3\n')
      .deletePath('old/name.txt')
      .deletePath('docs/guide.md')
      .send();
    secondSha = second.commitSha;
  });

  it('acknowledges commits with the fields the SDK requires', async () => {
    const result = await repo
      .createCommit({
        targetBranch: 'scratch',
        baseBranch: 'main',
        commitMessage: 'x',
        author: AUTHOR,
      })
      .addFileFromString('x.txt', 'x')
      .send();
    expect(result.refUpdate.oldSha).toBe('0'.repeat(40));
    expect(result.refUpdate.newSha).toBe(result.commitSha);
    expect(result.targetBranch).toBe('scratch');
    expect(result.blobCount).toBe(1);
    expect(result.treeSha).toMatch(/^[0-9a-f]{40}$/);
    const commit = await repo.getCommit({ sha: result.commitSha });
    expect(commit.commit.parentShas).toEqual([secondSha]);
  });

  it('commits many big files at once (hashed a few at a time)', async () => {
    let builder = repo.createCommit({
      targetBranch: 'many',
      baseBranch: 'main',
      commitMessage: 'many',
      author: AUTHOR,
    });
    const files = Array.from({ length: 8 }, (_, i) =>
      randomBytesSeeded(1024 * 1024 + 1000 * i + 1, 100 + i),
    );
    files.forEach((bytes, i) => {
      builder = builder.addFile(`many/${i}.bin`, bytes);
    });
    const result = await builder.send();
    expect(result.blobCount).toBe(8);
    for (const [i, bytes] of files.entries()) {
      const body = await bytesOf(await repo.getFileStream({ path: `many/${i}.bin`, ref: 'many' }));
      expect(body.equals(bytes)).toBe(true);
    }
  });

  it('round-trips a binary file over 8 MiB byte for byte', async () => {
    const response = await repo.getFileStream({ path: 'assets/big.bin' });
    expect(response.status).toBe(200);
    const body = await bytesOf(response);
    expect(body.length).toBe(big.length);
    expect(body.equals(big)).toBe(true);
  });

  it('serves ranges, validators and metadata', async () => {
    const head = await repo.headFile({ path: 'README.md' });
    expect(head.size).toBe(Buffer.byteLength('# Hello\n\nMore.\n'));
    expect(head.blobSha).toMatch(/^[0-9a-f]{40}$/);
    expect(head.etag).toBe(`"${head.blobSha}"`);
    expect(head.lastCommitSha).toBe(secondSha);
    expect(head.lastModified).toBeInstanceOf(Date);

    const ranged = await repo.getFileStream({
      path: 'assets/big.bin',
      headers: { range: 'bytes=100-199' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${big.length}`);
    expect((await bytesOf(ranged)).equals(big.subarray(100, 200))).toBe(true);

    const suffix = await repo.getFileStream({ path: 'README.md', headers: { range: 'bytes=-6' } });
    expect(await suffix.text()).toBe('More.\n');

    const unsatisfiable = await repo.getFileStream({
      path: 'README.md',
      headers: { range: 'bytes=999-' },
    });
    expect(unsatisfiable.status).toBe(416);

    const cached = await repo.getFileStream({
      path: 'README.md',
      headers: { ifNoneMatch: head.etag },
    });
    expect(cached.status).toBe(304);
    const stale = await repo.getFileStream({ path: 'README.md', headers: { ifMatch: '"0000"' } });
    expect(stale.status).toBe(412);

    const old = await repo.getFileStream({ path: 'README.md', ref: firstSha });
    expect(await old.text()).toBe('# Hello\n');
    const executable = await repo.listFiles({ path: 'bin' });
    expect(executable.entries).toEqual([{ path: 'bin/run.sh', type: 'blob', mode: '100755' }]);
  });

  it('lists files recursively, one level, and page by page', async () => {
    const all = await repo.listFiles();
    expect(all.paths).toEqual(['README.md', 'assets/big.bin', 'bin/run.sh', 'new/name.txt']);
    expect(all.ref).toBe('main');
    expect(all.entries).toContainEqual({ path: 'assets', type: 'tree', mode: '040000' });

    const top = await repo.listFiles({ recursive: false });
    expect(top.entries.map((e) => `${e.type}:${e.path}`)).toEqual([
      'blob:README.md',
      'tree:assets',
      'tree:bin',
      'tree:new',
    ]);
    expect(top.paths).toEqual(['README.md']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.listFiles({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.entries.map((e) => e.path));
      cursor = page.hasMore ? page.nextCursor : undefined;
    } while (cursor);
    expect(seen).toEqual(all.entries.map((e) => e.path));

    const withMeta = await repo.listFilesWithMetadata();
    const readme = withMeta.files.find((f) => f.path === 'README.md');
    expect(readme?.size).toBe(15);
    expect(readme?.lastCommitSha).toBe(secondSha);
    const bigMeta = withMeta.files.find((f) => f.path === 'assets/big.bin');
    expect(bigMeta?.lastCommitSha).toBe(firstSha);
    expect(bigMeta?.size).toBe(big.length);
    expect(withMeta.commits[secondSha]?.message).toBe('Second commit');
    expect(withMeta.commits[firstSha]?.date).toBeInstanceOf(Date);

    await expect(repo.listFiles({ path: 'nope' })).rejects.toMatchObject({ status: 404 });
  });

  it('creates, lists and deletes branches', async () => {
    const created = await repo.createBranch({ baseRef: 'main', targetBranch: 'feature/one' });
    expect(created.targetBranch).toBe('feature/one');
    expect(created.commitSha).toBe(secondSha);
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'feature/two' });
    await repo.createBranch({ baseRef: firstSha, targetBranch: 'from-sha' });
    await expect(
      repo.createBranch({ baseRef: 'main', targetBranch: 'feature/one' }),
    ).rejects.toMatchObject({
      status: 409,
    });

    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.listBranches({ limit: 2, ...(cursor ? { cursor } : {}) });
      names.push(...page.branches.map((b) => b.name));
      cursor = page.hasMore ? page.nextCursor : undefined;
    } while (cursor);
    // Paging in twos gives every branch once, in name order (other tests may add their own).
    const all = (await repo.listBranches({ limit: 1000 })).branches.map((b) => b.name);
    expect(names).toEqual(all);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining(['feature/one', 'feature/two', 'from-sha', 'main']),
    );
    const { branches } = await repo.listBranches();
    expect(branches.find((b) => b.name === 'from-sha')?.headSha).toBe(firstSha);

    const deleted = await repo.deleteBranch({ name: 'feature/two' });
    expect(deleted.name).toBe('feature/two');
    expect((await repo.listBranches()).branches.map((b) => b.name)).not.toContain('feature/two');
    await expect(repo.deleteBranch({ name: 'main' })).rejects.toMatchObject({ status: 400 });
  });

  it('pages through history with the cursor, and filters by path', async () => {
    for (let i = 0; i < 5; i++) {
      await repo
        .createCommit({
          targetBranch: 'history',
          baseBranch: 'main',
          commitMessage: `step ${i}`,
          author: AUTHOR,
        })
        .addFileFromString('counter.txt', String(i))
        .send();
    }
    const messages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.listCommits({
        branch: 'history',
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      messages.push(...page.commits.map((c) => c.message));
      cursor = page.hasMore ? page.nextCursor : undefined;
    } while (cursor);
    expect(messages).toEqual([
      'step 4',
      'step 3',
      'step 2',
      'step 1',
      'step 0',
      'Second commit',
      'Initial commit',
    ]);

    const touching = await repo.listCommits({ branch: 'history', path: 'README.md' });
    expect(touching.commits.map((c) => c.message)).toEqual(['Second commit', 'Initial commit']);

    const { commit } = await repo.getCommit({ sha: secondSha });
    expect(commit).toMatchObject({
      sha: secondSha,
      parentShas: [firstSha],
      message: 'Second commit',
      authorName: AUTHOR.name,
      authorEmail: AUTHOR.email,
    });
    expect(commit.date).toBeInstanceOf(Date);
    await expect(repo.getCommit({ sha: 'f'.repeat(40) })).rejects.toMatchObject({ status: 404 });
  });

  it('diffs commits with additions, deletions, renames and filtered binaries', async () => {
    const diff = await repo.getCommitDiff({ sha: secondSha });
    expect(diff.baseSha).toBe(firstSha);
    const byPath = Object.fromEntries(diff.files.map((f) => [f.path, f]));
    expect(byPath['README.md']).toMatchObject({ state: 'modified', additions: 2, deletions: 0 });
    expect(byPath['docs/guide.md']).toMatchObject({ state: 'deleted', deletions: 1 });
    expect(byPath['new/name.txt']).toMatchObject({ state: 'renamed', oldPath: 'old/name.txt' });
    expect(byPath['README.md']?.raw).toContain('+More.');
    expect(diff.stats).toEqual({ files: 3, additions: 2, deletions: 1, changes: 3 });

    const root = await repo.getCommitDiff({ sha: firstSha });
    expect(root.filteredFiles.map((f) => f.path)).toEqual(['assets/big.bin']);
    expect(root.files.every((f) => f.state === 'added')).toBe(true);

    const only = await repo.getCommitDiff({ sha: secondSha, paths: ['README.md'] });
    expect(only.files.map((f) => f.path)).toEqual(['README.md']);
  });

  it('diffs a branch against its base from the merge base', async () => {
    await repo
      .createCommit({
        targetBranch: 'topic',
        baseBranch: 'main',
        commitMessage: 'topic work',
        author: AUTHOR,
      })
      .addFileFromString('topic.txt', 'topic\n')
      .send();
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'main moves on', author: AUTHOR })
      .addFileFromString('main-only.txt', 'main\n')
      .send();
    const diff = await repo.getBranchDiff({ branch: 'topic', base: 'main' });
    expect(diff.mergeBaseSha).toBe(secondSha);
    expect(diff.files.map((f) => `${f.state}:${f.path}`)).toEqual(['added:topic.txt']);
  });

  it('refuses a stale expectedHeadSha with RefUpdateError and moves nothing', async () => {
    const before = (await repo.listCommits({ branch: 'main', limit: 1 })).commits[0]?.sha;
    const error = await repo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'stale',
        author: AUTHOR,
        expectedHeadSha: firstSha,
      })
      .addFileFromString('stale.txt', 'stale')
      .send()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefUpdateError);
    expect((error as RefUpdateError).reason).toBe('precondition_failed');
    const after = (await repo.listCommits({ branch: 'main', limit: 1 })).commits[0]?.sha;
    expect(after).toBe(before);
  });

  it('commits a diff with createCommitFromDiff', async () => {
    const tip = (await repo.listCommits({ branch: 'main', limit: 1 })).commits[0]?.sha as string;
    const patch = [
      'diff --git a/README.md b/README.md',
      '--- a/README.md',
      '+++ b/README.md',
      '@@ -1,3 +1,4 @@',
      ' # Hello',
      ' ',
      ' More.',
      '+Patched.',
      'diff --git a/added.txt b/added.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/added.txt',
      '@@ -0,0 +1 @@',
      '+added by patch',
      '',
    ].join('\n');
    const result = await repo.createCommitFromDiff({
      targetBranch: 'main',
      commitMessage: 'Apply patch',
      author: AUTHOR,
      diff: patch,
      expectedHeadSha: tip,
    });
    expect(result.refUpdate.oldSha).toBe(tip);
    const readme = await (await repo.getFileStream({ path: 'README.md' })).text();
    expect(readme).toBe('# Hello\n\nMore.\nPatched.\n');
    expect(await (await repo.getFileStream({ path: 'added.txt' })).text()).toBe('added by patch\n');

    const conflict = await repo
      .createCommitFromDiff({
        targetBranch: 'main',
        commitMessage: 'again',
        author: AUTHOR,
        diff: patch,
      })
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(RefUpdateError);
    expect((conflict as RefUpdateError).reason).toBe('conflict');
    expect((await repo.listCommits({ branch: 'main', limit: 1 })).commits[0]?.sha).toBe(
      result.commitSha,
    );
  });

  it('restores an old tree as a new commit', async () => {
    const tip = (await repo.listCommits({ branch: 'main', limit: 1 })).commits[0]?.sha as string;
    const restored = await repo.restoreCommit({
      targetBranch: 'main',
      targetCommitSha: firstSha,
      commitMessage: 'Roll back',
      author: AUTHOR,
      expectedHeadSha: tip,
    });
    expect(restored.refUpdate.oldSha).toBe(tip);
    const { commit } = await repo.getCommit({ sha: restored.commitSha });
    expect(commit.parentShas).toEqual([tip]);
    const files = await repo.listFiles();
    expect(files.paths).toEqual([
      'README.md',
      'assets/big.bin',
      'bin/run.sh',
      'docs/guide.md',
      'old/name.txt',
    ]);
  });
});

describe('git smart HTTP', () => {
  it('clones and pushes with the URL from getRemoteURL()', async () => {
    const repo = await sdk.createRepo({ id: 'conformance/git' });
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'via API', author: AUTHOR })
      .addFileFromString('hello.txt', 'hello\n')
      .send();
    const remote = (await repo.getRemoteURL()).replace(/^https:/, 'http:');
    const work = await mkdtemp(join(tmpdir(), 'gsk-clone-'));
    try {
      await git(['clone', '--quiet', remote, 'checkout'], work);
      const dir = join(work, 'checkout');
      expect(await readFile(join(dir, 'hello.txt'), 'utf8')).toBe('hello\n');
      await writeFile(join(dir, 'pushed.txt'), 'pushed\n');
      await git(['add', 'pushed.txt'], dir);
      await git(
        [
          '-c',
          'user.name=Pusher',
          '-c',
          'user.email=p@example.com',
          'commit',
          '-qm',
          'via git push',
        ],
        dir,
      );
      await git(['push', '--quiet', 'origin', 'main'], dir);
      const { commits } = await repo.listCommits({ branch: 'main', limit: 1 });
      expect(commits[0]?.message).toBe('via git push');
      expect(await (await repo.getFileStream({ path: 'pushed.txt' })).text()).toBe('pushed\n');

      const readOnly = (await repo.getRemoteURL({ permissions: ['git:read'] })).replace(
        /^https:/,
        'http:',
      );
      await git(['remote', 'set-url', 'origin', readOnly], dir);
      await git(
        [
          '-c',
          'user.name=P',
          '-c',
          'user.email=p@example.com',
          'commit',
          '--allow-empty',
          '-qm',
          'denied',
        ],
        dir,
      );
      await expect(git(['push', '--quiet', 'origin', 'main'], dir)).rejects.toThrow(/403/);
      const after = await repo.listCommits({ branch: 'main', limit: 1 });
      expect(after.commits[0]?.message).toBe('via git push');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('isolation from the host', () => {
  it('runs under the hostile global git config, and nothing of it reaches the server', async () => {
    // The whole suite runs with it (vitest setupFiles): prove it is in force here.
    const config = process.env.HOSTILE_GIT_CONFIG as string;
    expect(process.env.GIT_CONFIG_GLOBAL).toBe(config);
    expect(await readFile(config, 'utf8')).toMatch(/hooksPath[\s\S]*noprefix[\s\S]*gpgSign/);

    const repo = await sdk.createRepo({ id: 'conformance/isolated' });
    const first = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'one', author: AUTHOR })
      .addFileFromString('a.txt', 'one\n')
      .send();
    const second = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'two', author: AUTHOR })
      .addFileFromString('a.txt', 'two\n')
      .send();
    // Parsed output is git's default: prefixes, no colour, no signature lines in messages.
    const diff = await repo.getCommitDiff({ sha: second.commitSha });
    expect(diff.files[0]?.raw).toMatch(/^diff --git a\/a\.txt b\/a\.txt\n/);
    expect(diff.files[0]?.raw).not.toContain('\u001b[');
    const { commits } = await repo.listCommits({ branch: 'main' });
    expect(commits.map((c) => c.message)).toEqual(['two', 'one']);
    expect(commits[1]?.sha).toBe(first.commitSha);

    // A push runs only the server's own hook: no user hook leaves its marker or refuses it.
    const remote = (await repo.getRemoteURL()).replace(/^https:/, 'http:');
    const work = await mkdtemp(join(tmpdir(), 'gsk-isolated-'));
    try {
      await git(['clone', '--quiet', remote, 'checkout'], work);
      const dir = join(work, 'checkout');
      await writeFile(join(dir, 'b.txt'), 'pushed\n');
      await git(['add', 'b.txt'], dir);
      await git(['commit', '-qm', 'pushed'], dir);
      await git(['push', '--quiet', 'origin', 'main'], dir);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const after = await repo.listCommits({ branch: 'main', limit: 1 });
    expect(after.commits[0]?.message).toBe('pushed');
    await expect(readFile(process.env.HOSTILE_HOOK_MARKER as string, 'utf8')).rejects.toThrow(
      /ENOENT/,
    );
  });
});

describe('tags', () => {
  it('lists (paged), creates at a commit, peels annotated tags, deletes; refuses bad input, moving nothing', async () => {
    const repo = await sdk.createRepo({ id: 'conformance/tags' });
    const first = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'one', author: AUTHOR })
      .addFileFromString('a.txt', 'a\n')
      .send();
    const second = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'two', author: AUTHOR })
      .addFileFromString('a.txt', 'b\n')
      .send();
    expect(await repo.createTag({ name: 'v1.0.0', target: first.commitSha })).toMatchObject({
      name: 'v1.0.0',
      sha: first.commitSha,
    });
    await repo.createTag({ name: 'release/v2', target: second.commitSha });
    // An annotated tag, pushed with git: listed with the commit it names.
    const remote = (await repo.getRemoteURL()).replace(/^https:/, 'http:');
    const work = await mkdtemp(join(tmpdir(), 'gsk-tags-'));
    try {
      await git(['clone', '--quiet', remote, 'c'], work);
      const dir = join(work, 'c');
      await git(
        [
          '-c',
          'user.name=T',
          '-c',
          'user.email=t@e',
          'tag',
          '-a',
          'v0.9',
          '-m',
          'old',
          first.commitSha,
        ],
        dir,
      );
      await git(['push', '--quiet', 'origin', 'v0.9'], dir);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const page1 = await repo.listTags({ limit: 2 });
    expect(page1.tags.map((t) => [t.name, t.sha])).toEqual([
      ['release/v2', second.commitSha],
      ['v0.9', first.commitSha],
    ]);
    expect(page1.hasMore).toBe(true);
    const page2 = await repo.listTags({ limit: 2, cursor: page1.nextCursor as string });
    expect(page2).toMatchObject({
      tags: [{ name: 'v1.0.0', sha: first.commitSha }],
      hasMore: false,
    });

    // Bad input: a clear 4xx, and the tags are as they were.
    const token = await server.token('conformance/tags', ['git:read', 'git:write']);
    const post = (body: unknown) =>
      server.api('repos/tags', token, { method: 'POST', body: JSON.stringify(body) });
    for (const [body, status, text] of [
      [{ name: 'v1.0.0', target: second.commitSha }, 409, /already exists/],
      [{ name: '../evil', target: second.commitSha }, 400, /name: /],
      [{ name: '-f', target: second.commitSha }, 400, /starts with/],
      [{ name: 'ok', target: 'f'.repeat(40) }, 404, /not a commit/],
      [{ name: 'ok', target: '--all' }, 404, /not a commit/],
      [{ name: 'ok' }, 400, /target/],
    ] as const) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(await answer.json())).toMatch(text);
    }
    expect((await repo.listTags()).tags.map((t) => t.name)).toEqual([
      'release/v2',
      'v0.9',
      'v1.0.0',
    ]);

    expect(await repo.deleteTag({ name: 'v0.9' })).toMatchObject({ name: 'v0.9' });
    await expect(repo.deleteTag({ name: 'v0.9' })).rejects.toThrow(/not found/);
    expect((await repo.listTags()).tags.map((t) => t.name)).toEqual(['release/v2', 'v1.0.0']);
  });
});

describe('blame', () => {
  it('says who last changed each line, with ranges, and refuses bad input clearly', async () => {
    const repo = await sdk.createRepo({ id: 'conformance/blame' });
    const first = await repo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'three lines',
        author: { name: 'Ada', email: 'ada@example.com' },
      })
      .addFileFromString('src/a.txt', 'one\ntwo\nthree\n')
      .send();
    const second = await repo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'change the middle\n\nwith a body',
        author: { name: 'Grace', email: 'grace@example.com' },
      })
      .addFileFromString('src/a.txt', 'one\nTWO\nthree\n')
      .send();
    const result = await repo.getBlame({ path: 'src/a.txt' });
    expect(result).toMatchObject({ ref: 'main', path: 'src/a.txt', commitSha: second.commitSha });
    expect(
      result.lines.map((l) => [l.lineNumber, l.commitSha, l.authorName, l.authorEmail, l.summary]),
    ).toEqual([
      [1, first.commitSha, 'Ada', 'ada@example.com', 'three lines'],
      [2, second.commitSha, 'Grace', 'grace@example.com', 'change the middle'],
      [3, first.commitSha, 'Ada', 'ada@example.com', 'three lines'],
    ]);
    expect(result.lines[1]).toMatchObject({
      originalLineNumber: 2,
      originalPath: 'src/a.txt',
      previousCommitSha: first.commitSha,
    });
    expect(result.lines[0]?.previousCommitSha).toBeUndefined();
    expect(result.lines[0]?.authorTime.getTime()).not.toBeNaN();
    const ranged = await repo.getBlame({
      path: 'src/a.txt',
      ref: first.commitSha,
      ranges: ['2,3'],
      detectMoves: true,
    });
    expect(ranged.lines.map((l) => [l.lineNumber, l.commitSha])).toEqual([
      [2, first.commitSha],
      [3, first.commitSha],
    ]);
    const token = await server.token('conformance/blame', ['git:read']);
    for (const [query, status, text] of [
      ['path=missing.txt', 404, /not a file/],
      ['path=src', 404, /not a file/],
      ['path=src/a.txt&ref=nope', 404, /not found/],
      ['path=../etc/passwd', 400, /path: /],
      ['path=src/a.txt&range=9,20', 400, /blame: /],
      ['path=src/a.txt&range=--output=/tmp/x', 400, /blame: /],
    ] as const) {
      const answer = await server.api(`repos/blame?${query}`, token);
      expect(answer.status, query).toBe(status);
      expect((await answer.json()).error, query).toMatch(text);
    }
  });
});

describe('grep', () => {
  it('finds lines by regular expression, with case, globs, context, limits and pages', async () => {
    const repo = await sdk.createRepo({ id: 'conformance/grep' });
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'files', author: AUTHOR })
      .addFileFromString('README.md', '# Title\nTODO: write docs\nDone.\n')
      .addFileFromString('src/a.ts', 'const a = 1; // todo later\nexport { a };\n')
      .addFileFromString('src/b.ts', 'export const b = 2;\n// TODO: b\n')
      .addFileFromString('src/deep/c.js', '// TODO c\n')
      .addFile('bin.dat', new Uint8Array([84, 79, 68, 79, 0, 1]))
      .send();
    const sensitive = await repo.grep({ query: { pattern: 'TODO', caseSensitive: true } });
    expect(sensitive.matches.map((m) => m.path)).toEqual([
      'README.md',
      'src/b.ts',
      'src/deep/c.js',
    ]);
    expect(sensitive.matches[0]?.lines).toEqual([
      { lineNumber: 2, text: 'TODO: write docs', type: 'match' },
    ]);
    expect(sensitive.repo.ref).toBe('main');
    const lower = await repo.grep({ query: { pattern: 'todo', caseSensitive: true } });
    expect(lower.matches.map((m) => m.path)).toEqual(['src/a.ts']);
    const anyCase = await repo.grep({ query: { pattern: 'todo', caseSensitive: false } });
    expect(anyCase.matches).toHaveLength(4);
    const onlyReadme = await repo.grep({
      query: { pattern: 'TODO' },
      fileFilters: { includeGlobs: ['README.md'] },
    });
    expect(onlyReadme.matches.map((m) => m.path)).toEqual(['README.md']);
    const globbed = await repo.grep({
      query: { pattern: 'TODO', caseSensitive: false },
      fileFilters: { includeGlobs: ['src/**'], excludeGlobs: ['*.js'], extensionFilters: ['ts'] },
    });
    expect(globbed.matches.map((m) => m.path)).toEqual(['src/a.ts', 'src/b.ts']);
    const withContext = await repo.grep({
      query: { pattern: '^TODO' },
      context: { before: 1, after: 1 },
      paths: ['README.md'],
    });
    expect(withContext.matches[0]?.lines.map((l) => [l.lineNumber, l.type])).toEqual([
      [1, 'context'],
      [2, 'match'],
      [3, 'context'],
    ]);
    const page1 = await repo.grep({
      query: { pattern: 'TODO', caseSensitive: false },
      pagination: { limit: 2 },
    });
    expect(page1.matches.map((m) => m.path)).toEqual(['README.md', 'src/a.ts']);
    expect(page1.hasMore).toBe(true);
    const page2 = await repo.grep({
      query: { pattern: 'TODO', caseSensitive: false },
      pagination: { limit: 2, cursor: page1.nextCursor as string },
    });
    expect(page2.matches.map((m) => m.path)).toEqual(['src/b.ts', 'src/deep/c.js']);
    expect(page2.hasMore).toBe(false);
    // Data, never options or pathspec magic: a pattern like an option, a magic path.
    const dashed = await repo.grep({ query: { pattern: '--help' } });
    expect(dashed.matches).toEqual([]);
    const token = await server.token('conformance/grep', ['git:read']);
    const post = (body: unknown) =>
      server.api('repos/grep', token, { method: 'POST', body: JSON.stringify(body) });
    for (const [body, status, text] of [
      [{ query: { pattern: '(' } }, 400, /query\.pattern/],
      [{ query: {} }, 400, /pattern/],
      [{ query: { pattern: 'x' }, paths: [':(glob)**'] }, 200, /"matches":\[\]/],
      [{ query: { pattern: 'x' }, paths: ['../x'] }, 400, /paths/],
      [{ query: { pattern: 'x' }, ref: 'nope' }, 404, /not found/],
      [{ query: { pattern: 'x' }, context: { before: -1 } }, 400, /whole number/],
    ] as const) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(await answer.json()), JSON.stringify(body)).toMatch(text);
    }
  });
});

describe('notes', () => {
  it('adds, reads, appends, lists and deletes notes, guarded by expected_ref_sha', async () => {
    const repo = await sdk.createRepo({ id: 'conformance/notes' });
    const { commitSha } = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'first', author: AUTHOR })
      .addFileFromString('a.txt', 'a\n')
      .send();
    await expect(repo.getNote({ sha: commitSha })).rejects.toThrow(/no note/);
    const added = await repo.createNote({
      sha: commitSha,
      note: 'Reviewed-by: Ada',
      author: { name: 'Ada', email: 'ada@example.com' },
    });
    expect(added).toMatchObject({
      sha: commitSha,
      targetRef: 'refs/notes/commits',
      result: { success: true, status: 'ok' },
    });
    expect(added.baseCommit).toBeUndefined();
    expect(await repo.getNote({ sha: commitSha })).toEqual({
      sha: commitSha,
      note: 'Reviewed-by: Ada',
      refSha: added.newRefSha,
    });
    // The notes commit is by the author given; git itself reads the note the same way.
    const gitDir = server.gitDir('conformance/notes');
    const inRepo = (...args: string[]) => git(['--git-dir', gitDir, ...args]);
    expect(await inRepo('log', '-1', '--format=%an <%ae>', 'refs/notes/commits')).toBe(
      'Ada <ada@example.com>',
    );
    expect(await inRepo('notes', 'show', commitSha)).toBe('Reviewed-by: Ada');

    await expect(repo.createNote({ sha: commitSha, note: 'again' })).rejects.toThrow(
      /already has a note/,
    );
    const appended = await repo.appendNote({
      sha: commitSha,
      note: 'Tested-by: Grace',
      expectedRefSha: added.newRefSha,
    });
    expect(appended.baseCommit).toBe(added.newRefSha);
    expect((await repo.getNote({ sha: commitSha })).note).toBe(
      'Reviewed-by: Ada\n\nTested-by: Grace',
    );
    // A stale guard: a typed ref-update failure, and the notes ref does not move.
    const stale = await repo
      .appendNote({ sha: commitSha, note: 'late', expectedRefSha: added.newRefSha })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(RefUpdateError);
    expect((stale as RefUpdateError).status).toBe('precondition_failed');
    expect(await inRepo('rev-parse', 'refs/notes/commits')).toBe(appended.newRefSha);

    // Custom notes refs: bare, `notes/…` and full names; listed by prefix.
    await repo.createNote({ sha: commitSha, note: 'ok', ref: 'reviews/ci' });
    await repo.createNote({ sha: commitSha, note: 'lgtm', ref: 'notes/reviews/people' });
    expect((await repo.getNote({ sha: commitSha, ref: 'refs/notes/reviews/ci' })).note).toBe('ok');
    const all = await repo.listNotesRefs();
    expect(all.prefix).toBe('refs/notes/');
    expect(all.refs.map((r) => r.ref)).toEqual([
      'refs/notes/commits',
      'refs/notes/reviews/ci',
      'refs/notes/reviews/people',
    ]);
    const reviews = await repo.listNotesRefs({ prefix: 'reviews/', limit: 1 });
    expect(reviews).toMatchObject({ prefix: 'refs/notes/reviews/', hasMore: true });
    expect(reviews.refs.map((r) => r.ref)).toEqual(['refs/notes/reviews/ci']);
    const next = await repo.listNotesRefs({ prefix: 'reviews/', cursor: reviews.nextCursor });
    expect(next.refs.map((r) => r.ref)).toEqual(['refs/notes/reviews/people']);

    const deleted = await repo.deleteNote({ sha: commitSha });
    expect(deleted.result.success).toBe(true);
    await expect(repo.getNote({ sha: commitSha })).rejects.toThrow(/no note/);
    await expect(repo.deleteNote({ sha: commitSha })).rejects.toThrow(/has no note/);

    // Bad input: clear 4xx, nothing moved.
    const before = await inRepo('for-each-ref');
    const token = await server.token('conformance/notes', ['git:write']);
    for (const [body, status, text] of [
      [{ sha: commitSha, action: 'add' }, 400, /"note" is required/],
      [{ sha: commitSha, action: 'replace', note: 'x' }, 400, /"action"/],
      [{ sha: 'nope', action: 'add', note: 'x' }, 404, /not a commit/],
      [{ sha: commitSha, action: 'add', note: 'x', ref: '../heads/main' }, 400, /ref/],
      [{ sha: commitSha, action: 'add', note: 'x', ref: 'refs/heads/main' }, 400, /refs\/notes/],
      [{ sha: commitSha, action: 'add', note: 'x', ref: '--output=x' }, 400, /ref/],
      [{ sha: commitSha, action: 'add', note: 'x', expected_ref_sha: 'abc' }, 400, /full SHA/],
      [{ sha: commitSha, action: 'add', note: 'x', author: { name: 'A' } }, 400, /author/],
    ] as const) {
      const answer = await server.api('repos/notes', token, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect((await answer.json()).error, JSON.stringify(body)).toMatch(text);
    }
    expect(await inRepo('for-each-ref')).toBe(before);
    // A read token cannot write notes.
    const reader = await server.token('conformance/notes', ['git:read']);
    const refused = await server.api('repos/notes', reader, {
      method: 'POST',
      body: JSON.stringify({ sha: commitSha, action: 'add', note: 'x' }),
    });
    expect(refused.status).toBe(403);
  });
});

describe('merge', () => {
  it('previews and merges: fast-forward, merge commit, squash, conflicts, guards', async () => {
    const repo = await sdk.createRepo({ id: 'conformance/merge' });
    const gitDir = server.gitDir('conformance/merge');
    const inRepo = (...args: string[]) => git(['--git-dir', gitDir, ...args]);
    const commit = (branch: string, files: Record<string, string>, message = 'change') => {
      let builder = repo.createCommit({
        targetBranch: branch,
        commitMessage: message,
        author: AUTHOR,
      });
      for (const [path, text] of Object.entries(files))
        builder = builder.addFileFromString(path, text);
      return builder.send();
    };
    const base = await commit('main', { 'f.txt': 'a\nb\nc\n', 'keep.txt': 'keep\n' }, 'base');
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'feature' });
    const feature = await commit('feature', { 'n.txt': 'new\n' });

    const ffPreview = await repo.previewMerge({ sourceBranch: 'feature', targetBranch: 'main' });
    expect(ffPreview).toMatchObject({
      status: 'clean',
      result: 'fast_forward',
      sourceTipSha: feature.commitSha,
      targetTipSha: base.commitSha,
      mergeBaseSha: base.commitSha,
      conflictPaths: [],
    });
    const ff = await repo.merge({
      sourceBranch: 'feature',
      targetBranch: 'main',
      strategy: 'ff_prefer',
    });
    expect(ff).toMatchObject({
      result: 'fast_forward',
      commitSha: feature.commitSha,
      promotedCommits: 1,
      source: { branch: 'feature', ephemeral: false, sha: feature.commitSha },
      target: { branch: 'main', oldSha: base.commitSha, newSha: feature.commitSha },
    });
    expect(await inRepo('rev-parse', 'main')).toBe(feature.commitSha);
    expect(
      (await repo.previewMerge({ sourceBranch: 'feature', targetBranch: 'main' })).result,
    ).toBe('no_op');
    expect(
      (await repo.merge({ sourceBranch: 'feature', targetBranch: 'main', strategy: 'merge' }))
        .result,
    ).toBe('no_op');

    // Diverged, touching the same line: a conflicted preview with contents; the merge is a 409.
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'right' });
    const left = await commit('main', { 'f.txt': 'a\nLEFT\nc\n' });
    await commit('right', { 'f.txt': 'a\nRIGHT\nc\n' });
    const conflicted = await repo.previewMerge({
      sourceBranch: 'right',
      targetBranch: 'main',
      includeContent: true,
    });
    expect(conflicted).toMatchObject({
      status: 'conflicted',
      result: 'merge_commit',
      conflictPaths: ['f.txt'],
    });
    const [conflict] = conflicted.conflicts;
    expect(conflict?.base.content).toBe('a\nb\nc\n');
    expect(conflict?.ours.content).toBe('a\nLEFT\nc\n');
    expect(conflict?.theirs.content).toBe('a\nRIGHT\nc\n');
    expect(conflict?.result.content).toMatch(
      /<<<<<<<[\s\S]*LEFT[\s\S]*=======[\s\S]*RIGHT[\s\S]*>>>>>>>/,
    );
    const withoutContent = await repo.previewMerge({ sourceBranch: 'right', targetBranch: 'main' });
    expect(withoutContent.conflicts[0]?.ours).toEqual({
      oid: conflict?.ours.oid,
      truncated: false,
      binary: false,
    });
    const refusal = await repo
      .merge({ sourceBranch: 'right', targetBranch: 'main', strategy: 'merge' })
      .catch((e: unknown) => e as { status: number; body: { conflict_paths: string[] } });
    expect(refusal).toMatchObject({ status: 409, body: { conflict_paths: ['f.txt'] } });
    expect(await inRepo('rev-parse', 'main')).toBe(left.commitSha);
    await expect(
      repo.merge({ sourceBranch: 'right', targetBranch: 'main', strategy: 'ff_only' }),
    ).rejects.toThrow(/cannot be fast-forwarded/);

    // Diverged cleanly: a merge commit with both parents, by the author given.
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'docs' });
    const docs = await commit('docs', { 'docs.md': 'docs\n' });
    const other = await commit('main', { 'other.txt': 'other\n' });
    await expect(
      repo.merge({
        sourceBranch: 'docs',
        targetBranch: 'main',
        strategy: 'merge',
        expectedTargetSha: left.commitSha,
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await inRepo('rev-parse', 'main')).toBe(other.commitSha);
    const merged = await repo.merge({
      sourceBranch: 'docs',
      targetBranch: 'main',
      strategy: 'merge',
      expectedTargetSha: other.commitSha,
      commitMessage: 'Merge the docs',
      author: { name: 'Ada', email: 'ada@example.com' },
    });
    expect(merged).toMatchObject({
      result: 'merge_commit',
      promotedCommits: 1,
      mergeBaseSha: left.commitSha,
    });
    expect(await inRepo('log', '-1', '--format=%P|%an|%s', merged.commitSha)).toBe(
      `${other.commitSha} ${docs.commitSha}|Ada|Merge the docs`,
    );
    expect(await inRepo('rev-parse', `${merged.commitSha}^{tree}`)).toBe(merged.treeSha);
    expect(await inRepo('show', 'main:docs.md')).toBe('docs');

    // Squash: one commit whose only parent is the target tip.
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'squashed' });
    await commit('squashed', { 's1.txt': '1\n' });
    await commit('squashed', { 's2.txt': '2\n' });
    const squash = await repo.merge({
      sourceBranch: 'squashed',
      targetBranch: 'main',
      strategy: 'merge',
      squash: true,
    });
    expect(squash).toMatchObject({ result: 'squash', promotedCommits: 2 });
    expect(await inRepo('log', '-1', '--format=%P', squash.commitSha)).toBe(merged.commitSha);
    expect(await inRepo('ls-tree', '--name-only', 'main')).toMatch(/s1\.txt\ns2\.txt/);

    // Unrelated histories: refused unless allowed.
    const emptyTree = await inRepo('hash-object', '-t', 'tree', '/dev/null');
    const orphan = await inRepo('commit-tree', emptyTree, '-m', 'orphan');
    await inRepo('update-ref', 'refs/heads/orphan', orphan);
    await expect(
      repo.merge({ sourceBranch: 'orphan', targetBranch: 'main', strategy: 'merge' }),
    ).rejects.toThrow(/unrelated histories/);
    const unrelated = await repo.merge({
      sourceBranch: 'orphan',
      targetBranch: 'main',
      strategy: 'merge',
      allowUnrelatedHistories: true,
    });
    expect(unrelated.result).toBe('merge_commit');
    expect(unrelated.mergeBaseSha).toBeUndefined();

    // Bad input: a clear 4xx, nothing moved.
    const before = await inRepo('for-each-ref');
    const token = await server.token('conformance/merge', ['git:write']);
    const ok = { source_branch: 'docs', target_branch: 'main', strategy: 'merge' };
    for (const [body, status, text] of [
      [{ ...ok, strategy: 'octopus' }, 400, /strategy/],
      [{ ...ok, strategy: 'ff_only', squash: true }, 400, /squash/],
      [{ ...ok, source_branch: '../x' }, 400, /source_branch/],
      [{ ...ok, source_branch: '--output=x' }, 400, /source_branch/],
      [{ ...ok, source_branch: 'nope' }, 404, /not found/],
      [{ ...ok, expected_target_sha: 'abc' }, 400, /full SHA/],
      [{ ...ok, author: { name: 'A' } }, 400, /author/],
      [{ ...ok, target_is_ephemeral: 'yes' }, 400, /true or false/],
    ] as const) {
      const answer = await server.api('repos/merge', token, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect((await answer.json()).error, JSON.stringify(body)).toMatch(text);
    }
    const reader = await server.token('conformance/merge', ['git:read']);
    expect(
      (await server.api('repos/merge', reader, { method: 'POST', body: JSON.stringify(ok) }))
        .status,
    ).toBe(403);
    expect(
      (await server.api('repos/merge/preview?source_branch=docs&target_branch=..', reader)).status,
    ).toBe(400);
    expect(await inRepo('for-each-ref')).toBe(before);
  });
});

describe('archive', () => {
  it('streams a tar.gz of a ref, with a prefix, globs and a blob size limit', async () => {
    const repo = await sdk.createRepo({ id: 'conformance/archive' });
    const first = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'files', author: AUTHOR })
      .addFileFromString('README.md', '# Title\n')
      .addFileFromString('src/a.ts', 'export const a = 1;\n')
      .addFileFromString('src/deep/b.ts', 'export const b = 2;\n')
      .addFileFromString('src/notes.md', 'notes\n')
      .addFileFromString('bin/run.sh', '#!/bin/sh\necho hi\n', { mode: '100755' })
      .addFile('assets/big.bin', randomBytesSeeded(300_000, 3))
      .send();
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'later', author: AUTHOR })
      .addFileFromString('later.txt', 'later\n')
      .send();
    const dir = await mkdtemp(join(tmpdir(), 'gsk-archive-'));
    const list = async (response: Response, verbose = false) => {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/gzip');
      const file = join(dir, 'a.tar.gz');
      await writeFile(file, await bytesOf(response));
      const out = await run('tar', [verbose ? '-tvzf' : '-tzf', file]);
      return out.split('\n').filter((l) => l && !l.endsWith('/'));
    };
    try {
      expect(await list(await repo.getArchiveStream())).toEqual([
        'README.md',
        'assets/big.bin',
        'bin/run.sh',
        'later.txt',
        'src/a.ts',
        'src/deep/b.ts',
        'src/notes.md',
      ]);
      // An older commit, under a prefix; the executable bit survives.
      const old = await list(
        await repo.getArchiveStream({ ref: first.commitSha, archivePrefix: 'project-v1' }),
        true,
      );
      expect(old.map((l) => l.split(/\s+/).at(-1))).toEqual([
        'project-v1/README.md',
        'project-v1/assets/big.bin',
        'project-v1/bin/run.sh',
        'project-v1/src/a.ts',
        'project-v1/src/deep/b.ts',
        'project-v1/src/notes.md',
      ]);
      expect(old.find((l) => l.endsWith('run.sh'))).toMatch(/^-rwxrw?xr-x /);
      expect(old.find((l) => l.endsWith('a.ts'))).toMatch(/^-rw-rw?-r-- /);
      expect(
        await list(
          await repo.getArchiveStream({
            includeGlobs: ['src/**', '*.bin', 'README.md'],
            excludeGlobs: ['*.md'],
            maxBlobSize: 100_000,
          }),
        ),
      ).toEqual(['src/a.ts', 'src/deep/b.ts']);
      // The bytes are the repository's.
      const whole = await repo.getArchiveStream({ includeGlobs: ['assets/big.bin'] });
      await writeFile(join(dir, 'b.tar.gz'), await bytesOf(whole));
      await run('tar', ['-xzf', join(dir, 'b.tar.gz'), '-C', dir]);
      expect(
        (await readFile(join(dir, 'assets/big.bin'))).equals(randomBytesSeeded(300_000, 3)),
      ).toBe(true);

      const token = await server.token('conformance/archive', ['git:read']);
      for (const [body, status, text] of [
        [{ ref: 'nope' }, 404, /not found/],
        [{ include_globs: 'src/**' }, 400, /include_globs/],
        [{ exclude_globs: [''] }, 400, /exclude_globs/],
        [{ max_blob_size: -1 }, 400, /max_blob_size/],
        [{ archive: { prefix: '../up' } }, 400, /archive\.prefix/],
        [{ archive: { prefix: '/etc' } }, 400, /archive\.prefix/],
        [{ ref: '--output=/tmp/x' }, 404, /not found/],
      ] as const) {
        const answer = await server.api('repos/archive', token, {
          method: 'POST',
          body: JSON.stringify(body),
        });
        expect(answer.status, JSON.stringify(body)).toBe(status);
        expect((await answer.json()).error, JSON.stringify(body)).toMatch(text);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('merge preview contents', () => {
  it('bounds each conflicted side (256 KiB) and says it was truncated', async () => {
    const repo = await sdk.createRepo({ id: 'conformance/merge-big' });
    const line = (c: string) => `${c.repeat(99)}\n`;
    const big = (c: string) => line('a').repeat(1500) + line(c) + line('z').repeat(1500); // ~300 KB
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'base', author: AUTHOR })
      .addFileFromString('big.txt', big('b'))
      .send();
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'other' });
    for (const [branch, c] of [
      ['main', 'm'],
      ['other', 'o'],
    ] as const) {
      await repo
        .createCommit({ targetBranch: branch, commitMessage: c, author: AUTHOR })
        .addFileFromString('big.txt', big(c))
        .send();
    }
    const preview = await repo.previewMerge({
      sourceBranch: 'other',
      targetBranch: 'main',
      includeContent: true,
    });
    const [conflict] = preview.conflicts;
    for (const side of ['base', 'ours', 'theirs', 'result'] as const) {
      expect(conflict?.[side].truncated, side).toBe(true);
      expect(conflict?.[side].content?.length, side).toBe(256 * 1024);
    }
    expect(conflict?.ours.content?.startsWith(line('a'))).toBe(true);
  });
});

describe('ephemeral branches', () => {
  it('keeps a second branch namespace: commits, reads, the +ephemeral remote, promotion, merge', async () => {
    const repo = await sdk.createRepo({ id: 'conformance/ephemeral' });
    const base = await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'base', author: AUTHOR })
      .addFileFromString('README.md', '# base\n')
      .send();
    const draft = await repo
      .createCommit({
        targetBranch: 'attempt/1',
        baseBranch: 'main',
        ephemeral: true,
        commitMessage: 'draft',
        author: AUTHOR,
      })
      .addFileFromString('work.txt', 'draft work\n')
      .send();
    expect(draft.refUpdate.oldSha).toBe('0'.repeat(40));
    expect((await repo.listBranches()).branches.map((b) => b.name)).toEqual(['main']);
    expect(
      (await repo.listBranches({ ephemeral: true })).branches.map((b) => [b.name, b.headSha]),
    ).toEqual([['attempt/1', draft.commitSha]]);
    const file = await repo.getFileStream({ path: 'work.txt', ref: 'attempt/1', ephemeral: true });
    expect(await file.text()).toBe('draft work\n');
    await expect(repo.getFileStream({ path: 'work.txt', ref: 'attempt/1' })).rejects.toThrow();
    expect((await repo.listFiles({ ref: 'attempt/1', ephemeral: true })).paths).toEqual([
      'README.md',
      'work.txt',
    ]);
    expect(
      (await repo.listCommits({ branch: 'attempt/1', ephemeral: true })).commits.map((c) => c.sha),
    ).toEqual([draft.commitSha, base.commitSha]);
    expect(
      (await repo.getBlame({ path: 'work.txt', ref: 'attempt/1', ephemeral: true })).lines[0]
        ?.commitSha,
    ).toBe(draft.commitSha);
    expect(
      (
        await repo.grep({ ref: 'attempt/1', ephemeral: true, query: { pattern: 'draft' } })
      ).matches.map((m) => m.path),
    ).toEqual(['work.txt']);
    expect(
      (await repo.getBranchDiff({ branch: 'attempt/1', base: 'main', ephemeral: true })).files.map(
        (f) => f.path,
      ),
    ).toEqual(['work.txt']);

    // The +ephemeral remote shows only ephemeral branches, as refs/heads/*; pushes land there.
    const remote = (await repo.getEphemeralRemoteURL()).replace(/^https:/, 'http:');
    expect(remote).toMatch(/conformance\/ephemeral\+ephemeral\.git$/);
    expect(await git(['ls-remote', '--heads', remote])).toBe(
      `${draft.commitSha}\trefs/heads/attempt/1`,
    );
    const work = await mkdtemp(join(tmpdir(), 'gsk-ephemeral-'));
    try {
      await git(['clone', '-q', '-b', 'attempt/1', remote, work]);
      await git(['-C', work, 'commit', '-q', '--allow-empty', '-m', 'pushed to ephemeral']);
      await git(['-C', work, 'push', '-q', 'origin', 'HEAD:attempt/1']);
      const pushed = await git(['-C', work, 'rev-parse', 'HEAD']);
      expect((await repo.listBranches({ ephemeral: true })).branches[0]?.headSha).toBe(pushed);
      const normalRemote = (await repo.getRemoteURL()).replace(/^https:/, 'http:');
      expect(await git(['ls-remote', '--heads', normalRemote])).toBe(
        `${base.commitSha}\trefs/heads/main`,
      );

      // Promotion: a normal branch from the ephemeral one; then a merge from the ephemeral side.
      const promoted = await repo.createBranch({
        baseBranch: 'attempt/1',
        baseIsEphemeral: true,
        targetBranch: 'feature/promoted',
      });
      expect(promoted).toMatchObject({ targetIsEphemeral: false, commitSha: pushed });
      const merged = await repo.merge({
        sourceBranch: 'attempt/1',
        sourceIsEphemeral: true,
        targetBranch: 'main',
        strategy: 'ff_prefer',
      });
      expect(merged).toMatchObject({
        result: 'fast_forward',
        source: { ephemeral: true, sha: pushed },
        target: { ephemeral: false, newSha: pushed },
      });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    // Ephemeral branches are deleted in their namespace; "main" there is not the default branch.
    await repo.createBranch({ baseBranch: 'main', targetBranch: 'main', targetIsEphemeral: true });
    expect(await repo.deleteBranch({ name: 'main', ephemeral: true })).toMatchObject({
      ephemeral: true,
    });
    expect(await repo.deleteBranch({ name: 'attempt/1', ephemeral: true })).toMatchObject({
      ephemeral: true,
    });
    expect((await repo.listBranches({ ephemeral: true })).branches).toEqual([]);
    expect((await repo.listBranches()).branches.map((b) => b.name)).toEqual([
      'feature/promoted',
      'main',
    ]);
  });
});

describe('forks and their upstream', () => {
  it('forks a repository, pulls its new commits (fast-forward only) and detaches', async () => {
    const source = await sdk.createRepo({ id: 'conformance/upstream', defaultBranch: 'trunk' });
    const first = await source
      .createCommit({ targetBranch: 'trunk', commitMessage: 'one', author: AUTHOR })
      .addFileFromString('a.txt', 'a\n')
      .send();
    await source.createBranch({ baseBranch: 'trunk', targetBranch: 'dev' });
    await source.createTag({ name: 'v1', target: first.commitSha });

    const fork = await sdk.createRepo({
      id: 'conformance/fork',
      baseRepo: { id: 'conformance/upstream' },
    });
    const found = await sdk.findOne({ id: 'conformance/fork' });
    expect(found?.defaultBranch).toBe('trunk');
    expect((await fork.listBranches()).branches.map((b) => [b.name, b.headSha])).toEqual([
      ['dev', first.commitSha],
      ['trunk', first.commitSha],
    ]);
    expect((await fork.listTags()).tags.map((t) => t.name)).toEqual(['v1']);
    const listed = await sdk.listRepos();
    expect(listed.repos.find((r) => r.repoId === 'conformance/fork')?.baseRepo).toEqual({
      provider: 'code',
      owner: ORG,
      name: 'conformance/upstream',
    });

    // The source moves on; the fork's own work on dev keeps dev from being fast-forwarded.
    const second = await source
      .createCommit({ targetBranch: 'trunk', commitMessage: 'two', author: AUTHOR })
      .addFileFromString('b.txt', 'b\n')
      .send();
    await source
      .createCommit({ targetBranch: 'dev', commitMessage: 'upstream dev', author: AUTHOR })
      .addFileFromString('dev.txt', 'up\n')
      .send();
    const forkDev = await fork
      .createCommit({ targetBranch: 'dev', commitMessage: 'fork dev', author: AUTHOR })
      .addFileFromString('dev.txt', 'fork\n')
      .send();
    await fork.pullUpstream();
    expect((await fork.listBranches()).branches.map((b) => [b.name, b.headSha])).toEqual([
      ['dev', forkDev.commitSha],
      ['trunk', second.commitSha],
    ]);
    const token = await server.token('conformance/fork', ['git:write']);
    const pulled = await server.api('repos/pull-upstream', token, { method: 'POST', body: '{}' });
    expect(pulled.status).toBe(202);
    expect(await pulled.json()).toMatchObject({
      updated: [],
      skipped: [{ branch: 'dev', reason: expect.stringMatching(/not a fast-forward/) }],
    });

    // Forked at one commit: only the default branch, there.
    const pinned = await sdk.createRepo({
      id: 'conformance/pinned',
      baseRepo: { id: 'conformance/upstream', sha: first.commitSha },
    });
    expect((await pinned.listBranches()).branches.map((b) => [b.name, b.headSha])).toEqual([
      ['trunk', first.commitSha],
    ]);
    await pinned.pullUpstream({ ref: 'trunk' });
    expect((await pinned.listBranches()).branches[0]?.headSha).toBe(second.commitSha);

    // Detached: no upstream any more.
    const detach = await server.api('repos/base', token, { method: 'DELETE' });
    expect(detach.status).toBe(200);
    await expect(fork.pullUpstream()).rejects.toThrow(/has no upstream/);
    expect(
      (await sdk.listRepos()).repos.find((r) => r.repoId === 'conformance/fork')?.baseRepo,
    ).toBeUndefined();
  });

  it('makes a snapshot: one root commit with the source tree, none of its history', async () => {
    // Snapshots are in the newer SDKs only (PROTOCOL.md §7.1.1): the request is written out here.
    const source = await sdk.createRepo({ id: 'conformance/snap-source' });
    await source
      .createCommit({ targetBranch: 'main', commitMessage: 'one', author: AUTHOR })
      .addFileFromString('a.txt', 'a\n')
      .send();
    const tip = await source
      .createCommit({ targetBranch: 'main', commitMessage: 'two', author: AUTHOR })
      .addFileFromString('b.txt', 'b\n')
      .send();
    const create = await server.token('conformance/snap', ['repo:write']);
    const read = await server.token('conformance/snap-source', ['git:read']);
    const request = (body: Record<string, unknown>) =>
      server.api('repos', create, { method: 'POST', body: JSON.stringify(body) });
    const base = {
      provider: 'code.storage',
      name: 'conformance/snap-source',
      operation: 'snapshot',
      ref: 'main',
      auth: { token: read },
    };
    const initial = {
      message: 'Start from the template',
      author: { name: 'Ada', email: 'ada@example.com' },
    };
    expect((await request({ base_repo: base })).status).toBe(400); // no initial_commit
    expect(
      (await request({ base_repo: { ...base, ref: undefined }, initial_commit: initial })).status,
    ).toBe(400);
    expect(await sdk.findOne({ id: 'conformance/snap' })).toBeNull();
    expect((await request({ base_repo: base, initial_commit: initial })).status).toBe(201);

    const snap = sdk.repo({ id: 'conformance/snap' });
    const { commits } = await snap.listCommits();
    expect(commits).toHaveLength(1);
    expect(commits[0]).toMatchObject({
      parentShas: [],
      message: 'Start from the template',
      authorName: 'Ada',
    });
    expect((await snap.listFiles()).paths).toEqual(['a.txt', 'b.txt']);
    const gitDir = server.gitDir('conformance/snap');
    expect(await git(['--git-dir', gitDir, 'rev-parse', 'main^{tree}'])).toBe(
      await git([
        '--git-dir',
        server.gitDir('conformance/snap-source'),
        'rev-parse',
        'main^{tree}',
      ]),
    );
    // The source's commits did not come along: not even by SHA.
    await expect(snap.getCommit({ sha: tip.commitSha })).rejects.toThrow(/not found/);
    await expect(git(['--git-dir', gitDir, 'cat-file', '-e', tip.commitSha])).rejects.toThrow();
    expect(
      await sdk
        .listRepos()
        .then((r) => r.repos.find((x) => x.repoId === 'conformance/snap')?.baseRepo),
    ).toBeUndefined();
  });

  it('refuses bad forks clearly, creating nothing; network bases say there is no network', async () => {
    const started = Date.now();
    await expect(
      sdk.createRepo({ id: 'conformance/gh', baseRepo: { owner: 'octocat', name: 'hello' } }),
    ).rejects.toThrow(/needs network access/);
    expect(Date.now() - started).toBeLessThan(10_000); // an answer, not a hang
    await expect(
      sdk.createRepo({
        id: 'conformance/gl',
        baseRepo: { provider: 'gitlab', owner: 'a', name: 'b' },
      }),
    ).rejects.toThrow(/needs network access/);
    await expect(
      sdk.createRepo({ id: 'conformance/f1', baseRepo: { id: 'conformance/none' } }),
    ).rejects.toThrow(/not found/);
    await sdk.createRepo({ id: 'conformance/src2' });
    await expect(
      sdk.createRepo({
        id: 'conformance/f2',
        baseRepo: { id: 'conformance/src2', sha: '1'.repeat(40) },
      }),
    ).rejects.toThrow(/not found/);
    // The nested token is verified: one for another repository, or forged, is refused.
    const create = await server.token('conformance/f3', ['repo:write']);
    const wrong = await server.token('conformance/other', ['git:read']);
    for (const [token, status] of [
      [wrong, 403],
      ['not.a.jwt', 401],
    ] as const) {
      const answer = await server.api('repos', create, {
        method: 'POST',
        body: JSON.stringify({
          base_repo: {
            provider: 'code',
            operation: 'fork',
            name: 'conformance/src2',
            auth: { token },
          },
        }),
      });
      expect(answer.status).toBe(status);
    }
    for (const id of [
      'conformance/gh',
      'conformance/gl',
      'conformance/f1',
      'conformance/f2',
      'conformance/f3',
    ]) {
      expect(await sdk.findOne({ id })).toBeNull();
    }
    const plain = sdk.repo({ id: 'conformance/src2' });
    await expect(plain.pullUpstream()).rejects.toThrow(/has no upstream/);
  });
});

describe('git credentials', () => {
  it('creates, updates and deletes a credential; stored encrypted, never returned', async () => {
    await sdk.createRepo({ id: 'conformance/synced' });
    const created = await sdk.createGitCredential({
      repoId: 'conformance/synced',
      username: 'bot',
      password: 'hunter2-secret',
    });
    expect(created.id).toMatch(/^cred_[0-9a-f]{32}$/);
    await expect(
      sdk.createGitCredential({ repoId: 'conformance/synced', password: 'x' }),
    ).rejects.toThrow('A credential already exists for this repository');
    const updated = await sdk.updateGitCredential({ id: created.id, password: 'new-secret' });
    expect(updated.id).toBe(created.id);
    expect(updated.createdAt).toMatch(/^\d{4}-/);
    // At rest: no plain text anywhere in the data dir; the server can open it.
    const files = await run('grep', [
      '-rl',
      '-e',
      'new-secret',
      '-e',
      'hunter2',
      server.dataDir,
    ]).catch(() => '');
    expect(files).toBe('');
    await sdk.deleteGitCredential({ id: created.id });
    await expect(sdk.deleteGitCredential({ id: created.id })).rejects.toThrow(
      'Credential not found',
    );
    await expect(sdk.updateGitCredential({ id: created.id, password: 'x' })).rejects.toThrow(
      'Credential not found',
    );
    // A token for another repository cannot add one here; a missing password is a 400.
    const other = await server.token('conformance/other', ['repo:write']);
    const post = (token: string, body: unknown) =>
      server.api('repos/git-credentials', token, { method: 'POST', body: JSON.stringify(body) });
    expect((await post(other, { repo_id: 'conformance/synced', password: 'x' })).status).toBe(403);
    const own = await server.token('conformance/synced', ['repo:write']);
    expect((await post(own, { repo_id: 'conformance/synced' })).status).toBe(400);
    const reader = await server.token('conformance/synced', ['git:read']);
    expect((await post(reader, { repo_id: 'conformance/synced', password: 'x' })).status).toBe(403);
  });
});

describe('every route of the official SDK', () => {
  // PROTOCOL.md §7.0: the 34 calls @pierre/storage 1.17.1 makes, plus the documented DELETE repos/base.
  const routes = [
    'POST repos',
    'GET repos',
    'GET repo',
    'DELETE repos/delete',
    'POST repos/git-credentials',
    'PUT repos/git-credentials',
    'DELETE repos/git-credentials',
    'GET repos/file',
    'HEAD repos/file',
    'POST repos/archive',
    'GET repos/files',
    'GET repos/files/metadata',
    'GET repos/branches',
    'POST repos/branches/create',
    'DELETE repos/branches',
    'GET repos/branches/diff',
    'GET repos/tags',
    'POST repos/tags',
    'DELETE repos/tags',
    'GET repos/commits',
    'GET repos/commit',
    'GET repos/blame',
    'GET repos/notes',
    'POST repos/notes',
    'DELETE repos/notes',
    'GET repos/notes/refs',
    'GET repos/diff',
    'POST repos/grep',
    'POST repos/pull-upstream',
    'GET repos/merge/preview',
    'POST repos/merge',
    'POST repos/restore-commit',
    'POST repos/commit-pack',
    'POST repos/diff-commit',
    'DELETE repos/base',
  ];
  it('is served: none answers 404 "no such route" or 501', async () => {
    // Only the deployments of one SDK revision (§12.7) are not served; every v1 route is.
    expect(UNSERVED_ROUTES.every((r) => r.includes('/deployments'))).toBe(true);
    await sdk.createRepo({ id: 'conformance/routes' });
    const token = await server.token('conformance/routes', ['git:read']);
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const answer = await server.api(path, token, { method });
      const text = method === 'HEAD' ? '' : await answer.text();
      expect(answer.status, route).not.toBe(501);
      if (method === 'HEAD') expect(answer.status, route).toBe(400); // no path given
      expect(text, route).not.toMatch(/no such API route|is not allowed on/);
    }
    // An unknown route is a plain 404.
    const unknown = await server.api('repos/nothing-here', token);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/no such API route/);
  });
});
