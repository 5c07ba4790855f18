/**
 * Ref policies in tokens (PROTOCOL.md §3.5), minted by the official SDK's `refPolicies`: REST
 * writes and git pushes to a protected ref are refused "by policy" and move nothing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GitStorage, RefUpdateError } from '@pierre/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHOR, git, startTestServer, type TestServer } from '../helpers/local-server.js';

let server: TestServer;
let sdk: GitStorage;
let repo: ReturnType<GitStorage['repo']>;
let work: string;

function refs(): Promise<string> {
  return git([
    '--git-dir',
    join(server.dataDir, 'repos', 'policy%2Frepo.git'),
    'for-each-ref',
    '--format=%(refname) %(objectname)',
  ]);
}

beforeAll(async () => {
  server = await startTestServer();
  sdk = server.sdk();
  repo = await sdk.createRepo({ id: 'policy/repo' });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
    .addFileFromString('a', 'a\n')
    .send();
  await repo.createBranch({ baseRef: 'main', targetBranch: 'release/1' });
  work = await mkdtemp(join(tmpdir(), 'gsk-policy-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await server.close();
});

describe('REST writes', () => {
  it('refuses a commit to a no-push ref, first matching rule wins, and moves nothing', async () => {
    const before = await refs();
    const error = await repo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'blocked',
        author: AUTHOR,
        refPolicies: [
          { pattern: 'refs/heads/main', ops: ['no-push'] },
          { pattern: '*', ops: [] },
        ],
      })
      .addFileFromString('b', 'b')
      .send()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefUpdateError);
    expect((error as RefUpdateError).reason).toBe('forbidden');
    expect((error as Error).message).toMatch(/denied by policy \(no-push\)/);
    expect(await refs()).toBe(before);

    // The same token shape allows other branches; short patterns mean branches.
    const ok = await repo
      .createCommit({
        targetBranch: 'topic',
        baseBranch: 'main',
        commitMessage: 'allowed',
        author: AUTHOR,
        refPolicies: [{ pattern: 'main', ops: ['no-push'] }],
      })
      .addFileFromString('b', 'b')
      .send();
    expect(ok.refUpdate.branch).toBe('topic');
  });

  it('guards branch creation and deletion with prefix patterns', async () => {
    const policies = [
      { pattern: 'refs/heads/release/*', ops: ['no-force-push'] as 'no-force-push'[] },
    ];
    await expect(repo.deleteBranch({ name: 'release/1', refPolicies: policies })).rejects.toThrow(
      /denied by policy/,
    );
    await expect(
      repo.createBranch({
        baseRef: 'main',
        targetBranch: 'locked/x',
        refPolicies: [{ pattern: 'refs/heads/locked/*', ops: ['no-push'] }],
      }),
    ).rejects.toThrow(/denied by policy/);
    expect(await refs()).toContain('refs/heads/release/1');
    expect(await refs()).not.toContain('refs/heads/locked/x');
  });
});

describe('git push', () => {
  it('allows fast-forwards and refuses force pushes under no-force-push, saying "denied by policy"', async () => {
    const url = (
      await repo.getRemoteURL({
        refPolicies: [{ pattern: 'refs/heads/main', ops: ['no-force-push'] }],
      })
    ).replace(/^https:/, 'http:');
    const dir = join(work, 'ff');
    await git(['clone', '--quiet', url, dir]);
    const commit = async (name: string) => {
      await writeFile(join(dir, name), `${name}\n`);
      await git(['add', name], dir);
      await git(
        ['-c', 'user.name=P', '-c', 'user.email=p@example.com', 'commit', '-qm', name],
        dir,
      );
    };
    await commit('ff.txt');
    await git(['push', '--quiet', 'origin', 'main'], dir);
    const afterFastForward = await refs();

    await git(['reset', '--quiet', '--hard', 'HEAD~1'], dir);
    await commit('rewrite.txt');
    const error = await git(['push', '--force', 'origin', 'main'], dir).catch((e: Error) => e);
    expect(String((error as { stderr?: string }).stderr ?? error)).toMatch(
      /denied by policy \(no-force-push\)/,
    );
    expect(await refs()).toBe(afterFastForward);
  });

  it('refuses any push to a no-push ref and still allows other refs', async () => {
    const url = (
      await repo.getRemoteURL({ refPolicies: [{ pattern: 'main', ops: ['no-push'] }] })
    ).replace(/^https:/, 'http:');
    const dir = join(work, 'np');
    await git(['clone', '--quiet', url, dir]);
    await writeFile(join(dir, 'np.txt'), 'np\n');
    await git(['add', 'np.txt'], dir);
    await git(['-c', 'user.name=P', '-c', 'user.email=p@example.com', 'commit', '-qm', 'np'], dir);
    const before = await refs();
    const error = await git(['push', 'origin', 'main'], dir).catch((e: Error) => e);
    expect(String((error as { stderr?: string }).stderr ?? error)).toMatch(
      /denied by policy \(no-push\)/,
    );
    expect(await refs()).toBe(before);
    await git(['push', '--quiet', 'origin', 'main:side'], dir);
    expect(await refs()).toContain('refs/heads/side');
  });
});
