/**
 * Token minting from a PEM private key for server-side use of the core client (the official
 * SDK's `key` option). Loaded lazily, so browser bundles that use `getToken` never contain it.
 * The claims and the algorithm table are core/jwt.ts's, shared with `mintToken`; in Node the key
 * is parsed by node:crypto, so it takes every key `mintToken` takes (PKCS#8, SEC1 and PKCS#1;
 * EC P-256/384/521, RSA, Ed25519). Elsewhere PKCS#8 is read with WebCrypto.
 */
import { importPKCS8, SignJWT } from 'jose';
import { ValidationError } from './errors.js';
import { jwsAlgorithms, tokenClaims } from './jwt.js';
import type { TokenRequest } from './types.js';

type SigningKey = { key: CryptoKey | object; alg: string };

interface NodeCrypto {
  createPrivateKey(pem: string): {
    type: string;
    asymmetricKeyType?: string;
    asymmetricKeyDetails?: { namedCurve?: string };
  };
}

function nodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
}

const UNSUPPORTED =
  'key must be a PEM private key: EC P-256/P-384/P-521, RSA or Ed25519 (PKCS#8; in Node also SEC1 or PKCS#1)';

async function importAnywhere(pem: string): Promise<SigningKey> {
  const crypto = nodeCrypto();
  if (crypto) {
    let key: ReturnType<NodeCrypto['createPrivateKey']>;
    try {
      key = crypto.createPrivateKey(pem);
    } catch {
      throw new ValidationError('key', UNSUPPORTED);
    }
    let alg: string;
    try {
      alg = jwsAlgorithms(key.asymmetricKeyType, key.asymmetricKeyDetails?.namedCurve)[0] as string;
    } catch (error) {
      throw new ValidationError('key', `${(error as Error).message}`);
    }
    return { key, alg };
  }
  for (const alg of ['ES256', 'ES384', 'ES512', 'RS256', 'EdDSA']) {
    try {
      return { key: await importPKCS8(pem, alg), alg };
    } catch {
      // not this algorithm: try the next
    }
  }
  throw new ValidationError('key', UNSUPPORTED);
}

const imported = new Map<string, Promise<SigningKey>>();

function importKey(pem: string): Promise<SigningKey> {
  let pending = imported.get(pem);
  if (!pending) {
    pending = importAnywhere(pem);
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
  return new SignJWT(tokenClaims({ name, repoId: request.repoId, scopes: request.scopes, ttl }))
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(key as CryptoKey);
}
