#!/usr/bin/env node
/**
 * git-storage-local: runs the local Code Storage server.
 *
 *   git-storage-local --port 8787 --data-dir .data --org local --dev-keys --cors-origin '*'
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signWithKey } from '../core/key-signer.js';
import type { Scope } from '../core/wire-types.js';
import { ensureDevKeys, ensureDevTls } from './dev-keys.js';
import { RepoStore } from './repo-store.js';
import { DEMO_REPO_ID, seedDemoRepo } from './seed.js';
import { startLocalServer } from './server.js';
import { redactUrl } from './webhooks.js';

/** This package's version, from its package.json (two folders up from src/ and from dist/). */
async function packageVersion(): Promise<string> {
  // A path, not `new URL('…', import.meta.url)`: Vite would inline that URL as a data: asset.
  const here = dirname(fileURLToPath(import.meta.url));
  const text = await readFile(join(here, '..', '..', 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

const TOKEN_USAGE = `usage: git-storage-local token [options]
  prints a JWT signed with the development key of DATA_DIR (made by --dev-keys)
  --data-dir DIR        the server's data dir (default ./.data)
  --org NAME            organisation; the token's iss (default local)
  --repo ID             repository id (default ${DEMO_REPO_ID}; "org" for listing repositories)
  --scopes LIST         comma-separated (default git:read,git:write)
  --ttl SECONDS         lifetime (default 3600)`;

const USAGE = `usage: git-storage-local [options]
       git-storage-local token --repo ID [--scopes …]   (see git-storage-local token --help)
  --port N              port to listen on (0 = any free port; default 8787)
  --host H              interface to bind (default 127.0.0.1)
  --data-dir DIR        where repositories live (default ./.data)
  --org NAME            organisation served; tokens need iss = NAME (default local)
  --public-key PEM      a PEM public key, or a file holding one (repeatable)
  --dev-keys            make or reuse a key pair in DATA_DIR/dev-keys and accept it
  --cors-origin ORIGIN  allow browser calls from ORIGIN, or * (repeatable)
  --tls-cert FILE       serve HTTPS with this PEM certificate (with --tls-key)
  --tls-key FILE        the certificate's PEM private key
  --dev-tls             serve HTTPS with a self-signed certificate made in DATA_DIR/dev-tls
  --seed-demo           create the demo repository ${DEMO_REPO_ID} if missing
  --webhook-url URL     send a signed push event to URL after every ref change (repeatable)
  --webhook-secret S    the secret for the --webhook-url at the same position (visible to
                        other users in the process list: prefer the two below)
  --webhook-secret-file FILE
                        read that secret from FILE instead (repeatable, by position)
                        GIT_STORAGE_WEBHOOK_SECRET in the environment: the secret of every
                        --webhook-url not given one above
  --version             print the version
  --help                show this help`;

async function pemFrom(value: string): Promise<string> {
  return value.includes('-----BEGIN') ? value : readFile(resolve(value), 'utf8');
}

/** `git-storage-local token …`: a development token, for curl and quick experiments. */
async function printToken(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string', default: '.data' },
      org: { type: 'string', default: 'local' },
      repo: { type: 'string', default: DEMO_REPO_ID },
      scopes: { type: 'string', default: 'git:read,git:write' },
      ttl: { type: 'string', default: '3600' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${TOKEN_USAGE}\n`);
    return;
  }
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1) throw new Error(`--ttl: "${values.ttl}" is not seconds`);
  const keyFile = join(resolve(values['data-dir']), 'dev-keys', 'private.pem');
  let key: string;
  try {
    key = await readFile(keyFile, 'utf8');
  } catch {
    throw new Error(
      `no development key at ${keyFile}: start the server once with --dev-keys --data-dir ${values['data-dir']}`,
    );
  }
  const scopes = values.scopes
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as Scope[];
  process.stdout.write(
    `${await signWithKey(values.org, key, ttl, { repoId: values.repo, scopes })}\n`,
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === 'token') {
    await printToken(process.argv.slice(3));
    return;
  }
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string', default: '.data' },
      org: { type: 'string', default: 'local' },
      'public-key': { type: 'string', multiple: true, default: [] },
      'dev-keys': { type: 'boolean', default: false },
      'cors-origin': { type: 'string', multiple: true, default: [] },
      'seed-demo': { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'dev-tls': { type: 'boolean', default: false },
      'webhook-url': { type: 'string', multiple: true, default: [] },
      'webhook-secret': { type: 'string', multiple: true, default: [] },
      'webhook-secret-file': { type: 'string', multiple: true, default: [] },
      version: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.version) {
    process.stdout.write(`git-storage-local ${await packageVersion()}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: "${values.port}" is not a port`);
  const dataDir = resolve(values['data-dir']);
  const publicKeys = await Promise.all(values['public-key'].map(pemFrom));
  const notes: string[] = [];
  if (values['dev-keys']) {
    const keys = await ensureDevKeys(dataDir);
    publicKeys.push(keys.publicKeyPem);
    notes.push(
      `dev private key: ${keys.privateKeyPath} (for minting tokens; keep it off browsers)`,
    );
  }
  if (publicKeys.length === 0)
    throw new Error('give --public-key PEM (or --dev-keys for development)');
  const urls = values['webhook-url'];
  const secrets = [
    ...values['webhook-secret'],
    ...(await Promise.all(
      values['webhook-secret-file'].map(async (file) =>
        (await readFile(resolve(file), 'utf8')).trim(),
      ),
    )),
  ];
  const fromEnv = process.env.GIT_STORAGE_WEBHOOK_SECRET;
  while (fromEnv && secrets.length < urls.length) secrets.push(fromEnv);
  if (urls.length !== secrets.length) {
    throw new Error(
      `give one secret per --webhook-url (${urls.length} URL(s), ${secrets.length} secret(s)): ` +
        '--webhook-secret-file FILE, GIT_STORAGE_WEBHOOK_SECRET or --webhook-secret',
    );
  }
  const webhooks = urls.map((url, i) => ({ url, secret: secrets[i] as string }));
  let tls: { cert: string; key: string } | undefined;
  if (values['tls-cert'] || values['tls-key']) {
    if (!values['tls-cert'] || !values['tls-key']) {
      throw new Error('give both --tls-cert FILE and --tls-key FILE');
    }
    if (values['dev-tls']) throw new Error('--dev-tls makes its own certificate: drop --tls-cert');
    const [cert, key] = await Promise.all([
      readFile(resolve(values['tls-cert']), 'utf8'),
      readFile(resolve(values['tls-key']), 'utf8'),
    ]);
    tls = { cert, key };
  } else if (values['dev-tls']) {
    const dev = await ensureDevTls(dataDir, values.host === '127.0.0.1' ? [] : [values.host]);
    tls = { cert: dev.cert, key: dev.key };
    notes.push(
      `self-signed certificate: ${dev.certPath}`,
      `trust it in git: git -c http.sslCAInfo=${dev.certPath} clone <remote>`,
      `trust it in Node: NODE_EXTRA_CA_CERTS=${dev.certPath} node …`,
    );
  }
  if (webhooks.length > 0) notes.push(`webhooks: ${urls.map(redactUrl).join(', ')}`);
  if (values['seed-demo']) {
    const store = new RepoStore(dataDir);
    await store.init();
    if (await seedDemoRepo(store)) notes.push(`seeded demo repository ${DEMO_REPO_ID}`);
  }
  const server = await startLocalServer({
    dataDir,
    org: values.org,
    publicKeys,
    port,
    host: values.host,
    corsOrigins: values['cors-origin'],
    webhooks,
    ...(tls ? { tls } : {}),
  });
  if (values['dev-keys']) {
    notes.push(
      `get a token: git-storage-local token --data-dir ${values['data-dir']} --org ${values.org} --repo ${DEMO_REPO_ID}`,
    );
  }
  // One write, so whoever reads "listening on" has the notes too.
  process.stdout.write(`listening on ${server.url}\n${notes.map((n) => `  ${n}\n`).join('')}`);
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `git-storage-local: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
