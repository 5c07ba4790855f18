import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenClaims, TokenVerifier } from './auth.js';
import type { CredentialStore } from './credentials.js';
import type { GitRepo } from './git-repo.js';
import { fail, HttpError } from './http-error.js';
import type { RepoMeta, RepoStore } from './repo-store.js';

/** Everything a route handler gets: the request, the verified claims and the repository. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  claims: TokenClaims;
  store: RepoStore;
  /** Verifies tokens a request carries inside its body (a fork's token for its source). */
  verifier: TokenVerifier;
  /** Git-sync credentials, encrypted at rest. */
  credentials: CredentialStore;
  /** The base URL clients reach this server at (for URLs in responses). */
  publicUrl: string;
  /** Longest wait for the next piece of a request body before answering 408. */
  bodyIdleMs: number;
  /**
   * Applied to a JSON body as it is read: `aliases` copy a field's newer name (PROTOCOL.md §12)
   * onto the name the handler reads; `overrides` are values from the path (`/tags/{name}`).
   */
  body?: { aliases?: readonly (readonly [string, string])[]; overrides?: Record<string, unknown> };
}

/** A context whose token's `repo` claim names an existing repository. */
export interface RepoContext extends RequestContext {
  meta: RepoMeta;
  git: GitRepo;
}

const MAX_JSON_BODY = 1024 * 1024;

/**
 * The request body, piece by piece. A client that stops sending for `idleMs` gets a 408 instead
 * of holding the request (and its git process and temporary files) forever. Stopping early does
 * not destroy the request (a plain `for await` would, taking the socket and the error response
 * with it).
 */
export async function* bodyChunks(req: IncomingMessage, idleMs: number): AsyncGenerator<Buffer> {
  const pieces = req.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
  let waiting = false;
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new HttpError(
                408,
                `the request body stalled: nothing arrived for ${Math.round(idleMs / 1000)} s`,
              ),
            ),
          idleMs,
        );
      });
      let step: IteratorResult<Buffer>;
      waiting = true;
      try {
        step = await Promise.race([pieces.next(), stalled]);
        waiting = false;
      } finally {
        clearTimeout(timer);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    // Detaches the iterator's 'readable' listener (which would keep the stream paused), so the
    // rest of a refused body can still be read and discarded. After a stall a read is still
    // pending, and `return()` would wait for it: then it is only requested, not awaited.
    const stopping = pieces.return?.();
    if (!waiting) await stopping;
    else void stopping?.catch(() => {});
  }
}

/** Reads a JSON request body (≤ 1 MiB); an empty body is `{}`. */
export async function readJsonBody(ctx: RequestContext): Promise<Record<string, unknown>> {
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const chunk of bodyChunks(ctx.req, ctx.bodyIdleMs)) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) fail(413, 'request body is larger than 1 MiB');
    pieces.push(chunk);
  }
  const text = Buffer.concat(pieces).toString('utf8').trim();
  if (text === '') return { ...ctx.body?.overrides };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail(400, 'request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(400, 'request body must be a JSON object');
  }
  return {
    ...withAliases(value as Record<string, unknown>, ctx.body?.aliases),
    ...ctx.body?.overrides,
  };
}

/**
 * A copy of `record` where each `[newer, older]` name pair has the older name filled from the
 * newer one when only the newer is given: handlers read one vocabulary, clients may send either.
 */
export function withAliases<T extends Record<string, unknown>>(
  record: T,
  aliases: readonly (readonly [string, string])[] | undefined,
): T {
  const copy: Record<string, unknown> = { ...record };
  for (const [newer, older] of aliases ?? []) {
    if (copy[older] === undefined && copy[newer] !== undefined) copy[older] = copy[newer];
  }
  return copy as T;
}

/** An object field of a JSON body; `{}` when absent. */
export function optionalObject(
  body: Record<string, unknown>,
  key: string,
): Record<string, unknown> {
  const value = body[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(400, `"${key}" must be an object`);
  return value as Record<string, unknown>;
}

const MAX_LIST = 64;

/** A list of non-empty strings (≤ 64 of ≤ 500 characters, trimmed); `[]` when absent. */
export function stringList(body: Record<string, unknown>, key: string): string[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_LIST) {
    fail(400, `"${key}" must be a list of at most ${MAX_LIST} strings`);
  }
  return value.map((item) => {
    if (
      typeof item !== 'string' ||
      item.trim() === '' ||
      item.length > 500 ||
      item.includes('\0')
    ) {
      fail(400, `"${key}" must hold non-empty strings`);
    }
    return item.trim();
  });
}

/** A string field of a JSON body: trimmed, or undefined when absent/empty. */
export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(400, `"${key}" must be a string`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function requiredString(body: Record<string, unknown>, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined) fail(400, `"${key}" is required`);
  return value;
}

/** An optional boolean field of a JSON body; anything but true, false or absent is a 400. */
export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail(400, `"${key}" must be true or false`);
  return value;
}

/** A boolean query parameter (`true`/`false`); undefined when absent. */
export function queryBool(url: URL, key: string): boolean | undefined {
  const value = url.searchParams.get(key);
  if (value === null || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  fail(400, `query parameter "${key}" must be true or false`);
}

/** The page size from `limit`, defaulted and capped. */
export function queryLimit(url: URL, defaultLimit: number, max: number): number {
  const raw = url.searchParams.get('limit');
  if (raw === null || raw === '') return defaultLimit;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    fail(400, 'query parameter "limit" must be a positive integer');
  return Math.min(n, max);
}

/** The branch namespace a request's flag selects: the ephemeral one when the flag is true. */
export function inNamespace(ctx: RepoContext, ephemeral: boolean | undefined): GitRepo {
  return ephemeral ? ctx.git.ephemeral() : ctx.git;
}

/** `{name, email}` trimmed, or why `value` is not a usable author/committer. */
export function checkedSignature(
  value: unknown,
  field: string,
): { name: string; email: string } | { problem: string } {
  const sig = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const name = typeof sig.name === 'string' ? sig.name.trim() : '';
  const email = typeof sig.email === 'string' ? sig.email.trim() : '';
  if (!name || !email) return { problem: `"${field}" needs a non-empty name and email` };
  if (/[<>\n\0]/.test(name + email)) {
    return { problem: `"${field}" name and email must not contain <, > or newlines` };
  }
  return { name, email };
}

/** An optional `{name, email}` field of a JSON body, both parts trimmed and required. */
export function optionalSignature(
  body: Record<string, unknown>,
  key: string,
): { name: string; email: string } | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const checked = checkedSignature(value, key);
  if ('problem' in checked) fail(400, checked.problem);
  return checked;
}
