/**
 * The CLI as a user runs it: a real process that prints its URL, answers a browser, keeps data
 * across restarts and exits cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitStorage } from '@pierre/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, stopCli } from '../helpers/cli.js';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gsk-cli-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('git-storage-local CLI', () => {
  it('serves, seeds, allows CORS, and exits 0 on SIGTERM; data survives a restart', async () => {
    const first = await startCli(dataDir, 'cli', [
      '--seed-demo',
      '--cors-origin',
      'http://app.example',
    ]);
    expect(first.output()).toContain(join(dataDir, 'dev-keys', 'private.pem'));
    expect(first.output()).toMatch(/git-storage-local token --data-dir/);

    const page = await fetch(first.url);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('git-storage-kit local server');

    const preflight = await fetch(`${first.url}/api/v1/repos/commit-pack`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const stranger = await fetch(`${first.url}/api/v1/repos/files`, {
      headers: { Origin: 'http://evil.example' },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();

    const key = await readFile(join(dataDir, 'dev-keys', 'private.pem'), 'utf8');
    const sdk = (url: string) => new GitStorage({ name: 'cli', key, apiBaseUrl: url });
    const demo = sdk(first.url).repo({ id: 'demo/hello' });
    const files = await demo.listFiles();
    expect(files.paths).toContain('README.md');
    const exposed = await demo.getFileStream({ path: 'README.md' });
    expect(exposed.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    // The bin's token subcommand mints a token the server takes.
    const token = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/local-server/cli.ts',
          'token',
          '--data-dir',
          dataDir,
          '--org',
          'cli',
          '--scopes',
          'git:read',
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
      });
      child.once('exit', (code) =>
        code === 0 ? resolve(out.trim()) : reject(new Error(`token exited ${code}`)),
      );
    });
    const viaToken = await fetch(`${first.url}/api/v1/repos/files`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await viaToken.json()) as { paths: string[] }).paths).toContain('README.md');
    const { branches } = await demo.listBranches();
    expect(branches.map((b) => b.name)).toEqual(['feature/punctuation', 'main']);
    const committed = await demo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'before restart',
        author: { name: 'A', email: 'a@example.com' },
      })
      .addFileFromString('restart.txt', 'kept\n')
      .send();
    expect(await stopCli(first.child, 'SIGTERM')).toBe(0);

    const second = await startCli(dataDir, 'cli', ['--seed-demo']);
    const again = sdk(second.url).repo({ id: 'demo/hello' });
    const { commits } = await again.listCommits({ limit: 1 });
    expect(commits[0]?.sha).toBe(committed.commitSha);
    expect(await (await again.getFileStream({ path: 'restart.txt' })).text()).toBe('kept\n');
    expect(second.output()).not.toMatch(/seeded/);
    expect(await stopCli(second.child, 'SIGINT')).toBe(0);
  });

  it('takes webhook secrets from a file or the environment, and prints URLs without passwords', async () => {
    const secretFile = join(dataDir, 'hook-secret');
    await writeFile(secretFile, 'from-a-file\n', { mode: 0o600 });
    process.env.GIT_STORAGE_WEBHOOK_SECRET = 'from-the-environment';
    let cli: Awaited<ReturnType<typeof startCli>>;
    try {
      cli = await startCli(dataDir, 'cli', [
        '--webhook-url',
        'http://127.0.0.1:9/a',
        '--webhook-secret-file',
        secretFile,
        '--webhook-url',
        'http://bot:hunter2@127.0.0.1:9/b',
      ]);
    } finally {
      delete process.env.GIT_STORAGE_WEBHOOK_SECRET;
    }
    expect(cli.output()).toContain('webhooks: http://127.0.0.1:9/a, http://bot:***@127.0.0.1:9/b');
    expect(cli.output()).not.toContain('hunter2');
    expect(await stopCli(cli.child, 'SIGTERM')).toBe(0);
  });

  it('prints its version', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/local-server/cli.ts', '--version'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
    });
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(out.trim()).toBe(`git-storage-local ${version}`);
  });

  it('says what is wrong with its arguments', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/local-server/cli.ts', '--data-dir', dataDir, '--port', '99999'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr?.on('data', (b: Buffer) => {
      err += b.toString();
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(/--port/);
  });
});
