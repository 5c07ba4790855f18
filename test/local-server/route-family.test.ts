/**
 * The newer route family (PROTOCOL.md §12): `/api/repos/{repo}/…` with the repository as one
 * encoded path segment, the newer field names, and both names in answers, served beside v1 by the
 * same handlers. No released SDK sends these yet, so the requests are written out by hand from
 * §12.2's table, over plain HTTP against a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHOR, git, startTestServer, type TestServer } from '../helpers/local-server.js';

const REPO = 'team/newer';
const ENC = encodeURIComponent(REPO); // team%2Fnewer
let server: TestServer;
let write: string;
let read: string;

function call(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}/api/repos${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });
}

async function json(path: string, token: string, init: RequestInit = {}) {
  const response = await call(path, token, init);
  const body = await response.json();
  return { status: response.status, body };
}

const post = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  body: JSON.stringify(body),
});

function commitPack(files: Record<string, string>, meta: Record<string, unknown>): string {
  const entries = Object.keys(files).map((path, i) => ({
    path,
    content_id: `c${i}`,
    operation: 'upsert',
  }));
  const lines = [
    { metadata: { commit_message: 'newer vocabulary', author: AUTHOR, files: entries, ...meta } },
    ...Object.values(files).map((text, i) => ({
      blob_chunk: { content_id: `c${i}`, data: Buffer.from(text).toString('base64'), eof: true },
    })),
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

beforeAll(async () => {
  server = await startTestServer();
  write = await server.token(REPO, ['git:read', 'git:write', 'repo:write']);
  read = await server.token(REPO, ['git:read']);
});
afterAll(() => server.close());

describe('the newer route family', () => {
  it('creates, finds and reads a repository under /api/repos/{repo}', async () => {
    const created = await json('', write, post({ default_branch: 'main' }));
    expect(created).toMatchObject({ status: 201, body: { repo_id: REPO, repo_name: REPO } });
    expect((await json(`/${ENC}`, read)).body).toMatchObject({
      repo_name: REPO,
      default_branch: 'main',
    });

    // A commit with the newer metadata names; the answer carries both result names.
    const first = await json(`/${ENC}/commit-pack`, write, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-ndjson' },
      body: commitPack({ 'a.txt': 'one\n' }, { target_branch: 'main', target_is_ephemeral: false }),
    });
    expect(first.status).toBe(201);
    expect(first.body.result).toMatchObject({
      branch: 'main',
      target_branch: 'main',
      success: true,
    });
    const firstSha = first.body.commit.commit_sha as string;
    const stale = await json(`/${ENC}/commit-pack`, write, {
      method: 'POST',
      body: commitPack(
        { 'a.txt': 'two\n' },
        { target_branch: 'main', expected_target_sha: '1'.repeat(40) },
      ),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.result).toMatchObject({
      status: 'precondition_failed',
      target_branch: 'main',
    });
    const second = await json(`/${ENC}/commit-pack`, write, {
      method: 'POST',
      body: commitPack(
        { 'a.txt': 'two\n' },
        { target_branch: 'main', expected_target_sha: firstSha },
      ),
    });
    const secondSha = second.body.commit.commit_sha as string;

    expect((await json(`/${ENC}/files`, read)).body.paths).toEqual(['a.txt']);
    expect(await (await call(`/${ENC}/file?path=a.txt`, read)).text()).toBe('two\n');
    expect(
      (await json(`/${ENC}/commits?ref=main`, read)).body.commits.map(
        (c: { sha: string }) => c.sha,
      ),
    ).toEqual([secondSha, firstSha]);
    expect((await json(`/${ENC}/commit?ref=main`, read)).body.commit.sha).toBe(secondSha);
    const diff = await json(
      `/${ENC}/diff?ref=${secondSha}&base_ref=${firstSha}&git_apply_compatible=true`,
      read,
    );
    expect(diff.body).toMatchObject({ sha: secondSha, base_sha: firstSha });
    expect(diff.body.files.map((f: { path: string }) => f.path)).toEqual(['a.txt']);
    // Transitional (§12.4): the newer names on the v1 routes too.
    const v1 = await server.api(`repos/diff?ref=${secondSha}&base_ref=${firstSha}`, read);
    expect((await v1.json()).base_sha).toBe(firstSha);

    // getBranch and getTag; a missing ref is "ref not found".
    expect((await json(`/${ENC}/branch?name=main`, read)).body).toEqual({
      branch: { name: 'main', head_sha: secondSha, created_at: expect.any(String) },
    });
    expect(await json(`/${ENC}/branch?name=nope`, read)).toEqual({
      status: 404,
      body: { error: 'ref not found' },
    });
    expect(
      (await json(`/${ENC}/tags`, write, post({ name: 'release/v1', ref: 'main' }))).status,
    ).toBe(201);
    expect((await json(`/${ENC}/tag?name=release%2Fv1`, read)).body).toEqual({
      tag: { name: 'release/v1', sha: secondSha },
    });
    expect(
      (await call(`/${ENC}/tags/${encodeURIComponent('release/v1')}`, write, { method: 'DELETE' }))
        .status,
    ).toBe(200);
    expect((await json(`/${ENC}/tag?name=release%2Fv1`, read)).status).toBe(404);
  });

  it('takes the newer names for notes, branches, merge and restore, and answers with both', async () => {
    const head = (await json(`/${ENC}/branch?name=main`, read)).body.branch.head_sha as string;
    const note = await json(
      `/${ENC}/notes`,
      write,
      post({ object_ref: head, action: 'add', note: 'hi', notes_ref: 'reviews' }),
    );
    expect(note.body).toMatchObject({
      target_ref: 'refs/notes/reviews',
      notes_ref: 'refs/notes/reviews',
    });
    const stale = await json(
      `/${ENC}/notes`,
      write,
      post({
        object_ref: head,
        action: 'append',
        note: 'x',
        notes_ref: 'reviews',
        expected_notes_ref_sha: '1'.repeat(40),
      }),
    );
    expect(stale.status).toBe(409);
    expect((await json(`/${ENC}/notes?object_ref=${head}&notes_ref=reviews`, read)).body.note).toBe(
      'hi',
    );

    expect(
      (
        await json(
          `/${ENC}/branches/create`,
          write,
          post({ target_branch: 'topic', base_ref: 'main' }),
        )
      ).status,
    ).toBe(201);
    const merged = await json(
      `/${ENC}/merge`,
      write,
      post({ source_ref: 'topic', target_branch: 'main', strategy: 'merge' }),
    );
    expect(merged.body).toMatchObject({
      result: 'no_op',
      source: { branch: 'topic', ref: 'topic' },
    });
    const deleted = await json(
      `/${ENC}/branches`,
      write,
      post({ target_branch: 'topic' }, 'DELETE'),
    );
    expect(deleted.body).toMatchObject({ name: 'topic', target_branch: 'topic' });

    const first = (await json(`/${ENC}/commits?ref=main`, read)).body.commits.at(-1).sha as string;
    const restored = await json(
      `/${ENC}/restore-commit`,
      write,
      post({
        metadata: {
          target_branch: 'main',
          base_ref: first,
          author: AUTHOR,
          expected_target_sha: head,
        },
      }),
    );
    expect(restored.status).toBe(201);
    expect(await (await call(`/${ENC}/file?path=a.txt`, read)).text()).toBe('one\n');
  });

  it('manages git credentials by path, checks the repository in the path, and names what is not served', async () => {
    const created = await json(
      `/${ENC}/git-credentials`,
      write,
      post({ password: 's3cret', username: 'bot' }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const updated = await json(
      `/${ENC}/git-credentials/${id}`,
      write,
      post({ password: 'new' }, 'PUT'),
    );
    expect(updated.body).toMatchObject({ id, created_at: expect.any(String) });
    // Another repository's path cannot reach it.
    const otherRepo = 'team/other';
    const otherToken = await server.token(otherRepo, ['repo:write']);
    await json('', otherToken, post({}));
    expect(
      (
        await call(`/${encodeURIComponent(otherRepo)}/git-credentials/${id}`, otherToken, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(404);
    expect((await call(`/${ENC}/git-credentials/${id}`, write, { method: 'DELETE' })).status).toBe(
      200,
    );

    // The path's repository must be the token's.
    const wrong = await json(`/${encodeURIComponent(otherRepo)}/files`, read);
    expect(wrong).toMatchObject({
      status: 403,
      body: { error: expect.stringMatching(/not "team\/other"/) },
    });
    // Deployments are named as not served; nonsense is a plain 404.
    expect(await json(`/${ENC}/deployments`, write, post({}))).toEqual({
      status: 501,
      body: { error: 'POST repos/{repo}/deployments is not served by the local server' },
    });
    expect((await call(`/${ENC}/nothing-here`, read)).status).toBe(404);
    expect((await call(`/${ENC}/branch?name=main`, read)).status).toBe(200);
    expect((await server.api('repos/branch?name=main', read)).status).toBe(404); // newer family only

    // A clone still works; then the repository is deleted by its path.
    const remote = `${server.url.replace('://', `://t:${read}@`)}/${REPO}.git`;
    expect(await git(['ls-remote', '--heads', remote])).toMatch(/refs\/heads\/main$/);
    expect((await call(`/${ENC}`, write, { method: 'DELETE' })).status).toBe(200);
    expect((await call(`/${ENC}`, read)).status).toBe(404);
  });
});
