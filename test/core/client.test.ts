/**
 * Our client against a started local server, call for call beside the official SDK: the results
 * must be equal, so code moves between the two unchanged.
 */

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitStorage as OfficialGitStorage } from '@pierre/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GitStorage,
  RefUpdateError,
  type Repo,
  ValidationError,
} from '../../src/core/index.js';
import {
  AUTHOR,
  git,
  ourClient,
  randomBytesSeeded,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

let server: TestServer;
let ours: GitStorage;
let official: OfficialGitStorage;
let repo: Repo;
let theirs: ReturnType<OfficialGitStorage['repo']>;
let first: string;
let second: string;
const big = randomBytesSeeded(9 * 1024 * 1024 + 7, 3);

beforeAll(async () => {
  server = await startTestServer();
  ours = ourClient(server);
  official = server.sdk();
  repo = await ours.createRepo({ id: 'client/compare' });
  theirs = official.repo({ id: 'client/compare' });
  first = (
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'Initial', author: AUTHOR })
      .addFileFromString('README.md', '# Hi\n')
      .addFile('data/big.bin', new Blob([new Uint8Array(big)]))
      .addFileFromString('docs/a.md', 'a\nb\nc\n')
      .addFileFromString('run.sh', '#!/bin/sh\n', { mode: '100755' })
      .send()
  ).commitSha;
  second = (
    await repo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'Second',
        author: AUTHOR,
        expectedHeadSha: first,
      })
      .addFileFromString('README.md', '# Hi\n\nthere\n')
      .deletePath('docs/a.md')
      .addFileFromString('docs/b.md', 'a\nb\nc\n')
      .send()
  ).commitSha;
  await repo.createBranch({ baseRef: 'main', targetBranch: 'topic' });
  await repo
    .createCommit({ targetBranch: 'topic', commitMessage: 'Topic', author: AUTHOR })
    .addFileFromString('topic.txt', 'topic\n')
    .send();
});
afterAll(() => server.close());

function treeOf(sha: string): Promise<string> {
  return git([
    '--git-dir',
    join(server.dataDir, 'repos', 'client%2Fcompare.git'),
    'rev-parse',
    `${sha}^{tree}`,
  ]);
}

describe('reads equal the official SDK', () => {
  const cases: [string, (r: Repo | ReturnType<OfficialGitStorage['repo']>) => Promise<unknown>][] =
    [
      ['listFiles', (r) => r.listFiles()],
      ['listFiles one level', (r) => r.listFiles({ path: 'docs', recursive: false })],
      ['listFiles paginated', (r) => r.listFiles({ limit: 2, cursor: 'data' })],
      ['listFilesWithMetadata', (r) => r.listFilesWithMetadata()],
      ['listBranches', (r) => r.listBranches()],
      ['listCommits', (r) => r.listCommits({ branch: 'main' })],
      [
        'listCommits by path',
        (r) => r.listCommits({ branch: 'topic', path: 'README.md', limit: 1 }),
      ],
      ['getBranchDiff', (r) => r.getBranchDiff({ branch: 'topic', base: 'main' })],
      ['headFile', (r) => r.headFile({ path: 'README.md', ref: 'topic' })],
    ];
  it.each(cases)('%s', async (_name, call) => {
    expect(await call(repo)).toEqual(await call(theirs));
  });

  it('resolves revisions git understands: HEAD, main~1, short SHAs', async () => {
    expect((await repo.getCommit({ sha: 'main~1' })).commit.sha).toBe(first);
    expect((await repo.getCommit({ sha: 'HEAD' })).commit.sha).toBe(second);
    expect((await repo.getCommit({ sha: second.slice(0, 10) })).commit.sha).toBe(second);
    await expect(repo.getCommit({ sha: 'main:README.md' })).rejects.toMatchObject({ status: 404 });
  });

  it('getCommit and getCommitDiff', async () => {
    expect(await repo.getCommit({ sha: second })).toEqual(await theirs.getCommit({ sha: second }));
    expect(await repo.getCommitDiff({ sha: second })).toEqual(
      await theirs.getCommitDiff({ sha: second }),
    );
    expect(await repo.getCommitDiff({ sha: second, baseSha: first, paths: ['README.md'] })).toEqual(
      await theirs.getCommitDiff({ sha: second, baseSha: first, paths: ['README.md'] }),
    );
  });

  it('streams files byte for byte, with ranges and validators', async () => {
    const response = await repo.getFileStream({ path: 'data/big.bin' });
    expect(Buffer.from(await response.arrayBuffer()).equals(big)).toBe(true);
    const ranged = await repo.getFileStream({
      path: 'data/big.bin',
      headers: { range: 'bytes=10-19' },
    });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(big.subarray(10, 20))).toBe(true);
    const head = await repo.headFile({ path: 'data/big.bin' });
    expect(head.size).toBe(big.length);
    const cached = await repo.getFileStream({
      path: 'data/big.bin',
      headers: { ifNoneMatch: head.etag },
    });
    expect(cached.status).toBe(304);
  });

  it('finds, lists and deletes repositories like the SDK', async () => {
    const found = await ours.findOne({ id: 'client/compare' });
    expect(found?.defaultBranch).toBe('main');
    expect(await ours.findOne({ id: 'client/none' })).toBeNull();
    await ours.createRepo({ id: 'client/other' });
    await expect(ours.createRepo({ id: 'client/other' })).rejects.toMatchObject({
      name: 'ApiError',
      status: 409,
    });
    expect(await ours.listRepos({ limit: 1 })).toEqual(await official.listRepos({ limit: 1 }));
    const ids: string[] = [];
    for await (const r of ours.iterateRepos({ limit: 1 })) ids.push(r.repoId);
    expect(ids).toEqual(['client/compare', 'client/other']);
    expect(await ours.deleteRepo({ id: 'client/other' })).toEqual({
      repoId: 'client/other',
      message: 'repository client/other deleted',
    });
  });
});

describe('blame', () => {
  it('equals the official SDK, whole and by range', async () => {
    const whole = await repo.getBlame({ path: 'README.md' });
    expect(whole).toEqual(await theirs.getBlame({ path: 'README.md' }));
    expect(whole.lines.map((l) => l.commitSha)).toEqual([first, second, second]);
    expect(await repo.getBlame({ path: 'README.md', ranges: ['2,3'], ref: 'main' })).toEqual(
      await theirs.getBlame({ path: 'README.md', ranges: ['2,3'], ref: 'main' }),
    );
  });
});

describe('grep', () => {
  it('equals the official SDK', async () => {
    const options = {
      query: { pattern: 'a|Hi', caseSensitive: false },
      context: { after: 1 },
      pagination: { limit: 2 },
    };
    const ourResult = await repo.grep(options);
    expect(ourResult).toEqual(await theirs.grep(options));
    expect(ourResult.matches.length).toBe(2);
  });
});

describe('tags', () => {
  it('creates (at a branch too), lists and pages like the official SDK, and deletes', async () => {
    const tagged = await repo.createTag({ name: 'refs/tags/client-v1', target: 'main' });
    const head = (await repo.getCommit({ sha: 'main' })).commit.sha;
    expect(tagged).toMatchObject({ name: 'client-v1', sha: head });
    await repo.createTag({ name: 'client-v2', target: head });
    expect(await repo.listTags({ limit: 1 })).toEqual(await theirs.listTags({ limit: 1 }));
    const all: string[] = [];
    for await (const tag of repo.iterateTags({ limit: 1 })) all.push(tag.name);
    expect(all).toEqual(['client-v1', 'client-v2']);
    expect(await repo.deleteTag({ name: 'client-v1' })).toEqual({
      name: 'client-v1',
      message: 'tag deleted',
    });
    expect((await repo.listTags()).tags.map((t) => t.name)).toEqual(['client-v2']);
    await repo.deleteTag({ name: 'client-v2' });
  });
});

describe('notes', () => {
  it('writes and reads notes like the official SDK; guards and refusals are typed', async () => {
    const added = await repo.createNote({ sha: first, note: 'Reviewed', author: AUTHOR });
    expect(added).toMatchObject({
      sha: first,
      targetRef: 'refs/notes/commits',
      result: { success: true },
    });
    expect(await repo.getNote({ sha: first })).toEqual(await theirs.getNote({ sha: first }));
    await expect(repo.createNote({ sha: first, note: 'again' })).rejects.toMatchObject({
      name: 'ApiError',
      status: 409,
    });
    const appended = await repo.appendNote({
      sha: first,
      note: 'More',
      expectedRefSha: added.newRefSha,
    });
    expect(appended.baseCommit).toBe(added.newRefSha);
    const stale = await repo
      .appendNote({ sha: first, note: 'late', expectedRefSha: added.newRefSha })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(RefUpdateError);
    expect(stale).toMatchObject({ reason: 'precondition_failed', status: 409 });
    await repo.createNote({ sha: second, note: 'ci: green', ref: 'ci' });
    expect(await repo.listNotesRefs({ limit: 1 })).toEqual(
      await theirs.listNotesRefs({ limit: 1 }),
    );
    expect((await repo.deleteNote({ sha: first })).result.success).toBe(true);
    await expect(repo.getNote({ sha: first })).rejects.toMatchObject({ status: 404 });
    await expect(repo.createNote({ sha: first, note: '  ' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('merge', () => {
  it('previews like the official SDK and merges', async () => {
    await repo.createBranch({ baseRef: 'main', targetBranch: 'merge-into' });
    await repo.createBranch({ baseRef: 'main', targetBranch: 'merge-from' });
    await repo
      .createCommit({ targetBranch: 'merge-from', commitMessage: 'From', author: AUTHOR })
      .addFileFromString('from.txt', 'from\n')
      .send();
    const into = await repo
      .createCommit({ targetBranch: 'merge-into', commitMessage: 'Into', author: AUTHOR })
      .addFileFromString('into.txt', 'into\n')
      .send();
    const options = {
      sourceBranch: 'merge-from',
      targetBranch: 'merge-into',
      includeContent: true,
    };
    const preview = await repo.previewMerge(options);
    expect(preview).toEqual(await theirs.previewMerge(options));
    expect(preview).toMatchObject({
      status: 'clean',
      result: 'merge_commit',
      mergeBaseSha: second,
    });
    const merged = await repo.merge({
      sourceBranch: 'merge-from',
      targetBranch: 'merge-into',
      strategy: 'ff_prefer',
      expectedTargetSha: into.commitSha,
      author: AUTHOR,
    });
    expect(merged).toMatchObject({
      result: 'merge_commit',
      promotedCommits: 1,
      mergeBaseSha: second,
      target: {
        branch: 'merge-into',
        ephemeral: false,
        oldSha: into.commitSha,
        newSha: merged.commitSha,
      },
    });
    expect(merged.treeSha).toBe(await treeOf(merged.commitSha));
    await expect(
      repo.merge({ ...options, strategy: 'ff_only', squash: true }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('archive', () => {
  it('streams the same bytes as the official SDK asks for', async () => {
    const options = { ref: first, archivePrefix: 'v1', excludeGlobs: ['*.bin'] };
    const ourBytes = Buffer.from(await (await repo.getArchiveStream(options)).arrayBuffer());
    // A second apart: the bytes must not depend on when the archive is made.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const theirBytes = Buffer.from(await (await theirs.getArchiveStream(options)).arrayBuffer());
    expect(ourBytes.equals(theirBytes)).toBe(true);
    expect(ourBytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const whole = await repo.getArchiveStream();
    expect(whole.headers.get('content-type')).toBe('application/gzip');
    await whole.body?.cancel();
  });
});

describe('ephemeral branches', () => {
  it('commits, reads, promotes and deletes like the official SDK', async () => {
    const draft = await repo
      .createCommit({
        targetBranch: 'try/1',
        baseBranch: 'main',
        ephemeral: true,
        commitMessage: 'Draft',
        author: AUTHOR,
      })
      .addFileFromString('draft.txt', 'draft\n')
      .send();
    const reads: [
      string,
      (r: Repo | ReturnType<OfficialGitStorage['repo']>) => Promise<unknown>,
    ][] = [
      ['listBranches', (r) => r.listBranches({ ephemeral: true })],
      ['listFiles', (r) => r.listFiles({ ref: 'try/1', ephemeral: true })],
      ['listCommits', (r) => r.listCommits({ branch: 'try/1', ephemeral: true })],
      ['getBranchDiff', (r) => r.getBranchDiff({ branch: 'try/1', ephemeral: true })],
      ['getBlame', (r) => r.getBlame({ path: 'draft.txt', ref: 'try/1', ephemeral: true })],
    ];
    for (const [name, call] of reads) expect(await call(repo), name).toEqual(await call(theirs));
    expect((await repo.listBranches()).branches.map((b) => b.name)).not.toContain('try/1');
    const file = await repo.getFileStream({ path: 'draft.txt', ref: 'try/1', ephemeral: true });
    expect(await file.text()).toBe('draft\n');
    expect(new URL(await repo.getEphemeralRemoteURL()).pathname).toBe(
      new URL(await theirs.getEphemeralRemoteURL()).pathname,
    );
    const promoted = await repo.createBranch({
      baseRef: 'try/1',
      baseIsEphemeral: true,
      targetBranch: 'promoted',
    });
    expect(promoted).toMatchObject({ targetIsEphemeral: false, commitSha: draft.commitSha });
    expect(await repo.deleteBranch({ name: 'try/1', ephemeral: true })).toMatchObject({
      ephemeral: true,
    });
    expect(() =>
      repo.createCommit({
        targetBranch: 'x',
        ephemeralBase: true,
        commitMessage: 'm',
        author: AUTHOR,
      }),
    ).toThrow(/ephemeralBase needs baseBranch/);
  });
});

describe('forks, upstream and credentials', () => {
  it('forks, pulls and manages credentials like the official SDK', async () => {
    const fork = await ours.createRepo({ id: 'client/fork', baseRepo: { id: 'client/compare' } });
    expect(fork.defaultBranch).toBe('main');
    expect(await fork.listBranches()).toEqual(
      await official.repo({ id: 'client/fork' }).listBranches(),
    );
    const pinned = await ours.createRepo({
      id: 'client/pinned',
      baseRepo: { id: 'client/compare', sha: first },
      defaultBranch: 'snapshot',
    });
    expect((await pinned.listBranches()).branches.map((b) => [b.name, b.headSha])).toEqual([
      ['snapshot', first],
    ]);
    await pinned.pullUpstream({ ref: 'topic' });
    expect((await pinned.listBranches()).branches.map((b) => b.name)).toEqual([
      'snapshot',
      'topic',
    ]);
    await expect(repo.pullUpstream()).rejects.toMatchObject({ name: 'ApiError', status: 409 });
    await expect(
      ours.createRepo({ id: 'client/gh', baseRepo: { owner: 'octocat', name: 'hello' } }),
    ).rejects.toMatchObject({ status: 501 });

    const credential = await ours.createGitCredential({
      repoId: 'client/fork',
      password: 's3cret',
    });
    expect(credential.id).toMatch(/^cred_/);
    await expect(
      ours.createGitCredential({ repoId: 'client/fork', password: 'again' }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await ours.updateGitCredential({ id: credential.id, password: 'new' })).id).toBe(
      credential.id,
    );
    await ours.deleteGitCredential({ id: credential.id });
    await expect(ours.deleteGitCredential({ id: credential.id })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('writes', () => {
  it('answers commits with the fields the SDK gives', async () => {
    const result = await repo
      .createCommit({
        targetBranch: 'writes',
        baseBranch: 'main',
        commitMessage: 'w',
        author: AUTHOR,
      })
      .addFileFromString('w.txt', 'w')
      .send();
    expect(Object.keys(result).sort()).toEqual([
      'blobCount',
      'commitSha',
      'packBytes',
      'refUpdate',
      'targetBranch',
      'treeSha',
    ]);
    expect(result.refUpdate).toEqual({
      branch: 'writes',
      oldSha: '0'.repeat(40),
      newSha: result.commitSha,
    });
  });

  it('replaces what was staged at a path when it is added or deleted again, as documented', async () => {
    const result = await repo
      .createCommit({
        targetBranch: 'replaced',
        baseBranch: 'main',
        commitMessage: 'r',
        author: AUTHOR,
      })
      .addFileFromString('twice.txt', 'first')
      .addFileFromString('once.txt', 'kept')
      .addFileFromString('twice.txt', 'second')
      .send();
    expect(result.blobCount).toBe(2);
    const text = await (await repo.getFileStream({ path: 'twice.txt', ref: 'replaced' })).text();
    expect(text).toBe('second');
  });

  it('creates and deletes branches, commits diffs, restores', async () => {
    // One rule for branch names: refs/heads/ is dropped everywhere, as createCommit does.
    const created = await repo.createBranch({ baseRef: first, targetBranch: 'refs/heads/old' });
    expect(created).toEqual({
      message: expect.any(String),
      targetBranch: 'old',
      targetIsEphemeral: false,
      commitSha: first,
    });
    expect(await repo.deleteBranch({ name: 'refs/heads/old' })).toEqual({
      name: 'old',
      message: 'branch deleted',
      ephemeral: false,
    });

    const diff = (await repo.getCommitDiff({ sha: second })).files.map((f) => f.raw).join('');
    const scratch = await repo.createBranch({ baseRef: first, targetBranch: 'replay' });
    expect(scratch.commitSha).toBe(first);
    const applied = await repo.createCommitFromDiff({
      targetBranch: 'replay',
      commitMessage: 'replay second',
      author: AUTHOR,
      diff,
    });
    const replayed = (await repo.getCommit({ sha: applied.commitSha })).commit;
    expect(replayed.parentShas).toEqual([first]);
    // The replayed patch reproduces the second commit's tree exactly.
    expect(applied.treeSha).toBe(await treeOf(second));

    const stale = await repo
      .restoreCommit({
        targetBranch: 'replay',
        targetCommitSha: first,
        author: AUTHOR,
        expectedHeadSha: first,
      })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(RefUpdateError);
    expect((stale as RefUpdateError).reason).toBe('precondition_failed');
    expect((stale as RefUpdateError).refUpdate).toEqual({
      branch: 'replay',
      oldSha: applied.commitSha,
    });
    const restored = await repo.restoreCommit({
      targetBranch: 'replay',
      targetCommitSha: first,
      author: AUTHOR,
    });
    expect(restored.refUpdate.oldSha).toBe(applied.commitSha);
    expect(restored.treeSha).toBe(await treeOf(first));
  });

  it('diffs a file that became a symlink without shifting the patches after it', async () => {
    const before = await repo
      .createCommit({
        targetBranch: 'types',
        baseBranch: 'main',
        commitMessage: 'file',
        author: AUTHOR,
      })
      .addFileFromString('link', 'a regular file\n')
      .send();
    const after = await repo
      .createCommit({ targetBranch: 'types', commitMessage: 'symlink', author: AUTHOR })
      .addFileFromString('link', 'README.md', { mode: '120000' })
      .addFileFromString('zz.txt', 'last\n')
      .send();
    const diff = await repo.getCommitDiff({ sha: after.commitSha, baseSha: before.commitSha });
    expect(diff.files.map((f) => [f.path, f.state])).toEqual([
      ['link', 'type_changed'],
      ['zz.txt', 'added'],
    ]);
    expect(diff.files[0]?.raw).toContain('new file mode 120000');
    expect(diff.files[1]?.raw).toMatch(/^diff --git a\/zz\.txt b\/zz\.txt/);
    expect(diff).toEqual(
      await theirs.getCommitDiff({ sha: after.commitSha, baseSha: before.commitSha }),
    );
  });

  it('iterates commits across pages', async () => {
    for (let i = 0; i < 7; i++) {
      await repo
        .createCommit({
          targetBranch: 'long',
          baseBranch: 'main',
          commitMessage: `c${i}`,
          author: AUTHOR,
        })
        .addFileFromString('n.txt', String(i))
        .send();
    }
    const messages: string[] = [];
    for await (const c of repo.iterateCommits({ branch: 'long', limit: 3 }))
      messages.push(c.message);
    expect(messages).toEqual(['c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0', 'Second', 'Initial']);
    const branches: string[] = [];
    for await (const b of repo.iterateBranches({ limit: 2 })) branches.push(b.name);
    expect(branches).toContain('long');
    const entries: string[] = [];
    for await (const e of repo.iterateFiles({ limit: 2 })) entries.push(e.path);
    expect(entries).toEqual((await repo.listFiles()).entries.map((e) => e.path));
  });

  it('gives a remote URL that git can clone', async () => {
    const work = await mkdtemp(join(tmpdir(), 'gsk-remote-'));
    try {
      await git(
        ['clone', '--quiet', await repo.getRemoteURL({ permissions: ['git:read'] }), 'c'],
        work,
      );
      expect(await readFile(join(work, 'c', 'README.md'), 'utf8')).toBe('# Hi\n\nthere\n');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('client-side validation', () => {
  const commit = (r: Repo) =>
    r.createCommit({ targetBranch: 'main', commitMessage: 'm', author: AUTHOR });
  it.each([
    [
      'an empty message',
      (_c: GitStorage, r: Repo) =>
        r.createCommit({ targetBranch: 'main', commitMessage: ' ', author: AUTHOR }),
    ],
    [
      'a bad branch',
      (_c: GitStorage, r: Repo) =>
        r.createCommit({ targetBranch: 'a..b', commitMessage: 'm', author: AUTHOR }),
    ],
    [
      'a missing author email',
      (_c: GitStorage, r: Repo) =>
        r.createCommit({
          targetBranch: 'main',
          commitMessage: 'm',
          author: { name: 'x', email: '' },
        }),
    ],
    ['a path with ..', (_c: GitStorage, r: Repo) => commit(r).addFileFromString('../x', 'x')],
    [
      'a path git refuses on NTFS',
      (_c: GitStorage, r: Repo) => commit(r).addFileFromString('.git ./config', 'x'),
    ],
    [
      'a symbolic link named .gitmodules',
      (_c: GitStorage, r: Repo) =>
        commit(r).addFileFromString('.gitmodules', 'x', { mode: '120000' }),
    ],
    [
      'a bad file path to read',
      (_c: GitStorage, r: Repo) => r.getFileStream({ path: '/etc/passwd' }),
    ],
    [
      'a branch named refs/tags/…',
      (_c: GitStorage, r: Repo) => r.deleteBranch({ name: 'refs/tags/x' }),
    ],
    [
      'a diff path with a NUL',
      (_c: GitStorage, r: Repo) => r.getCommitDiff({ sha: 'HEAD', paths: ['a\0b'] }),
    ],
    ['an empty repository id', (c: GitStorage) => c.repo({ id: '' })],
    [
      'a tag name with ".."',
      (_c: GitStorage, r: Repo) => r.createTag({ name: 'a..b', target: 'main' }),
    ],
    [
      'a tag without a target',
      (_c: GitStorage, r: Repo) => r.createTag({ name: 'ok', target: ' ' }),
    ],
    ['a tag name starting with "-"', (_c: GitStorage, r: Repo) => r.deleteTag({ name: '-d' })],
  ])('refuses %s with ValidationError before any request', async (_name, call) => {
    let requests = 0;
    const counting = ourClient(server, {
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
    });
    await expect(
      (async () => call(counting, counting.repo({ id: 'client/compare' })))(),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toBe(0);
    // The same client does make requests when the input is fine.
    await counting.repo({ id: 'client/compare' }).listBranches();
    expect(requests).toBe(1);
  });
});
