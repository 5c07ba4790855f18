/**
 * HTTPS: the CLI with --dev-tls serves the API and git smart HTTP over TLS with a self-signed
 * certificate; the official SDK (in its own Node process, trusting the certificate through
 * NODE_EXTRA_CA_CERTS) works with its default https:// remotes, and git clones and pushes them
 * with the one option the README shows.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli.js';
import { git } from '../helpers/local-server.js';

let dataDir: string;
let child: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gsk-tls-'));
  const cli = await startCli(dataDir, 'tls', ['--dev-tls']);
  child = cli.child;
  url = cli.url;
  output = cli.output();
}, 60_000);

afterAll(async () => {
  child.kill('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
});

const certPath = () => join(dataDir, 'dev-tls', 'cert.pem');

describe('TLS', () => {
  it('serves HTTPS with a self-signed certificate for localhost and 127.0.0.1', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain(`git -c http.sslCAInfo=${certPath()} clone`);
    const cert = new X509Certificate(await readFile(certPath(), 'utf8'));
    expect(cert.subjectAltName).toMatch(/DNS:localhost/);
    expect(cert.subjectAltName).toMatch(/IP Address:127\.0\.0\.1/);
    // Untrusted, the certificate is refused; trusted, the landing page answers.
    await expect(fetch(url)).rejects.toThrow();
    const status = await new Promise<number>((resolve, reject) => {
      request(url, { ca: cert.toString() }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    // Plain HTTP on the TLS port is not served.
    await expect(fetch(url.replace('https:', 'http:'))).rejects.toThrow();
  });

  it('works for the official SDK with https:// remotes, and for git clone and push', async () => {
    const key = await readFile(join(dataDir, 'dev-keys', 'private.pem'), 'utf8');
    // The SDK in its own process, trusting the certificate as a user would.
    const script = `
      import { GitStorage } from '@pierre/storage';
      const storage = new GitStorage({ name: 'tls', key: process.env.KEY, apiBaseUrl: process.env.API, storageBaseUrl: new URL(process.env.API).host });
      const repo = await storage.createRepo({ id: 'tls/repo' });
      await repo.createCommit({ targetBranch: 'main', commitMessage: 'over TLS', author: { name: 'A', email: 'a@example.com' } })
        .addFileFromString('hello.txt', 'hello over TLS\\n').send();
      console.log(await repo.getRemoteURL());
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath(), KEY: key, API: url } },
    );
    const remote = stdout.trim();
    expect(remote).toMatch(/^https:\/\/t:[^@]+@127\.0\.0\.1:\d+\/tls\/repo\.git$/);
    const work = await mkdtemp(join(tmpdir(), 'gsk-tls-clone-'));
    try {
      await git(['-c', `http.sslCAInfo=${certPath()}`, 'clone', '-q', remote, work]);
      expect(await readFile(join(work, 'hello.txt'), 'utf8')).toBe('hello over TLS\n');
      await git(['-C', work, 'commit', '-q', '--allow-empty', '-m', 'pushed over TLS']);
      await git([
        '-C',
        work,
        '-c',
        `http.sslCAInfo=${certPath()}`,
        'push',
        '-q',
        'origin',
        'HEAD:main',
      ]);
      const ls = await git([
        '-c',
        `http.sslCAInfo=${certPath()}`,
        'ls-remote',
        remote,
        'refs/heads/main',
      ]);
      expect(ls.split('\t')[0]).toBe(await git(['-C', work, 'rev-parse', 'HEAD']));
      // Without trusting it, git refuses the certificate.
      await expect(git(['ls-remote', remote])).rejects.toThrow(/certificate|SSL|TLS/i);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
