#!/usr/bin/env node
/**
 * git-storage-local: runs the local Code Storage server.
 *
 *   git-storage-local --port 8787 --data-dir .data --org local --dev-keys --cors-origin '*'
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDevKeys } from './dev-keys.js';
import { RepoStore } from './repo-store.js';
import { DEMO_REPO_ID, seedDemoRepo } from './seed.js';
import { startLocalServer } from './server.js';

const USAGE = `usage: git-storage-local [options]
  --port N              port to listen on (0 = any free port; default 8787)
  --host H              interface to bind (default 127.0.0.1)
  --data-dir DIR        where repositories live (default ./.data)
  --org NAME            organisation served; tokens need iss = NAME (default local)
  --public-key PEM      a PEM public key, or a file holding one (repeatable)
  --dev-keys            make or reuse a key pair in DATA_DIR/dev-keys and accept it
  --cors-origin ORIGIN  allow browser calls from ORIGIN, or * (repeatable)
  --seed-demo           create the demo repository ${DEMO_REPO_ID} if missing
  --help                show this help`;

async function pemFrom(value: string): Promise<string> {
  return value.includes('-----BEGIN') ? value : readFile(resolve(value), 'utf8');
}

async function main(): Promise<void> {
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
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
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
  });
  if (values['dev-keys']) {
    notes.push(
      `get a token: npm run token -- --data-dir ${values['data-dir']} --org ${values.org} --repo ${DEMO_REPO_ID}`,
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
