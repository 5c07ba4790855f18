/**
 * What a Code Storage token says and how it is signed (PROTOCOL.md §3), in one place for everyone
 * who mints or checks one: the core client's `key` mode, the host's `mintToken` and the local
 * server's verifier. Pure data, no crypto: runs anywhere.
 */
import type { Scope } from './wire-types.js';

/** One ordered ref rule: the first matching pattern wins (PROTOCOL.md §3.5). */
export interface RefPolicy {
  pattern: string;
  ops?: readonly ('no-force-push' | 'no-push' | 'verify-sig')[];
}

export interface TokenClaimsInput {
  /** The organisation slug; becomes `iss`. */
  name: string;
  /** The repository the token is for (`"org"` for org-level calls such as listRepos). */
  repoId: string;
  scopes: readonly (Scope | (string & {}))[];
  /** Lifetime in seconds. */
  ttl: number;
  refPolicies?: readonly RefPolicy[];
  /** The token's subject (default `@pierre/storage`, as the official SDK). */
  subject?: string;
  /** Unix seconds (default now). */
  now?: number;
}

/** The payload of a token: `iss`, `sub`, `repo`, `scopes`, `iat`, `exp`, and `refs` if any. */
export function tokenClaims(input: TokenClaimsInput): Record<string, unknown> {
  const now = input.now ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: input.name,
    sub: input.subject ?? '@pierre/storage',
    repo: input.repoId,
    scopes: [...input.scopes],
    iat: now,
    exp: now + input.ttl,
  };
  if (input.refPolicies && input.refPolicies.length > 0) {
    claims.refs = input.refPolicies.map((p) => [p.pattern, [...(p.ops ?? [])]]);
  }
  return claims;
}

const EC_CURVES: Record<string, string> = {
  prime256v1: 'ES256',
  'P-256': 'ES256',
  secp384r1: 'ES384',
  'P-384': 'ES384',
  secp521r1: 'ES512',
  'P-521': 'ES512',
};

/**
 * The JWS algorithms a key of this type (Node's `asymmetricKeyType`) and curve signs or verifies
 * with; the first is the one used to sign. Throws an Error that names what is supported.
 */
export function jwsAlgorithms(keyType: string | undefined, curve?: string): readonly string[] {
  switch (keyType) {
    case 'ec': {
      const alg = curve ? EC_CURVES[curve] : undefined;
      if (!alg) throw new Error(`unsupported EC curve ${String(curve)}; use P-256, P-384 or P-521`);
      return [alg];
    }
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ed25519':
    case 'ed448':
      return ['EdDSA'];
    default:
      throw new Error(
        `unsupported key type ${String(keyType)}; use an EC (P-256, P-384, P-521), RSA or Ed25519 key`,
      );
  }
}
