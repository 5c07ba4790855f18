import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DevKeys {
  privateKeyPath: string;
  publicKeyPath: string;
  publicKeyPem: string;
}

/**
 * Makes (or reuses) an ES256 key pair under `<dataDir>/dev-keys/` for demos and development.
 * The private key stays on this machine; never ship it to a browser.
 */
export async function ensureDevKeys(dataDir: string): Promise<DevKeys> {
  const dir = join(dataDir, 'dev-keys');
  const privateKeyPath = join(dir, 'private.pem');
  const publicKeyPath = join(dir, 'public.pem');
  try {
    const publicKeyPem = await readFile(publicKeyPath, 'utf8');
    await readFile(privateKeyPath, 'utf8');
    return { privateKeyPath, publicKeyPath, publicKeyPem };
  } catch {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    await writeFile(publicKeyPath, publicKeyPem);
    return { privateKeyPath, publicKeyPath, publicKeyPem };
  }
}
