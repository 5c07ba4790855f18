/**
 * Mints short-lived, repository-scoped JWTs for Code Storage (PROTOCOL.md §3) on the host
 * backend. The algorithm follows the key: EC P-256/384/521 → ES256/384/512, RSA → RS256,
 * Ed25519 → EdDSA. Never call this in a browser: it needs the private key.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Scope } from '../core/wire-types.js';

/** One ordered ref rule: first matching pattern wins (PROTOCOL.md §3.5). */
export interface RefPolicy {
  pattern: string;
  ops?: readonly ('no-force-push' | 'no-push' | 'verify-sig')[];
}

export interface MintTokenOptions {
  /** PEM private key (PKCS#8, SEC1 or PKCS#1), or a Node `KeyObject`. */
  key: string | KeyObject;
  /** The organisation slug; becomes `iss`. */
  name: string;
  /** The repository the token is for (`"org"` for org-level calls such as listRepos). */
  repoId: string;
  scopes: readonly (Scope | (string & {}))[];
  /** Lifetime in seconds; default 900 (15 minutes). */
  ttl?: number;
  refPolicies?: readonly RefPolicy[];
}

/** Picks the JWS algorithm a private key signs with. */
export function algorithmForKey(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'prime256v1') return 'ES256';
      if (curve === 'secp384r1') return 'ES384';
      if (curve === 'secp521r1') return 'ES512';
      throw new Error(`mintToken: unsupported EC curve ${String(curve)}; use P-256`);
    }
    case 'rsa':
      return 'RS256';
    case 'ed25519':
      return 'EdDSA';
    default:
      throw new Error(
        `mintToken: unsupported key type ${String(key.asymmetricKeyType)}; use an EC P-256, RSA or Ed25519 key`,
      );
  }
}

/** Signs a token; resolves to the compact JWT string. */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  const key = typeof options.key === 'string' ? createPrivateKey(options.key) : options.key;
  if (key.type !== 'private') throw new Error('mintToken: "key" must be a private key');
  const ttl = options.ttl !== undefined && options.ttl > 0 ? Math.floor(options.ttl) : 900;
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    repo: options.repoId,
    scopes: [...options.scopes],
  };
  if (options.refPolicies && options.refPolicies.length > 0) {
    claims.refs = options.refPolicies.map((p) => [p.pattern, [...(p.ops ?? [])]]);
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: algorithmForKey(key), typ: 'JWT' })
    .setIssuer(options.name)
    .setSubject('@pierre/storage')
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(key);
}
