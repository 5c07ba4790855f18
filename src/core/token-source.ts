/**
 * Tokens per repository and scope set: cached, refreshed ahead of expiry, and fetched once for
 * any number of concurrent callers. Tokens are never logged or put in error messages.
 */
import { AuthError, ValidationError } from './errors.js';
import type { GetToken, TokenResult } from './types.js';
import type { Scope } from './wire-types.js';

interface Entry {
  token?: string;
  /** Epoch ms; Infinity when the token says nothing about expiry. */
  expiresAt?: number;
  /** Epoch ms from which a new token is fetched instead. */
  refreshAt?: number;
  pending?: Promise<string>;
  /** Aborts the shared fetch: when every caller waiting for it gave up, or on `clear`. */
  controller?: AbortController;
  /** Callers waiting with no signal count as never giving up. */
  waiters?: number;
  /** Set by `clear`: what this entry fetches is not handed out. */
  cleared?: boolean;
}

/** Refresh this long before expiry, but never more than a fifth of the token's lifetime. */
const REFRESH_MARGIN_MS = 60_000;

function toEpochMs(value: number | string | Date): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(value);
  // Seconds (like a JWT's exp) or milliseconds: anything below 1e11 is seconds.
  return value < 1e11 ? value * 1000 : value;
}

function expiryOf(result: TokenResult): { token: string; expiresAt: number } {
  const token = typeof result === 'string' ? result : result?.token;
  if (typeof token !== 'string' || token === '') {
    let got: string;
    try {
      got = JSON.stringify(result)?.slice(0, 200) ?? String(result);
    } catch {
      got = String(result);
    }
    throw new AuthError(
      `getToken returned ${got} instead of a token: return a JWT string or { token, expiresAt } (if your token endpoint refused, throw its reason instead)`,
      401,
      result,
    );
  }
  if (typeof result === 'object' && result.expiresAt !== undefined) {
    return { token, expiresAt: toEpochMs(result.expiresAt) };
  }
  const exp = jwtExpiry(token);
  return { token, expiresAt: exp === undefined ? Number.POSITIVE_INFINITY : exp * 1000 };
}

/**
 * The `exp` claim of a JWT, unverified (the server verifies; the client only schedules refreshes).
 * Hand-written rather than jose's decodeJwt: that pulls ~2 KB gzip of shared jose code into every
 * browser bundle, which took the core entry past its 12 KB budget, to read one number.
 */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const text = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const exp = (JSON.parse(new TextDecoder().decode(bytes)) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

export class TokenSource {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly getToken: GetToken) {}

  private static key(repoId: string, scopes: readonly Scope[]): string {
    return `${repoId}\n${[...scopes].sort().join(' ')}`;
  }

  /**
   * A valid token for `repoId` with `scopes`, from the cache or fetched (once for all callers).
   * `getToken` gets a signal that aborts when every caller waiting for that fetch has aborted,
   * or when the tokens are cleared.
   */
  async get(repoId: string, scopes: readonly Scope[], signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const key = TokenSource.key(repoId, scopes);
    const entry = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    const now = Date.now();
    if (entry.token && entry.refreshAt !== undefined && now < entry.refreshAt) return entry.token;
    if (!entry.pending) {
      const controller = new AbortController();
      const started = this.fetch(entry, repoId, scopes, controller.signal);
      entry.pending = started;
      entry.controller = controller;
      entry.waiters = 0;
      started
        .finally(() => {
          if (entry.pending === started) {
            entry.pending = undefined;
            entry.controller = undefined;
          }
          if (!entry.token && this.entries.get(key) === entry) this.entries.delete(key);
        })
        .catch(() => {});
    }
    const pending = entry.pending as Promise<string>;
    const controller = entry.controller as AbortController;
    if (!signal) {
      entry.waiters = Number.POSITIVE_INFINITY;
      return pending;
    }
    entry.waiters = (entry.waiters ?? 0) + 1;
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason);
        entry.waiters = (entry.waiters ?? 1) - 1;
        if (entry.waiters === 0 && entry.pending === pending) controller.abort(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * Forgets every cached token (or those of one repository) and aborts their fetches in flight;
   * callers still waiting for one are refused. Call it when the user signs out, so the next
   * request asks `getToken` again, with the new user's session.
   */
  clear(repoId?: string): void {
    for (const [key, entry] of this.entries) {
      if (repoId !== undefined && !key.startsWith(`${repoId}\n`)) continue;
      entry.cleared = true;
      entry.controller?.abort(
        new AuthError('the tokens were cleared (signed out) while waiting for one'),
      );
      this.entries.delete(key);
    }
  }

  private async fetch(
    entry: Entry,
    repoId: string,
    scopes: readonly Scope[],
    signal: AbortSignal,
  ): Promise<string> {
    let result: TokenResult;
    try {
      result = await this.getToken({ repoId, scopes, signal });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof AuthError || error instanceof ValidationError) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new AuthError(
        `could not get a token for ${repoId} (${scopes.join(', ')}): ${why}. Check that the token endpoint is reachable and allows this repository.`,
        401,
        error,
      );
    }
    if (entry.cleared) {
      throw new AuthError('the tokens were cleared (signed out) while waiting for one');
    }
    const { token, expiresAt } = expiryOf(result);
    const lifetime = expiresAt - Date.now();
    if (lifetime <= 0) {
      throw new AuthError(
        `getToken returned an expired token for ${repoId}: mint tokens with a future exp`,
      );
    }
    entry.token = token;
    entry.expiresAt = expiresAt;
    entry.refreshAt = expiresAt - Math.min(REFRESH_MARGIN_MS, lifetime / 5);
    return token;
  }

  /** Forgets `token` (the server refused it) so that the next `get` fetches a fresh one. */
  invalidate(repoId: string, scopes: readonly Scope[], token: string): void {
    const key = TokenSource.key(repoId, scopes);
    const entry = this.entries.get(key);
    if (entry?.token === token && !entry.pending) this.entries.delete(key);
  }
}
