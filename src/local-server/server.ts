/**
 * The local Code Storage server: an HTTP server whose routes (PROTOCOL.md §7–§9) run handlers over
 * bare git repositories on disk. Every request's token is verified before any git command runs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Scope } from '../core/wire-types.js';
import { bearerToken, requireScopes, TokenVerifier } from './auth.js';
import type { RepoContext, RequestContext } from './context.js';
import { CredentialStore } from './credentials.js';
import { assertGitVersion, withGitLifetime } from './git.js';
import { GitRepo } from './git-repo.js';
import { archive } from './handlers/archive.js';
import { blame } from './handlers/blame.js';
import { createBranch, deleteBranch, getBranch, listBranches } from './handlers/branches.js';
import { commitPack } from './handlers/commit-pack.js';
import { getCommit, listCommits } from './handlers/commits.js';
import { createCredential, deleteCredential, updateCredential } from './handlers/credentials.js';
import { diffCommit } from './handlers/diff-commit.js';
import { branchDiff, commitDiff } from './handlers/diffs.js';
import { listFiles, listFilesWithMetadata, readFile } from './handlers/files.js';
import { grep } from './handlers/grep.js';
import { merge, previewMerge } from './handlers/merge.js';
import { deleteNote, getNote, listNotesRefs, writeNote } from './handlers/notes.js';
import { createRepo, deleteRepo, getRepo, listRepos } from './handlers/repos.js';
import { restoreCommit } from './handlers/restore-commit.js';
import { matchGitPath, serveGit } from './handlers/smart-http.js';
import { createTag, deleteTag, getTag, listTags } from './handlers/tags.js';
import { detachBase, pullUpstream } from './handlers/upstream.js';
import { fail, HttpError, sendJson } from './http-error.js';
import { RepoStore } from './repo-store.js';
import { redactUrl, WebhookDispatcher, type WebhookRetry, type WebhookTarget } from './webhooks.js';

export interface LocalServerOptions {
  /** Where repositories live; created if missing. */
  dataDir: string;
  /** The organisation this server serves: tokens must carry `iss` = org. */
  org: string;
  /** PEM public keys (SPKI) whose signatures are accepted. At least one. */
  publicKeys: readonly string[];
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Origins allowed to call the API from a browser (`*` for any). Default: none. */
  corsOrigins?: readonly string[];
  /** Called with one line per failed request (5xx); default: stderr. */
  log?: (line: string) => void;
  /** Limits that keep slow, stuck or greedy clients from holding the server's resources. */
  limits?: LocalServerLimits;
  /**
   * Serve HTTPS (API and git smart HTTP) with this certificate and key (PEM contents), so the
   * `https://` remotes Code Storage clients build work as they are.
   */
  tls?: { cert: string; key: string };
  /** Receivers of a signed `push` event after every ref change (PROTOCOL.md §10). */
  webhooks?: readonly WebhookTarget[];
  /** How failed webhook deliveries are retried. */
  webhookRetry?: WebhookRetry;
}

export interface LocalServerLimits {
  /** Time to receive a request's headers (default 30 s). */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, body included (default 1 h: a few GiB on a slow link). */
  requestTimeoutMs?: number;
  /** Longest pause in a request body before the server answers 408 (default 60 s). */
  bodyIdleTimeoutMs?: number;
  /** Commit uploads one repository may have in flight; more are answered 429 (default 32). */
  uploadsPerRepo?: number;
  /**
   * Longest life of one git process started by grep, blame, archive or a merge preview, whose
   * cost the request's values decide (default 60 s); past it the request is answered 503.
   */
  slowGitTimeoutMs?: number;
  /**
   * A request refused before its body was read has the rest of its body read and discarded, so
   * the client (still sending) receives the refusal: up to this many bytes (default 64 MiB)…
   */
  refusedBodyBytes?: number;
  /**
   * …and for at most this long (default 10 s). Past either bound reading stops, the answer is
   * sent, and the connection is closed a second later.
   */
  refusedBodyMs?: number;
}

const DEFAULT_LIMITS: Required<LocalServerLimits> = {
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 60 * 60_000,
  bodyIdleTimeoutMs: 60_000,
  uploadsPerRepo: 32,
  slowGitTimeoutMs: 60_000,
  refusedBodyBytes: 64 * 1024 * 1024,
  refusedBodyMs: 10_000,
};

/** How long a connection whose refused body was not read to its end stays open after the answer. */
const REFUSED_LINGER_MS = 1000;

/**
 * Reads and drops the rest of a request body. True when it ended within `maxBytes` and `maxMs`;
 * false (reading stopped) past either bound or when the client went away.
 */
function discardBody(req: IncomingMessage, maxBytes: number, maxMs: number): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(req.complete);
    const timer = setTimeout(() => finish(false), maxMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.resume();
  });
}

export interface LocalServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`: the `apiBaseUrl` for clients. */
  url: string;
  /**
   * `http(s)://host:port`: the `storageBaseUrl` for clients, so `repo.getRemoteURL()` gives
   * remotes `git clone` can use (a bare `host:port` becomes `https://`, which only a server
   * started with `tls` answers).
   */
  storageBaseUrl: string;
  /** `host:port` alone. */
  storageHost: string;
  close(): Promise<void>;
}

type Handler<C> = (ctx: C) => unknown | Promise<unknown>;
type Aliases = readonly (readonly [newer: string, older: string])[];
interface RouteBase {
  method: string[];
  path: string;
  scopes: Scope[];
  /** Newer parameter names (PROTOCOL.md §12) accepted for the ones the handler reads. */
  aliases?: { query?: Aliases; body?: Aliases };
  /** Only in the newer route family (`/api/repos/{repo}/…`). */
  newOnly?: true;
}
type Route =
  | (RouteBase & {
      repo: true;
      handler: Handler<RepoContext>;
      /** A streamed commit upload: counts against the per-repository cap. */
      upload?: true;
      /**
       * Work whose cost a request's values decide (a pattern, globs, two histories): each git
       * child it starts is stopped after `slowGitTimeoutMs`.
       */
      slowGit?: true;
    })
  | (RouteBase & { repo: false; handler: Handler<RequestContext> });

const NOTE_ALIASES: Aliases = [
  ['object_ref', 'sha'],
  ['notes_ref', 'ref'],
  ['expected_notes_ref_sha', 'expected_ref_sha'],
];

const read: Scope[] = ['git:read'];
const write: Scope[] = ['git:write'];

const ROUTES: Route[] = [
  { method: ['POST'], path: 'repos', scopes: ['repo:write'], repo: false, handler: createRepo },
  { method: ['GET'], path: 'repos', scopes: ['org:read'], repo: false, handler: listRepos },
  { method: ['GET'], path: 'repo', scopes: read, repo: true, handler: getRepo },
  {
    method: ['POST'],
    path: 'repos/git-credentials',
    scopes: ['repo:write'],
    repo: false,
    handler: createCredential,
  },
  {
    method: ['PUT'],
    path: 'repos/git-credentials',
    scopes: ['repo:write'],
    repo: false,
    handler: updateCredential,
  },
  {
    method: ['DELETE'],
    path: 'repos/git-credentials',
    scopes: ['repo:write'],
    repo: false,
    handler: deleteCredential,
  },
  {
    method: ['POST'],
    path: 'repos/pull-upstream',
    scopes: write,
    repo: true,
    handler: pullUpstream,
  },
  { method: ['DELETE'], path: 'repos/base', scopes: write, repo: true, handler: detachBase },
  {
    method: ['DELETE'],
    path: 'repos/delete',
    scopes: ['repo:write'],
    repo: true,
    handler: deleteRepo,
  },
  { method: ['GET', 'HEAD'], path: 'repos/file', scopes: read, repo: true, handler: readFile },
  {
    method: ['POST'],
    path: 'repos/archive',
    scopes: read,
    repo: true,
    handler: archive,
    slowGit: true,
  },
  { method: ['GET'], path: 'repos/files', scopes: read, repo: true, handler: listFiles },
  {
    method: ['GET'],
    path: 'repos/files/metadata',
    scopes: read,
    repo: true,
    handler: listFilesWithMetadata,
  },
  { method: ['GET'], path: 'repos/branches', scopes: read, repo: true, handler: listBranches },
  {
    method: ['POST'],
    path: 'repos/branches/create',
    scopes: write,
    repo: true,
    handler: createBranch,
  },
  {
    method: ['DELETE'],
    path: 'repos/branches',
    scopes: write,
    repo: true,
    handler: deleteBranch,
    aliases: { body: [['target_branch', 'name']] },
  },
  {
    method: ['GET'],
    path: 'repos/branch',
    scopes: read,
    repo: true,
    handler: getBranch,
    newOnly: true,
  },
  { method: ['GET'], path: 'repos/tag', scopes: read, repo: true, handler: getTag, newOnly: true },
  { method: ['GET'], path: 'repos/branches/diff', scopes: read, repo: true, handler: branchDiff },
  { method: ['GET'], path: 'repos/tags', scopes: read, repo: true, handler: listTags },
  {
    method: ['POST'],
    path: 'repos/tags',
    scopes: write,
    repo: true,
    handler: createTag,
    aliases: { body: [['ref', 'target']] },
  },
  { method: ['DELETE'], path: 'repos/tags', scopes: write, repo: true, handler: deleteTag },
  {
    method: ['GET'],
    path: 'repos/commits',
    scopes: read,
    repo: true,
    handler: listCommits,
    aliases: { query: [['ref', 'branch']] },
  },
  {
    method: ['GET'],
    path: 'repos/commit',
    scopes: read,
    repo: true,
    handler: getCommit,
    aliases: { query: [['ref', 'sha']] },
  },
  { method: ['GET'], path: 'repos/blame', scopes: read, repo: true, handler: blame, slowGit: true },
  { method: ['POST'], path: 'repos/grep', scopes: read, repo: true, handler: grep, slowGit: true },
  {
    method: ['GET'],
    path: 'repos/notes',
    scopes: read,
    repo: true,
    handler: getNote,
    aliases: { query: NOTE_ALIASES },
  },
  {
    method: ['POST'],
    path: 'repos/notes',
    scopes: write,
    repo: true,
    handler: writeNote,
    aliases: { body: NOTE_ALIASES },
  },
  {
    method: ['DELETE'],
    path: 'repos/notes',
    scopes: write,
    repo: true,
    handler: deleteNote,
    aliases: { body: NOTE_ALIASES },
  },
  { method: ['GET'], path: 'repos/notes/refs', scopes: read, repo: true, handler: listNotesRefs },
  {
    method: ['GET'],
    path: 'repos/diff',
    scopes: read,
    repo: true,
    handler: commitDiff,
    aliases: {
      query: [
        ['ref', 'sha'],
        ['base_ref', 'baseSha'],
        ['git_apply_compatible', 'gitApplyCompatible'],
      ],
    },
  },
  {
    method: ['POST'],
    path: 'repos/commit-pack',
    scopes: write,
    repo: true,
    handler: commitPack,
    upload: true,
  },
  {
    method: ['POST'],
    path: 'repos/diff-commit',
    scopes: write,
    repo: true,
    handler: diffCommit,
    upload: true,
  },
  {
    method: ['GET'],
    path: 'repos/merge/preview',
    scopes: read,
    repo: true,
    handler: previewMerge,
    slowGit: true,
  },
  {
    method: ['POST'],
    path: 'repos/merge',
    scopes: write,
    repo: true,
    handler: merge,
    aliases: { body: [['source_ref', 'source_branch']] },
  },
  {
    method: ['POST'],
    path: 'repos/restore-commit',
    scopes: write,
    repo: true,
    handler: restoreCommit,
  },
];

const API_V1 = /^\/+api\/v1\/+/;
/** The newer route family (PROTOCOL.md §12): `/api/repos`, `/api/repos/{repo}/…`. */
const API_NEW = /^\/+api\/+repos(?=\/|$)/;

/**
 * Code Storage routes this server does not serve: they answer 501 with a sentence naming the
 * route, so a client says "not served here", not "not found". Every v1 route is served;
 * deployments (seen only in one SDK revision, §12.7) are not.
 */
export const UNSERVED_ROUTES: readonly string[] = [
  'POST repos/{repo}/deployments',
  'GET repos/{repo}/deployments',
  'GET repos/{repo}/deployments/{id}',
];

/** Where a request goes: the v1 path of its route, and what the newer family's path carries. */
interface RouteTarget {
  path: string;
  /** The repository named in a `/api/repos/{repo}/…` path: must be the token's. */
  repoInPath?: string;
  /** Path parameters handed to the handler as body fields (`/tags/{name}` → `name`). */
  overrides?: Record<string, unknown>;
  newFamily: boolean;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    fail(400, `malformed %-escape in the path segment "${segment}"`);
  }
}

/** Maps a request path of either family onto a v1 route path (PROTOCOL.md §12.2). */
function routeTarget(method: string, pathname: string): RouteTarget {
  if (API_V1.test(pathname)) {
    return { path: pathname.replace(API_V1, '').replace(/\/+$/, ''), newFamily: false };
  }
  if (!API_NEW.test(pathname)) fail(404, `no such route: ${pathname}`);
  const segments = pathname.replace(API_NEW, '').split('/').filter(Boolean);
  const [rawRepo, ...rest] = segments;
  if (rawRepo === undefined) return { path: 'repos', newFamily: true };
  const repoInPath = decodeSegment(rawRepo);
  const sub = rest.join('/');
  const at = (path: string, overrides?: Record<string, unknown>): RouteTarget => ({
    path,
    repoInPath,
    newFamily: true,
    ...(overrides ? { overrides } : {}),
  });
  if (sub === '') return at(method === 'DELETE' ? 'repos/delete' : 'repo');
  if (rest[0] === 'deployments') {
    const route = `${method} repos/{repo}/deployments${rest.length > 1 ? '/{id}' : ''}`;
    fail(501, `${route} is not served by the local server`);
  }
  if (rest[0] === 'tags' && rest.length === 2) {
    if (method !== 'DELETE') fail(405, `${method} is not allowed on repos/{repo}/tags/{name}`);
    return at('repos/tags', { name: decodeSegment(rest[1] as string) });
  }
  if (rest[0] === 'git-credentials') {
    const id = rest.length === 2 ? { id: decodeSegment(rest[1] as string) } : {};
    return at('repos/git-credentials', { ...id, repo_id: repoInPath });
  }
  return at(`repos/${sub}`);
}

/**
 * The request target as a URL, checked before anything routes on it. Leading slashes are
 * collapsed (the official SDK sends `//api/v1/…` when `apiBaseUrl` ends in "/", and a URL parser
 * would read `//api` as a host). A URL parser also rewrites what a guard on the raw text would
 * not see: it resolves "." and ".." segments (also as %2e), so `DELETE …/tags/..` would become
 * `DELETE /api/repos/{repo}`, and it turns "\\" into "/" (`tags\\..` likewise). Targets with
 * either are refused, not resolved.
 */
function requestUrl(target: string, base: string): URL {
  if (!target.startsWith('/')) {
    fail(400, 'the request target must be a path (origin-form), such as /api/v1/repos');
  }
  const rawPath = target.split('?')[0] as string;
  if (rawPath.includes('\\')) {
    fail(400, 'the request path has a "\\": use "/" between segments and %5C for a backslash');
  }
  if (rawPath.split('/').some((s) => /^(?:\.|%2e){1,2}$/i.test(s))) {
    fail(400, 'the request path has a "." or ".." segment: name things by their own names');
  }
  const url = URL.parse(target.replace(/^\/+/, '/'), base);
  if (!url) fail(400, 'the request target is not a valid path');
  return url;
}

const CORS_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, Accept, Code-Storage-Agent, Range, If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since, If-Range',
  'Access-Control-Expose-Headers':
    'ETag, Content-Range, Content-Length, Accept-Ranges, Last-Modified, X-Blob-Sha, X-Last-Commit-Sha',
  'Access-Control-Max-Age': '600',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function landingPage(org: string, url: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>git-storage-kit local server</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>git-storage-kit local server</h1>
<p>This is a local Code Storage server for the organisation <code>${escapeHtml(org)}</code>, serving
the Code Storage API at <code>${escapeHtml(url)}/api/v1/</code> (and the newer
<code>${escapeHtml(url)}/api/repos/{repo}/</code> routes) and git smart HTTP at
<code>${escapeHtml(url)}/&lt;repo-id&gt;.git</code> over real git repositories on disk.</p>
<p>Every API call needs a JWT (<code>Authorization: Bearer …</code>) signed by one of the server's
configured keys. With the development keys, mint one with
<code>npx git-storage-local token --repo demo/hello</code>.</p>
<p>Point a client at it with <code>apiBaseUrl: '${escapeHtml(url)}'</code>.</p>
</body></html>
`;
}

/** Starts the server; resolves once it is listening. */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  if (!options.org) throw new Error('startLocalServer: "org" is required');
  if (options.publicKeys.length === 0) {
    throw new Error('startLocalServer: give at least one public key (or use --dev-keys)');
  }
  await assertGitVersion();
  const verifier = new TokenVerifier(options.org, options.publicKeys);
  const store = new RepoStore(options.dataDir);
  await store.init();
  const credentials = new CredentialStore(options.dataDir);
  const origins = new Set(options.corsOrigins ?? []);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const uploadsInFlight = new Map<string, number>();
  let publicUrl = '';
  const webhooks = new WebhookDispatcher(
    options.dataDir,
    options.webhooks ?? [],
    options.org,
    (repoId) => `${publicUrl}/${repoId}.git`,
    log,
    options.webhookRetry,
  );
  for (const target of options.webhooks ?? []) {
    if (!/^https?:\/\//.test(target.url)) {
      throw new Error(
        `startLocalServer: webhook URL "${redactUrl(target.url)}" must be http(s)://…`,
      );
    }
    if (!target.secret)
      throw new Error(`startLocalServer: webhook ${redactUrl(target.url)} needs a secret`);
  }

  function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!origin || !(origins.has('*') || origins.has(origin))) return false;
    res.setHeader('Access-Control-Allow-Origin', origins.has('*') ? '*' : origin);
    res.setHeader('Vary', 'Origin');
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url ?? '/', publicUrl);
    // Every git child started for this request dies with it: a client that leaves takes its
    // grep, archive or diff with it instead of leaving git running for nobody.
    const gone = new AbortController();
    const signal = gone.signal;
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    await withGitLifetime({ signal }, () => dispatch(req, res, url, signal));
  }

  async function dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    signal: AbortSignal,
  ): Promise<void> {
    const allowed = applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(allowed ? 204 : 403);
      res.end();
      return;
    }
    if (url.pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      const page = landingPage(options.org, publicUrl);
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(page),
      });
      res.end(req.method === 'HEAD' ? undefined : page);
      return;
    }
    const gitTarget = matchGitPath(url.pathname);
    if (gitTarget) {
      await serveGit(req, res, url, gitTarget, verifier, store, (changes) =>
        webhooks.announce(changes.map((c) => ({ ...c, repoId: gitTarget.repoId }))),
      );
      return;
    }
    const target = routeTarget(req.method ?? '', url.pathname);
    const path = target.path;
    const candidates = ROUTES.filter((r) => r.path === path && (target.newFamily || !r.newOnly));
    if (candidates.length === 0) fail(404, `no such API route: ${path}`);
    const route = candidates.find((r) => r.method.includes(req.method ?? ''));
    if (!route) fail(405, `${req.method} is not allowed on ${path}`);
    // Auth first: nothing below runs for a request whose token does not verify.
    const claims = await verifier.verify(bearerToken(req.headers.authorization));
    requireScopes(claims, route.scopes);
    if (target.repoInPath !== undefined && target.repoInPath !== claims.repo) {
      fail(403, `the token is for repository "${claims.repo}", not "${target.repoInPath}"`);
    }
    for (const [newer, older] of route.aliases?.query ?? []) {
      const value = url.searchParams.get(newer);
      if (value !== null && !url.searchParams.has(older)) url.searchParams.set(older, value);
    }
    const ctx: RequestContext = {
      req,
      res,
      url,
      claims,
      store,
      verifier,
      credentials,
      publicUrl,
      bodyIdleMs: limits.bodyIdleTimeoutMs,
      body: {
        ...(route.aliases?.body ? { aliases: route.aliases.body } : {}),
        ...(target.overrides ? { overrides: target.overrides } : {}),
      },
    };
    let result: unknown;
    if (route.repo) {
      const meta = await store.get(claims.repo);
      if (!meta) fail(404, `repository "${claims.repo}" not found`);
      const git = new GitRepo(store.gitDir(meta.id), (ref, before, after) =>
        webhooks.announce([{ repoId: meta.id, ref, before, after }]),
      );
      const handler = route.handler;
      const run = () =>
        route.slowGit
          ? withGitLifetime({ signal, timeoutMs: limits.slowGitTimeoutMs }, () =>
              handler({ ...ctx, meta, git }),
            )
          : handler({ ...ctx, meta, git });
      result = route.upload ? await countUpload(meta.id, run) : await run();
    } else {
      result = await route.handler(ctx);
    }
    if (!res.headersSent) sendJson(res, res.statusCode || 200, result);
  }

  /** Runs an upload unless its repository already has `uploadsPerRepo` in flight. */
  async function countUpload<T>(repoId: string, run: () => Promise<T> | T): Promise<T> {
    const running = uploadsInFlight.get(repoId) ?? 0;
    if (running >= limits.uploadsPerRepo) {
      fail(
        429,
        `repository "${repoId}" already has ${running} uploads in flight: retry when one finishes`,
        { 'Retry-After': '5' },
      );
    }
    uploadsInFlight.set(repoId, running + 1);
    try {
      return await run();
    } finally {
      const left = (uploadsInFlight.get(repoId) ?? 1) - 1;
      if (left > 0) uploadsInFlight.set(repoId, left);
      else uploadsInFlight.delete(repoId);
    }
  }

  async function answerError(
    req: IncomingMessage,
    res: ServerResponse,
    error: unknown,
  ): Promise<void> {
    const status = error instanceof HttpError ? error.status : 500;
    if (status >= 500) {
      log(
        `${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    // Once the body is fully read `req.destroyed` is true, so only a dead socket means the
    // client went away; then, or when part of the answer was already sent, hang up.
    if (res.headersSent || !res.socket || res.socket.destroyed) {
      res.destroy();
      return;
    }
    if (!req.complete) {
      // Refused before the whole body arrived. Hanging up now would reach a client that is still
      // sending as a broken pipe ("fetch failed"), not as the refusal: read and discard the rest
      // (up to a bound), then answer on a connection that stays open. Past the bound, answer and
      // close: nobody's 100 MiB is read for nothing.
      // A stalled body (408) is not waited for again.
      const stalled = error instanceof HttpError && error.status === 408;
      if (stalled || !(await discardBody(req, limits.refusedBodyBytes, limits.refusedBodyMs))) {
        // Past the bound: reading stops and the answer goes out on the paused connection (a
        // client reads answers while it sends, and stops); it is closed a moment later. Closed
        // at once, a client still sending would see a broken pipe before the answer.
        const socket = req.socket;
        res.once('finish', () => {
          setTimeout(() => {
            if (!req.complete) socket.destroy();
          }, REFUSED_LINGER_MS).unref();
        });
      }
      if (!res.socket || res.socket.destroyed) return;
    }
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
      sendJson(res, error.status, error.body);
    } else {
      sendJson(res, 500, { error: 'internal server error; see the server log' });
    }
  }

  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res)
      .catch((error: unknown) => answerError(req, res, error))
      .catch((error: unknown) => {
        log(`${req.method} ${req.url}: answering failed: ${String(error)}`);
        res.destroy();
      });
  };
  const server = options.tls
    ? createTlsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createServer(serverOptions, onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  publicUrl = `${options.tls ? 'https' : 'http'}://${host}:${address.port}`;
  await webhooks.start();
  return {
    url: publicUrl,
    storageBaseUrl: publicUrl,
    storageHost: `${host}:${address.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await webhooks.close();
    },
  };
}
