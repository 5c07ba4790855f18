/**
 * Where `GitStorage` finds the code that mints tokens from a private key. The Node entry
 * (index.ts) registers a lazy loader; the browser entry does not, so browser bundles hold no
 * signing code at all.
 */
import { ValidationError } from './errors.js';
import type { signWithKey } from './key-signer.js';

type Loader = () => Promise<{ signWithKey: typeof signWithKey }>;

let loader: Loader | undefined;

export function registerKeySigner(load: Loader): void {
  loader = load;
}

export async function keySigner(): Promise<typeof signWithKey> {
  if (!loader) {
    throw new ValidationError(
      'key',
      'minting tokens from a private key is for servers (the Node entry of git-storage-kit); in a browser give getToken, backed by your token endpoint',
    );
  }
  return (await loader()).signWithKey;
}
