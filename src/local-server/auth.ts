/**
 * JWT verification (PROTOCOL.md §3.7). Every request's token is checked here before any git
 * command runs: signature against the configured public keys (ES256/384/512, RS256, PS256, EdDSA),
 * `exp`, `iss` = the served org, then the repository and the scopes the route needs.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { jwsAlgorithms } from '../core/jwt.js';
import type { Scope } from '../core/wire-types.js';
import { fail } from './http-error.js';
import { parseRefRules, type RefRule } from './ref-policy.js';

export interface TokenClaims {
  repo: string;
  scopes: string[];
  iss: string;
  exp: number;
  /** Ref policies (`refs` claim, plus legacy `ops`), first match wins; undefined when none. */
  refRules: RefRule[] | undefined;
}

interface PublicKeyEntry {
  key: KeyObject;
  algs: readonly string[];
}

function algorithmsFor(key: KeyObject): readonly string[] {
  return jwsAlgorithms(key.asymmetricKeyType, key.asymmetricKeyDetails?.namedCurve);
}

/** Verifies tokens for one organisation against a set of PEM public keys. */
export class TokenVerifier {
  private readonly keys: PublicKeyEntry[];

  constructor(
    readonly org: string,
    publicKeysPem: readonly string[],
  ) {
    this.keys = publicKeysPem.map((pem) => {
      const key = createPublicKey(pem);
      return { key, algs: algorithmsFor(key) };
    });
  }

  get keyCount(): number {
    return this.keys.length;
  }

  /** Verifies `token` and returns its claims; throws a 401 HttpError otherwise. */
  async verify(token: string | undefined): Promise<TokenClaims> {
    if (!token) fail(401, 'missing token: send "Authorization: Bearer <JWT>"');
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      fail(401, 'malformed token: not a JWT');
    }
    const candidates = this.keys.filter((k) => alg !== undefined && k.algs.includes(alg));
    if (candidates.length === 0) {
      fail(401, `token algorithm ${alg ?? '(none)'} is not accepted by any configured key`);
    }
    let lastError: unknown;
    for (const { key } of candidates) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [alg as string],
          issuer: this.org,
          requiredClaims: ['exp', 'repo', 'scopes'],
        });
        if (typeof payload.repo !== 'string' || !Array.isArray(payload.scopes)) {
          fail(401, 'token claims "repo" (string) and "scopes" (array) are required');
        }
        return {
          repo: payload.repo,
          scopes: payload.scopes.filter((s): s is string => typeof s === 'string'),
          iss: payload.iss as string,
          exp: payload.exp as number,
          refRules: parseRefRules(payload.refs, payload.ops),
        };
      } catch (error) {
        lastError = error;
        if (!(error instanceof joseErrors.JWSSignatureVerificationFailed)) break;
      }
    }
    if (lastError instanceof joseErrors.JWTExpired) fail(401, 'token expired: mint a new one');
    if (lastError instanceof joseErrors.JWTClaimValidationFailed) {
      fail(401, `token rejected: ${lastError.message} (this server serves org "${this.org}")`);
    }
    if (lastError instanceof joseErrors.JWSSignatureVerificationFailed) {
      fail(401, 'token signature does not match any configured public key');
    }
    if (lastError instanceof Error && lastError.name === 'HttpError') throw lastError;
    fail(401, 'invalid token');
  }
}

/** Scopes that satisfy `needed`: `git:write` also grants reads (PROTOCOL.md §3.3, doc). */
function grants(held: readonly string[], needed: Scope): boolean {
  if (held.includes(needed)) return true;
  return needed === 'git:read' && held.includes('git:write');
}

/** Throws 403 unless the claims carry every scope in `needed`. */
export function requireScopes(claims: TokenClaims, needed: readonly Scope[]): void {
  const missing = needed.filter((s) => !grants(claims.scopes, s));
  if (missing.length > 0) {
    fail(403, `token lacks scope ${missing.join(', ')}: mint one with ${needed.join(' + ')}`);
  }
}

/** Reads the bearer token from an Authorization header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** Reads the JWT from git's Basic auth (user `t`, password = JWT). */
export function basicPassword(header: string | undefined): string | undefined {
  const match = header?.match(/^Basic\s+(\S+)\s*$/i);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : undefined;
}
