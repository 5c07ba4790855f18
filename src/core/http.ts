/**
 * The JSON API transport: URL building, auth headers, retries and error mapping. Reads are retried
 * with exponential backoff and jitter on network errors and 429/502/503/504 (honouring
 * Retry-After); writes never are. A 401 fetches a fresh token and tries once more.
 */
import { ApiError, AuthError, NetworkError } from './errors.js';
import type { TokenSource } from './token-source.js';
import type { Scope } from './wire-types.js';

export const CLIENT_AGENT = 'git-storage-kit/0.1.0';

export interface RetryOptions {
  /** Further attempts after the first (default 3). */
  retries?: number;
  /** First backoff in ms (default 250); doubles each time, with jitter. */
  baseDelayMs?: number;
  /** Longest single wait in ms (default 8000). */
  maxDelayMs?: number;
}

export type QueryValue = string | number | boolean | undefined | null | readonly string[];

export interface ApiRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  repoId: string;
  scopes: readonly Scope[];
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Non-2xx statuses handed back instead of thrown. */
  allow?: readonly number[];
  signal?: AbortSignal;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Reads an error body: JSON when it says so, else text. */
export async function readErrorBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * What to say when an answer is a web page, not the API: the usual cause is an `apiBaseUrl`
 * that points at the app's own server (which answers every path with its index.html).
 */
function htmlAnswer(url: string): string {
  let origin = url || 'The server';
  try {
    origin = new URL(url).origin;
  } catch {}
  return `${origin} answered with an HTML page, not the storage API: check apiBaseUrl (it should be the API's base, e.g. https://api.code.storage/api/v1 or http://localhost:8787/api/v1)`;
}

const looksLikeHtml = (text: string) => /^\s*</.test(text);

/**
 * A response's JSON body, or a clear `ApiError` when it is not JSON (an HTML page from a wrong
 * `apiBaseUrl` said "Unexpected token '<'").
 */
export async function readJson<T>(response: Response, method: string, url: string): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(
      looksLikeHtml(text)
        ? htmlAnswer(url)
        : `${method} ${url} answered ${response.status} with a body that is not JSON`,
      {
        status: response.status,
        statusText: response.statusText,
        method,
        url,
        body: text.slice(0, 500),
      },
    );
  }
}

/** The server's own words for an error body, if it has any. */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  const error = (body as { error?: unknown } | null)?.error;
  return typeof error === 'string' && error.trim() ? error.trim() : undefined;
}

export class HttpClient {
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    readonly apiBaseUrl: string,
    private readonly fetchImpl: typeof fetch,
    readonly tokens: TokenSource,
    retry: RetryOptions = {},
  ) {
    this.retries = retry.retries ?? 3;
    this.baseDelayMs = retry.baseDelayMs ?? 250;
    this.maxDelayMs = retry.maxDelayMs ?? 8000;
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      // Like the official SDK: parameters without a value (undefined, null, '') are left out.
      if (value === undefined || value === null || value === '') continue;
      if (Array.isArray(value)) for (const v of value) params.append(key, v);
      else params.append(key, String(value));
    }
    const search = params.toString();
    return `${this.apiBaseUrl}/api/v1/${path}${search ? `?${search}` : ''}`;
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
    return exp / 2 + Math.random() * (exp / 2);
  }

  /** Sends a request and returns the response (2xx or allowed); throws typed errors otherwise. */
  async send(request: ApiRequest): Promise<Response> {
    const url = this.url(request.path, request.query);
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    let refreshedAuth = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get(request.repoId, request.scopes, request.signal);
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method: request.method,
          headers: {
            Authorization: `Bearer ${token}`,
            'Code-Storage-Agent': CLIENT_AGENT,
            ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...request.headers,
          },
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
          signal: request.signal,
        });
      } catch (error) {
        if (request.signal?.aborted) throw error;
        if (!isRead || attempt >= this.retries) throw new NetworkError(url, error);
        await sleep(this.backoff(attempt), request.signal);
        continue;
      }
      if (response.ok || request.allow?.includes(response.status)) return response;
      if (response.status === 401 && !refreshedAuth) {
        refreshedAuth = true;
        this.tokens.invalidate(request.repoId, request.scopes, token);
        await response.body?.cancel().catch(() => {});
        attempt--; // an auth refresh is not a retry
        continue;
      }
      if (isRead && RETRY_STATUS.has(response.status) && attempt < this.retries) {
        const wait = retryAfterMs(response) ?? this.backoff(attempt);
        await response.body?.cancel().catch(() => {});
        await sleep(Math.min(wait, this.maxDelayMs * 4), request.signal);
        continue;
      }
      const body = await readErrorBody(response);
      const message =
        (typeof body === 'string' && looksLikeHtml(body) ? htmlAnswer(url) : errorMessage(body)) ??
        `${request.method} ${url} failed with ${response.status} ${response.statusText}`;
      if (response.status === 401 || response.status === 403) {
        throw new AuthError(`${message} (${request.method} ${request.path})`, response.status);
      }
      throw new ApiError(message, {
        status: response.status,
        statusText: response.statusText,
        method: request.method,
        url,
        body,
      });
    }
  }

  /** Sends a request and parses its JSON body. */
  async json<T>(request: ApiRequest): Promise<T> {
    const response = await this.send(request);
    return readJson<T>(
      response,
      request.method,
      response.url || this.url(request.path, request.query),
    );
  }
}
