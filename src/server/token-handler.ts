/**
 * A Fetch-API token endpoint for the host backend: `(Request) => Promise<Response>`, mountable in
 * Next.js route handlers, Hono, Remix, or Express through an adapter. The browser asks for a
 * repository and scopes; your `authorize` says what this caller may have; the handler mints a
 * short-lived token for no more than both allow.
 */
import type { Scope } from '../core/wire-types.js';
import { mintToken } from './mint-token.js';

const SCOPES: readonly Scope[] = ['git:read', 'git:write', 'repo:write', 'org:read'];

/** What a caller may have. */
export interface TokenGrant {
  repoId: string;
  scopes: readonly Scope[];
  /** Seconds; capped by the handler's `maxTtl`. */
  ttl?: number;
}

export type AuthorizeResult = TokenGrant | null | 'unauthenticated';

export interface TokenHandlerOptions {
  /** PEM private key (stays on the server). */
  key: string;
  /** Your organisation slug. */
  name: string;
  /**
   * Decides what the caller of this request may have, e.g. from your session cookie. Return a
   * grant, `null` to refuse (403), or `'unauthenticated'` (401).
   */
  authorize: (
    request: Request,
    wanted: { repoId: string; scopes: Scope[] },
  ) => AuthorizeResult | Promise<AuthorizeResult>;
  /** Token lifetime when the grant names none, in seconds (default 900). */
  defaultTtl?: number;
  /** Longest lifetime ever minted, in seconds (default 3600). */
  maxTtl?: number;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}

function parseScopes(value: unknown): Scope[] | string {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[,\s]+/).filter(Boolean)
      : [];
  if (list.length === 0) return 'scopes is required, e.g. scopes=git:read';
  const unknown = list.find((s) => !SCOPES.includes(s as Scope));
  if (unknown !== undefined)
    return `unknown scope ${JSON.stringify(unknown)}; use ${SCOPES.join(', ')}`;
  return [...new Set(list as Scope[])];
}

async function wanted(request: Request): Promise<{ repoId: string; scopes: Scope[] } | string> {
  let repo: unknown;
  let scopes: unknown;
  if (request.method === 'GET') {
    const url = new URL(request.url);
    repo = url.searchParams.get('repo') ?? url.searchParams.get('repoId');
    scopes = url.searchParams.get('scopes');
  } else {
    let body: Record<string, unknown>;
    try {
      body = (await request.json()) as Record<string, unknown>;
    } catch {
      return 'the body must be JSON: {"repo": "…", "scopes": ["git:read"]}';
    }
    repo = body.repo ?? body.repoId;
    scopes = body.scopes;
  }
  if (typeof repo !== 'string' || repo.trim() === '') return 'repo is required';
  const parsed = parseScopes(scopes);
  if (typeof parsed === 'string') return parsed;
  return { repoId: repo.trim(), scopes: parsed };
}

export function createTokenHandler(
  options: TokenHandlerOptions,
): (request: Request) => Promise<Response> {
  const defaultTtl = options.defaultTtl ?? 900;
  const maxTtl = options.maxTtl ?? 3600;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'POST') {
      return json(405, { error: 'use GET ?repo=ID&scopes=… or POST {"repo", "scopes"}' });
    }
    const want = await wanted(request);
    if (typeof want === 'string') return json(400, { error: want });
    const grant = await options.authorize(request, want);
    if (grant === 'unauthenticated') return json(401, { error: 'sign in to get a storage token' });
    if (grant === null || grant.repoId !== want.repoId) {
      return json(403, { error: `not allowed to access ${want.repoId}` });
    }
    // Never more than asked for, never more than granted.
    const scopes = want.scopes.filter((s) => grant.scopes.includes(s));
    if (scopes.length === 0)
      return json(403, { error: `none of ${want.scopes.join(', ')} is allowed` });
    const ttl = Math.max(1, Math.min(grant.ttl ?? defaultTtl, maxTtl));
    const token = await mintToken({
      key: options.key,
      name: options.name,
      repoId: want.repoId,
      scopes,
      ttl,
    });
    const expiresAt = new Date((Math.floor(Date.now() / 1000) + ttl) * 1000).toISOString();
    return json(200, { token, expiresAt, scopes });
  };
}
