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

/** A token request is a few hundred bytes; anything near this is not one. */
const MAX_BODY_BYTES = 16 * 1024;
const TOO_LARGE = `the body is larger than ${MAX_BODY_BYTES} bytes`;

/** The body as text, or null once it passes the cap (read piece by piece, never whole). */
async function readCapped(request: Request): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const pieces: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
    pieces.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return new TextDecoder().decode(bytes);
}

async function wanted(request: Request): Promise<{ repoId: string; scopes: Scope[] } | string> {
  let repo: unknown;
  let scopes: unknown;
  if (request.method === 'GET') {
    const url = new URL(request.url);
    repo = url.searchParams.get('repo') ?? url.searchParams.get('repoId');
    scopes = url.searchParams.get('scopes');
  } else {
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) return TOO_LARGE;
    let body: unknown;
    try {
      const text = await readCapped(request);
      if (text === null) return TOO_LARGE;
      body = JSON.parse(text);
    } catch {
      return 'the body must be JSON: {"repo": "…", "scopes": ["git:read"]}';
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return 'the body must be a JSON object: {"repo": "…", "scopes": ["git:read"]}';
    }
    const fields = body as Record<string, unknown>;
    repo = fields.repo ?? fields.repoId;
    scopes = fields.scopes;
  }
  if (typeof repo !== 'string' || repo.trim() === '') return 'repo is required';
  const parsed = parseScopes(scopes);
  if (typeof parsed === 'string') return parsed;
  return { repoId: repo.trim(), scopes: parsed };
}

/**
 * The host's own `authorize` is wrong: answer 500 without saying how to the browser, and tell the
 * host's log what to fix.
 */
function misconfigured(why: string): Response {
  console.error(`createTokenHandler: ${why}`);
  return json(500, { error: 'the token endpoint is misconfigured; see the server log' });
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
    if (typeof want === 'string') return json(want === TOO_LARGE ? 413 : 400, { error: want });
    let grant: AuthorizeResult | undefined;
    try {
      grant = await options.authorize(request, want);
    } catch (error) {
      return misconfigured(`authorize threw: ${(error as Error)?.message ?? String(error)}`);
    }
    if (grant === 'unauthenticated') return json(401, { error: 'sign in to get a storage token' });
    if (grant === undefined || (grant !== null && typeof grant !== 'object')) {
      return misconfigured(
        `authorize returned ${String(grant)}: return a grant, null or 'unauthenticated'`,
      );
    }
    if (grant === null || grant.repoId !== want.repoId) {
      return json(403, { error: `not allowed to access ${want.repoId}` });
    }
    if (!Array.isArray(grant.scopes)) {
      return misconfigured('authorize returned a grant without a scopes array');
    }
    if (grant.ttl !== undefined && (typeof grant.ttl !== 'number' || !Number.isFinite(grant.ttl))) {
      return misconfigured(`authorize returned ttl ${String(grant.ttl)}: give seconds as a number`);
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
