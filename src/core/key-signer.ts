/**
 * Token minting from a PEM private key for server-side use of the core client (the official
 * SDK's `key` option). Loaded lazily, so browser bundles that use `getToken` never contain it.
 */
import { importPKCS8, SignJWT } from 'jose';
import { ValidationError } from './errors.js';
import type { TokenRequest } from './types.js';

const imported = new Map<string, Promise<{ key: CryptoKey; alg: string }>>();

function importKey(pem: string): Promise<{ key: CryptoKey; alg: string }> {
  let pending = imported.get(pem);
  if (!pending) {
    pending = (async () => {
      for (const alg of ['ES256', 'RS256', 'EdDSA']) {
        try {
          return { key: await importPKCS8(pem, alg), alg };
        } catch {
          // not this algorithm: try the next
        }
      }
      throw new ValidationError(
        'key',
        'key must be a PKCS#8 PEM private key (EC P-256, RSA or Ed25519)',
      );
    })();
    imported.set(pem, pending);
  }
  return pending;
}

export async function signWithKey(
  name: string,
  pem: string,
  ttl: number,
  request: TokenRequest,
): Promise<string> {
  const { key, alg } = await importKey(pem);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ repo: request.repoId, scopes: [...request.scopes] })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuer(name)
    .setSubject('git-storage-kit')
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(key);
}
