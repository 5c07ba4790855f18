/**
 * Starts a real local server on a loopback port over a fresh data dir, with one key of each
 * algorithm, and hands tests what they need to talk to it: tokens, the official SDK, raw fetch.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitStorage } from '@pierre/storage';
import { type GitStorageOptions, GitStorage as OurGitStorage } from '../../src/core/index.js';
import {
  type LocalServer,
  type LocalServerLimits,
  type LocalServerOptions,
  startLocalServer,
} from '../../src/local-server/index.js';
import { mintToken } from '../../src/server/mint-token.js';

export const ORG = 'test-org';

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

function pem(kind: 'ec' | 'rsa' | 'ed25519'): KeyPair {
  const pair =
    kind === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : kind === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const keys = { es256: pem('ec'), rs256: pem('rsa'), eddsa: pem('ed25519') };

export interface TestServer extends LocalServer {
  dataDir: string;
  /** A token from the ES256 key unless another private key is given. */
  token(
    repoId: string,
    scopes: string[],
    options?: { key?: string; ttl?: number; org?: string },
  ): Promise<string>;
  /** The official SDK pointed at this server. */
  sdk(): GitStorage;
  /** The bare repository directory the server keeps `repoId` in. */
  gitDir(repoId: string): string;
  /** fetch against `/api/v1/<path>` with a bearer token. */
  api(path: string, token: string, init?: RequestInit): Promise<Response>;
}

export async function startTestServer(
  options: {
    corsOrigins?: string[];
    log?: (line: string) => void;
    limits?: LocalServerLimits;
    /** A data dir to use (and keep on close), e.g. to restart a server over the same data. */
    dataDir?: string;
    webhooks?: LocalServerOptions['webhooks'];
    webhookRetry?: LocalServerOptions['webhookRetry'];
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'gsk-test-')));
  const server = await startLocalServer({
    dataDir,
    org: ORG,
    publicKeys: [keys.es256.publicKey, keys.rs256.publicKey, keys.eddsa.publicKey],
    corsOrigins: options.corsOrigins ?? ['http://app.example'],
    log: options.log ?? (() => {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    ...(options.webhookRetry ? { webhookRetry: options.webhookRetry } : {}),
  });
  return {
    ...server,
    dataDir,
    token: (repoId, scopes, options = {}) =>
      mintToken({
        key: options.key ?? keys.es256.privateKey,
        name: options.org ?? ORG,
        repoId,
        scopes,
        ttl: options.ttl ?? 600,
      }),
    sdk: () =>
      new GitStorage({
        name: ORG,
        key: keys.es256.privateKey,
        apiBaseUrl: server.url,
        storageBaseUrl: server.storageHost,
      }),
    gitDir: (repoId) => join(dataDir, 'repos', `${encodeURIComponent(repoId)}.git`),
    api: (path, token, init = {}) =>
      fetch(`${server.url}/api/v1/${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
      }),
    close: async () => {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The environment the tests' own git runs with: none of the host's `GIT_*` variables and no
 * global config (the suites run under a hostile one; see hostile-git-config.ts).
 */
function testGitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('GIT_')) env[name] = value;
  }
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
}

/**
 * Runs the real git CLI (for clone/push tests and for checking what the server wrote), with
 * `input` on stdin. Resolves with stdout, trimmed; rejects with stderr in the message.
 */
export function git(args: string[], cwd?: string, input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: testGitEnv() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString();
      if (code === 0) resolve(Buffer.concat(out).toString().trim());
      else reject(new Error(`git ${args.join(' ')} failed (${code}): ${stderr}`));
    });
    child.stdin.on('error', () => {}); // git may exit before reading stdin; its code says why.
    child.stdin.end(input);
  });
}

/** One NDJSON line. */
export function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

export const AUTHOR = { name: 'Test Author', email: 'test@example.com' };

/** Commit-pack metadata for `branch` with the given files. */
export function metadata(
  branch: string,
  files: { path: string; content_id: string; operation?: string; mode?: string }[],
  extra: Record<string, unknown> = {},
): string {
  return line({
    metadata: {
      target_branch: branch,
      commit_message: 'test commit',
      author: AUTHOR,
      files: files.map((f) => ({ operation: 'upsert', mode: '100644', ...f })),
      ...extra,
    },
  });
}

export function chunk(contentId: string, data: string | Buffer, eof = true): string {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return line({ blob_chunk: { content_id: contentId, data: bytes.toString('base64'), eof } });
}

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
export function randomBytesSeeded(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const word = x >>> 0;
    for (let b = 0; b < 4 && i + b < size; b++) out[i + b] = (word >>> (8 * b)) & 0xff;
  }
  return out;
}

/** Our own client pointed at the test server, minting tokens through `getToken` as a host would. */
export function ourClient(
  server: TestServer,
  options: Partial<GitStorageOptions> = {},
): OurGitStorage {
  return new OurGitStorage({
    name: ORG,
    apiBaseUrl: server.url,
    storageBaseUrl: server.url,
    getToken: ({ repoId, scopes }) => server.token(repoId, [...scopes]),
    ...options,
  });
}
