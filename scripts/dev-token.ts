/**
 * Prints a JWT signed with the local server's development key, for curl and quick experiments:
 *   npm run token -- --repo demo/hello [--scopes git:read,git:write] [--ttl 3600]
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken } from '../src/server/mint-token.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.data' },
    org: { type: 'string', default: 'local' },
    repo: { type: 'string', default: 'demo/hello' },
    scopes: { type: 'string', default: 'git:read,git:write' },
    ttl: { type: 'string', default: '3600' },
  },
});
const key = await readFile(join(resolve(values['data-dir']), 'dev-keys', 'private.pem'), 'utf8');
const token = await mintToken({
  key,
  name: values.org,
  repoId: values.repo,
  scopes: values.scopes.split(',').map((s) => s.trim()),
  ttl: Number(values.ttl),
});
process.stdout.write(`${token}\n`);
