import type { DraftPersistence } from './draft-persistence.js';
import { DraftStore } from './draft-store.js';
import { ApiError, ValidationError } from './errors.js';
import { HttpClient, type RetryOptions, readJson } from './http.js';
import { keySigner } from './key-mode.js';
import { paginate } from './pagination.js';
import { repoIdProblem } from './paths.js';
import { Repo } from './repo.js';
import { TokenSource } from './token-source.js';
import { blobTransport } from './transports/blob.js';
import { fetchStreamTransport } from './transports/fetch-stream.js';
import { nodeHttpAvailable, nodeHttpTransport } from './transports/node-http.js';
import type { UploadTransport } from './transports/types.js';
import type {
  DeleteRepoResult,
  ForkBaseRepo,
  GetToken,
  GitCredential,
  ListReposResult,
  SyncBaseRepo,
} from './types.js';
import { pageInfo, snakeKeys } from './wire-mappers.js';
import type { WireDeleteRepoResponse, WireListReposResponse, WireRepoInfo } from './wire-types.js';

export interface GitStorageOptions {
  /** Your organisation's slug (the `iss` of its tokens). */
  name: string;
  /** Default `https://api.<name>.code.storage`; the local server's `url` in development. */
  apiBaseUrl?: string;
  /**
   * Git host for remote URLs: default `<name>.code.storage` (https). May include a scheme, e.g.
   * the local server's `http://127.0.0.1:8787`.
   */
  storageBaseUrl?: string;
  /** Asks your backend for a token (browsers: never give a browser the private key). */
  getToken?: GetToken;
  /** One fixed token for every call. */
  token?: string;
  /** Server-side only: a PEM private key to mint tokens with, like the official SDK. */
  key?: string;
  /** Token lifetime in seconds when minting with `key` (default 3600). */
  defaultTTL?: number;
  /**
   * `fetch` to use for API calls (default: the global one). In Node, when given and no
   * `transport` is named, uploads stream through it too (`fetch-stream`); Node's fetch buffers
   * what it has not yet sent, so a slow link can hold more of an upload in memory than
   * `node-http` does (which waits for the socket).
   */
  fetch?: typeof fetch;
  /**
   * Upload transport: default `node-http` in Node, `blob` (XHR with progress) in browsers and
   * workers; `fetch-stream` streams with fetch (Chromium over HTTP/2 only). Or your own.
   */
  transport?: UploadTransport | 'node-http' | 'blob' | 'fetch-stream';
  retry?: RetryOptions;
  /**
   * Keep drafts (what the commit composer staged, message included) across reloads, crashes and
   * closed tabs. Default: in browsers, in IndexedDB (`indexedDbDraftPersistence()`); never in
   * Node. `false` keeps them in memory only; or give a `DraftPersistence` of your own.
   */
  persistDrafts?: boolean | DraftPersistence;
}

function chooseTransport(
  option: GitStorageOptions['transport'],
  fetchImpl: typeof fetch,
  customFetch: boolean,
): UploadTransport {
  if (typeof option === 'object') return option;
  // In Node a fetch of the caller's (a proxy, instrumentation) carries the uploads too, unless a
  // transport is named: node:http would go around it.
  if (option === undefined && customFetch && nodeHttpAvailable()) {
    return fetchStreamTransport(fetchImpl);
  }
  if (option === 'node-http' || (option === undefined && nodeHttpAvailable()))
    return nodeHttpTransport();
  if (option === 'fetch-stream') return fetchStreamTransport(fetchImpl);
  return blobTransport(fetchImpl);
}

/** Mints tokens from a private key; the signing code is loaded on first use (never in browsers). */
function keyTokenSource(name: string, pem: string, ttl: number): GetToken {
  return async (request) => {
    const signWithKey = await keySigner();
    return signWithKey(name, pem, ttl, request);
  };
}

/**
 * The client. Give it `getToken` in browsers (your backend mints tokens), or `key`/`token` on a
 * server.
 *
 * ```ts
 * const storage = new GitStorage({
 *   name: 'acme',
 *   getToken: async ({ repoId, scopes }) =>
 *     (await fetch(`/api/storage-token?repo=${encodeURIComponent(repoId)}&scopes=${scopes}`)).json(),
 * });
 * const repo = storage.repo({ id: 'team/project' });
 * const { paths } = await repo.listFiles();
 * ```
 */
export class GitStorage {
  readonly name: string;
  private readonly http: HttpClient;
  private readonly transport: UploadTransport;
  private readonly storageBaseUrl: string;

  /**
   * The commits being composed with this client, one draft per repository and branch, kept as
   * long as the client lives (`useCommitBuilder` and the composer use them): switching branches
   * and back keeps what was staged. In browsers they are also kept across reloads (see
   * `persistDrafts`); `signOut()` drops them all.
   */
  readonly drafts: DraftStore;

  constructor(options: GitStorageOptions) {
    const name = options?.name?.trim();
    if (!name)
      throw new ValidationError(
        'name',
        'GitStorage needs your organisation name: { name: "acme" }',
      );
    const sources = [options.getToken, options.token, options.key].filter((s) => s !== undefined);
    if (sources.length !== 1) {
      throw new ValidationError(
        'getToken',
        'GitStorage needs exactly one of getToken (browsers), token, or key (servers only)',
      );
    }
    const getToken: GetToken =
      options.getToken ??
      (options.token !== undefined
        ? async () => options.token as string
        : keyTokenSource(name, options.key as string, options.defaultTTL ?? 3600));
    const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const apiBaseUrl = (options.apiBaseUrl ?? `https://api.${name}.code.storage`).replace(
      /\/+$/,
      '',
    );
    this.name = name;
    this.http = new HttpClient(apiBaseUrl, fetchImpl, new TokenSource(getToken), options.retry);
    this.transport = chooseTransport(options.transport, fetchImpl, options.fetch !== undefined);
    this.storageBaseUrl = options.storageBaseUrl ?? `${name}.code.storage`;
    // IndexedDB in browsers (its code loads with the first draft), never in Node.
    const persistence =
      typeof options.persistDrafts === 'object'
        ? options.persistDrafts
        : options.persistDrafts !== false && typeof globalThis.indexedDB !== 'undefined'
          ? 'indexeddb'
          : undefined;
    this.drafts = new DraftStore((id) => this.repo({ id }), persistence, apiBaseUrl);
  }

  /**
   * Ends the session in this client: forgets every cached token (aborting token fetches in
   * flight) and every draft, in memory and kept in the browser. Resolves when the kept drafts
   * are gone. Use it when the user signs out.
   */
  async signOut(): Promise<void> {
    this.clearTokens();
    await this.drafts.clear();
  }

  /**
   * Forgets the cached tokens (all, or one repository's) and aborts token fetches in flight, so
   * the next request asks `getToken` again. Call it on sign-out: a cached `git:write` token
   * would otherwise outlive the user's session for as long as it is valid.
   */
  clearTokens(repoId?: string): void {
    this.http.tokens.clear(repoId);
  }

  /** A handle on a repository (no request is made). */
  repo(options: { id: string; defaultBranch?: string; createdAt?: string }): Repo {
    const problem = repoIdProblem(options?.id);
    if (problem) throw new ValidationError('id', `repository id: ${problem}`);
    return new Repo(
      this.http,
      this.transport,
      this.storageBaseUrl,
      options.id,
      options.defaultBranch,
      options.createdAt,
    );
  }

  /** Creates a repository; its id defaults to a random UUID. */
  async createRepo(
    options: {
      id?: string;
      defaultBranch?: string;
      /**
       * A fork: `{ id }` of a repository of this organisation (at `ref` or `sha`, else every
       * branch and tag); or a repository to sync from (`{ owner, name, provider? }`, GitHub by
       * default). The fork inherits its source's default branch unless `defaultBranch` is given.
       */
      baseRepo?: ForkBaseRepo | SyncBaseRepo;
      signal?: AbortSignal;
    } = {},
  ): Promise<Repo> {
    const id = options.id ?? globalThis.crypto.randomUUID();
    const problem = repoIdProblem(id);
    if (problem) throw new ValidationError('id', `repository id: ${problem}`);
    const base = options.baseRepo;
    const body: Record<string, unknown> = {};
    if (base && 'id' in base) {
      body.base_repo = {
        provider: 'code',
        owner: this.name,
        name: base.id,
        operation: 'fork',
        auth: { token: await this.http.tokens.get(base.id, ['git:read']) },
        ...(base.ref ? { ref: base.ref } : {}),
        ...(base.sha ? { sha: base.sha } : {}),
      };
    } else if (base) {
      body.base_repo = { provider: 'github', ...(snakeKeys(base) as object) };
    }
    const defaultBranch =
      options.defaultBranch ?? (base && !('id' in base) ? base.defaultBranch : undefined);
    if (defaultBranch || !base) body.default_branch = defaultBranch ?? 'main';
    const response = await this.http.send({
      method: 'POST',
      path: 'repos',
      repoId: id,
      scopes: ['repo:write'],
      body,
      allow: [409],
      signal: options.signal,
    });
    if (response.status === 409) {
      throw new ApiError(`repository "${id}" already exists`, {
        status: 409,
        statusText: response.statusText,
        method: 'POST',
        url: response.url,
        body: await response.json().catch(() => undefined),
      });
    }
    const raw = (await response.json().catch(() => ({}))) as Partial<WireRepoInfo>;
    return this.repo({
      id,
      defaultBranch: raw.default_branch ?? defaultBranch ?? 'main',
      createdAt: raw.created_at ?? new Date().toISOString(),
    });
  }

  /** The repository, or null when it does not exist. */
  async findOne(options: { id: string; signal?: AbortSignal }): Promise<Repo | null> {
    const response = await this.http.send({
      method: 'GET',
      path: 'repo',
      repoId: options.id,
      scopes: ['git:read'],
      allow: [404],
      signal: options.signal,
    });
    if (response.status === 404) return null;
    const raw = await readJson<Partial<WireRepoInfo>>(response, 'GET', response.url);
    return this.repo({
      id: options.id,
      defaultBranch: raw.default_branch ?? 'main',
      createdAt: raw.created_at ?? '',
    });
  }

  /** One page of the organisation's repositories (needs an `org:read` token for repo `org`). */
  async listRepos(
    options: { cursor?: string; limit?: number; q?: string; signal?: AbortSignal } = {},
  ): Promise<ListReposResult> {
    const raw = await this.http.json<WireListReposResponse>({
      method: 'GET',
      path: 'repos',
      repoId: 'org',
      scopes: ['org:read'],
      query: {
        cursor: options.cursor,
        limit: options.limit,
        q: options.q?.trim(),
      },
      signal: options.signal,
    });
    return {
      repos: raw.repos.map((r) => ({
        repoId: r.repo_id,
        url: r.url,
        defaultBranch: r.default_branch,
        createdAt: r.created_at,
        ...(r.base_repo ? { baseRepo: r.base_repo } : {}),
      })),
      ...pageInfo(raw),
    };
  }

  /** Every repository, page by page. */
  iterateRepos(
    options: { q?: string; limit?: number } = {},
  ): AsyncGenerator<ListReposResult['repos'][number]> {
    return paginate(
      (cursor) => this.listRepos({ ...options, cursor, limit: options.limit ?? 100 }),
      (page) => page.repos,
    );
  }

  /** Deletes a repository and everything in it. */
  /** Stores the credential a synced repository pulls its upstream with (one per repository). */
  async createGitCredential(options: {
    repoId: string;
    password: string;
    username?: string;
    signal?: AbortSignal;
  }): Promise<GitCredential> {
    const raw = await this.http.json<{ id: string; created_at?: string }>({
      method: 'POST',
      path: 'repos/git-credentials',
      repoId: options.repoId,
      scopes: ['repo:write'],
      body: { repo_id: options.repoId, password: options.password, username: options.username },
      signal: options.signal,
    });
    return { id: raw.id };
  }

  async updateGitCredential(options: {
    id: string;
    password: string;
    username?: string;
    signal?: AbortSignal;
  }): Promise<GitCredential> {
    const raw = await this.credentialCall('PUT', options.signal, {
      id: options.id,
      password: options.password,
      username: options.username,
    });
    return { id: raw.id, ...(raw.created_at ? { createdAt: raw.created_at } : {}) };
  }

  async deleteGitCredential(options: { id: string; signal?: AbortSignal }): Promise<void> {
    await this.credentialCall('DELETE', options.signal, { id: options.id });
  }

  private credentialCall(method: 'PUT' | 'DELETE', signal: AbortSignal | undefined, body: object) {
    return this.http.json<{ id: string; created_at?: string }>({
      method,
      path: 'repos/git-credentials',
      repoId: 'org',
      scopes: ['repo:write'],
      body,
      signal,
    });
  }

  async deleteRepo(options: { id: string; signal?: AbortSignal }): Promise<DeleteRepoResult> {
    const raw = await this.http.json<WireDeleteRepoResponse>({
      method: 'DELETE',
      path: 'repos/delete',
      repoId: options.id,
      scopes: ['repo:write'],
      signal: options.signal,
    });
    return { repoId: raw.repo_id, message: raw.message };
  }
}
