/**
 * Hostile values in every field of the routes added for the rest of the API (notes, merge,
 * archive, tags, blame, grep, forks, pull-upstream, credentials, ephemeral branches, the newer
 * route family): each answer is a 2xx (the value was fine data) or a 4xx with a sentence — never
 * a 5xx — a refusal moves no ref, no option reaches git (no file appears where `--output=` points),
 * and the server still answers afterwards.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHOR, git, startTestServer, type TestServer } from '../helpers/local-server.js';

const REPO = 'fuzz/routes';
let server: TestServer;
let token: string;
let head: string;
let trap: string;

/** Every ref of every repository, and where it points. */
async function allRefs(): Promise<string> {
  const ids = ['fuzz/routes', 'fuzz/source'];
  const listings = await Promise.all(
    ids.map((id) =>
      git(['--git-dir', server.gitDir(id), 'for-each-ref', '--format=%(refname) %(objectname)']),
    ),
  );
  return listings.join('\n');
}

beforeAll(async () => {
  server = await startTestServer();
  const sdk = server.sdk();
  const repo = await sdk.createRepo({ id: REPO });
  head = (
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'seed', author: AUTHOR })
      .addFileFromString('a.txt', 'a\nb\n')
      .send()
  ).commitSha;
  await repo.createBranch({ baseBranch: 'main', targetBranch: 'topic' });
  await sdk.createRepo({ id: 'fuzz/source' });
  token = await server.token(REPO, ['git:read', 'git:write', 'repo:write']);
  trap = await mkdtemp(join(tmpdir(), 'gsk-fuzz-'));
});
afterAll(async () => {
  await server.close();
  await rm(trap, { recursive: true, force: true });
});

/** Values a careless or hostile client sends where a string is expected. */
function hostileValues(): unknown[] {
  const out = join(trap, 'pwned');
  return [
    '',
    ' ',
    '-',
    '--',
    `--output=${out}`,
    `-o${out}`,
    '../../etc/passwd',
    '/etc/passwd',
    'a\0b',
    'line\nbreak',
    ':(glob)**',
    ':(top)a.txt',
    '*',
    '@{-1}',
    'HEAD:../',
    'main..topic',
    'refs/heads/main',
    'refs/notes/../../heads/main',
    '%2e%2e%2f',
    'x'.repeat(5000),
    'é\u202e\ud83d\ude00',
    head,
    0,
    -1,
    2 ** 53 + 1,
    true,
    null,
    [],
    ['--output=x'],
    {},
    { name: '--x' },
  ];
}

interface Case {
  method: string;
  path: string;
  /** The valid request every variation starts from. */
  body?: Record<string, unknown>;
  query?: Record<string, string>;
}

const CASES: Case[] = [
  {
    method: 'POST',
    path: 'repos/notes',
    body: { sha: 'main', action: 'add', note: 'n', ref: 'fz' },
  },
  { method: 'DELETE', path: 'repos/notes', body: { sha: 'main', ref: 'fz', expected_ref_sha: '' } },
  { method: 'GET', path: 'repos/notes', query: { sha: 'main', ref: 'fz' } },
  { method: 'GET', path: 'repos/notes/refs', query: { prefix: 'fz', cursor: '', limit: '5' } },
  {
    method: 'POST',
    path: 'repos/merge',
    body: { source_branch: 'topic', target_branch: 'main', strategy: 'merge', commit_message: 'm' },
  },
  {
    method: 'GET',
    path: 'repos/merge/preview',
    query: { source_branch: 'topic', target_branch: 'main', include_content: 'true' },
  },
  {
    method: 'POST',
    path: 'repos/archive',
    body: { ref: 'main', include_globs: ['*'], exclude_globs: ['x'], max_blob_size: 10 },
  },
  { method: 'POST', path: 'repos/tags', body: { name: 'fz-tag', target: 'main' } },
  { method: 'DELETE', path: 'repos/tags', body: { name: 'fz-none' } },
  { method: 'GET', path: 'repos/blame', query: { path: 'a.txt', ref: 'main', range: '1,2' } },
  {
    method: 'POST',
    path: 'repos/grep',
    body: { ref: 'main', query: { pattern: 'a' }, paths: ['a.txt'] },
  },
  { method: 'POST', path: 'repos/pull-upstream', body: { ref: 'main' } },
  {
    method: 'POST',
    path: 'repos/branches/create',
    body: { target_branch: 'fz-eph', base_ref: 'main', target_is_ephemeral: true },
  },
  { method: 'DELETE', path: 'repos/branches', body: { name: 'fz-none', ephemeral: true } },
  { method: 'POST', path: 'repos/git-credentials', body: { repo_id: REPO, password: 'p' } },
  { method: 'PUT', path: 'repos/git-credentials', body: { id: 'cred_x', password: 'p' } },
];

async function send(c: Case, field: string | undefined, value: unknown): Promise<Response> {
  const url = new URL(`${server.url}/api/v1/${c.path}`);
  const query = { ...c.query };
  const body: Record<string, unknown> | undefined = c.body ? { ...c.body } : undefined;
  if (field && c.query) query[field] = typeof value === 'string' ? value : JSON.stringify(value);
  if (field && body) body[field] = value;
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return fetch(url, {
    method: c.method,
    headers: { Authorization: `Bearer ${token}` },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

describe('fuzzing the newer routes', () => {
  it.each(CASES.map((c) => [`${c.method} ${c.path}`, c] as const))(
    '%s: every hostile value is data or a clear 4xx, and a refusal moves nothing',
    async (_name, c) => {
      const fields = Object.keys(c.body ?? c.query ?? {});
      const seen = new Set<number>();
      let refs = await allRefs();
      for (const field of fields) {
        for (const value of hostileValues()) {
          const response = await send(c, field, value);
          const label = `${field}=${JSON.stringify(value)?.slice(0, 60)}`;
          expect(response.status, label).toBeLessThan(500);
          seen.add(response.status);
          const text = await response.text();
          const after = await allRefs();
          if (response.status >= 400) {
            expect(JSON.parse(text).error, label).toMatch(/\w/);
            expect(after, label).toBe(refs);
          }
          refs = after;
        }
      }
      // The cases are built so that at least one variation is refused.
      expect([...seen].some((s) => s >= 400)).toBe(true);
      expect(existsSync(join(trap, 'pwned'))).toBe(false);
    },
  );

  it('fuzzes forks: base_repo shapes and nested tokens', async () => {
    const create = await server.token('fuzz/fork', ['repo:write']);
    const good = await server.token('fuzz/source', ['git:read']);
    for (const value of [...hostileValues(), { provider: 'code', name: 'fuzz/source' }]) {
      for (const field of ['name', 'ref', 'sha', 'operation', 'provider', 'auth']) {
        const base: Record<string, unknown> = {
          provider: 'code',
          operation: 'fork',
          name: 'fuzz/source',
          auth: { token: good },
          [field]: value,
        };
        const response = await server.api('repos', create, {
          method: 'POST',
          body: JSON.stringify({ base_repo: base }),
        });
        const label = `${field}=${JSON.stringify(value)?.slice(0, 60)}`;
        const error = response.status >= 400 ? (await response.json()).error : '';
        // 501 is the deliberate answer for a base that syncs over the network.
        if (response.status === 501) expect(error, label).toMatch(/needs network access/);
        else expect(response.status, label).toBeLessThan(500);
        if (response.status < 300) {
          await server.api('repos/delete', create, { method: 'DELETE' });
        }
      }
    }
    expect(existsSync(join(trap, 'pwned'))).toBe(false);
  });

  it('fuzzes the newer family: encoded repository and tag segments', async () => {
    // Sent as raw request targets: fetch would resolve ".." and "%2e%2e" segments first.
    const raw = (method: string, path: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = new URL(server.url);
        request(
          { host: '127.0.0.1', port, method, path, headers: { Authorization: `Bearer ${token}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
          .on('error', reject)
          .end();
      });
    for (const segment of ['..', '%2e%2e', '%', '%zz', 'a%2F..%2F..', encodeURIComponent('\0')]) {
      for (const path of [
        `/api/repos/${segment}/files`,
        `/api/repos/fuzz%2Froutes/tags/${segment}`,
      ]) {
        for (const method of ['GET', 'DELETE']) {
          const status = await raw(method, path);
          expect(status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
          expect(status, `${method} ${path}`).toBeLessThan(500);
        }
      }
    }
    // `DELETE …/tags/..` must never become `DELETE /api/repos/{repo}`.
    expect(await server.sdk().findOne({ id: REPO })).not.toBeNull();
    expect((await fetch(server.url)).status).toBe(200);
  });
});
