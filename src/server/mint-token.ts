/**
 * Mints short-lived, repository-scoped JWTs for Code Storage (PROTOCOL.md §3) on the host
 * backend. The algorithm follows the key: EC P-256/384/521 → ES256/384/512, RSA → RS256,
 * Ed25519 → EdDSA. Never call this in a browser: it needs the private key.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { ValidationError } from '../core/errors.js';
import { jwsAlgorithms, type RefPolicy, tokenClaims } from '../core/jwt.js';
import type { Scope } from '../core/wire-types.js';

export type { RefPolicy };

export interface MintTokenOptions {
  /** PEM private key (PKCS#8, SEC1 or PKCS#1), or a Node `KeyObject`. */
  key: string | KeyObject;
  /** The organisation slug; becomes `iss`. */
  name: string;
  /** The repository the token is for (`"org"` for org-level calls such as listRepos). */
  repoId: string;
  scopes: readonly (Scope | (string & {}))[];
  /** Lifetime in seconds, 1 or more; default 900 (15 minutes). Anything else throws `ValidationError`. */
  ttl?: number;
  refPolicies?: readonly RefPolicy[];
}

/** Picks the JWS algorithm a private key signs with (the table in core/jwt.ts). */
export function algorithmForKey(key: KeyObject): string {
  try {
    return jwsAlgorithms(key.asymmetricKeyType, key.asymmetricKeyDetails?.namedCurve)[0] as string;
  } catch (error) {
    throw new Error(`mintToken: ${(error as Error).message}`);
  }
}

/** Signs a token; resolves to the compact JWT string. */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  const key = typeof options.key === 'string' ? createPrivateKey(options.key) : options.key;
  if (key.type !== 'private') throw new Error('mintToken: "key" must be a private key');
  if (options.ttl !== undefined && !(Number.isFinite(options.ttl) && options.ttl >= 1)) {
    // A token that is already expired, or never expires, is a mistake to report, not to repair.
    throw new ValidationError(
      'ttl',
      `mintToken: "ttl" must be a number of seconds, 1 or more (got ${String(options.ttl)})`,
    );
  }
  const ttl = options.ttl !== undefined ? Math.floor(options.ttl) : 900;
  return new SignJWT(
    tokenClaims({
      name: options.name,
      repoId: options.repoId,
      scopes: options.scopes,
      ttl,
      ...(options.refPolicies ? { refPolicies: options.refPolicies } : {}),
    }),
  )
    .setProtectedHeader({ alg: algorithmForKey(key), typ: 'JWT' })
    .sign(key);
}
