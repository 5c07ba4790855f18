/**
 * Typed errors thrown by the kit. Every message says what went wrong and what to do about it;
 * branch on the class (and on `status` / `reason`), never on the message text.
 */

/**
 * The base class of every error the kit throws on purpose: `catch (e) { if (e instanceof
 * GitStorageError) … }` separates them from bugs. `status` is the HTTP status where there was one.
 */
export class GitStorageError extends Error {
  override readonly name: string = 'GitStorageError';
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

/** Input the client can check itself was rejected before any request was sent. */
export class ValidationError extends GitStorageError {
  override readonly name = 'ValidationError';
  /** The option or field that was wrong, e.g. `path` or `targetBranch`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * The request never got an HTTP answer: the server is not running, the URL is wrong, or (in a
 * browser) CORS refused it. `url` is what was called; `cause` is the runtime's own error.
 */
export class NetworkError extends GitStorageError {
  override readonly name = 'NetworkError';
  readonly url: string;
  constructor(url: string, cause: unknown) {
    const inBrowser = typeof (globalThis as { document?: unknown }).document !== 'undefined';
    super(
      `could not reach ${url}: check that the storage server is running and that apiBaseUrl is right${
        inBrowser
          ? ', and that the server allows this origin (CORS; the local server: --cors-origin)'
          : ''
      } (${cause instanceof Error ? cause.message : String(cause)})`,
    );
    this.url = url;
    this.cause = cause;
  }
}

/** A non-2xx answer from the storage API. `body` is the parsed JSON (or text) the server sent. */
export class ApiError extends GitStorageError {
  override readonly name = 'ApiError';
  declare readonly status: number;
  readonly statusText: string;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  constructor(
    message: string,
    init: { status: number; statusText?: string; method: string; url: string; body?: unknown },
  ) {
    super(message, init.status);
    this.statusText = init.statusText ?? '';
    this.method = init.method;
    this.url = init.url;
    this.body = init.body;
  }
}

/** The token was missing, expired, refused, or lacks the scope the call needs. */
export class AuthError extends GitStorageError {
  override readonly name = 'AuthError';
  declare readonly status: number;
  /** What `getToken` returned or threw, or the token endpoint's answer, when that was the cause. */
  readonly detail: unknown;
  constructor(message: string, status = 401, detail?: unknown) {
    super(message, status);
    this.detail = detail;
  }
}

/** Why a ref update failed, normalised from the server's `result.status` label. */
export type RefUpdateReason =
  | 'precondition_failed'
  | 'conflict'
  | 'not_found'
  | 'invalid'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'unavailable'
  | 'internal'
  | 'failed'
  | 'unknown';

/** What the server reported about the ref it tried to move. */
export interface RefUpdate {
  branch: string;
  oldSha: string;
  newSha: string;
}

const REASONS: ReadonlySet<string> = new Set<RefUpdateReason>([
  'precondition_failed',
  'conflict',
  'not_found',
  'invalid',
  'timeout',
  'unauthorized',
  'forbidden',
  'unavailable',
  'internal',
  'failed',
]);

/** Maps a wire status label (`precondition_failed`, `conflict`, …) to a {@link RefUpdateReason}. */
export function refUpdateReason(status: string): RefUpdateReason {
  const label = status.trim().toLowerCase();
  return REASONS.has(label) ? (label as RefUpdateReason) : 'unknown';
}

/** A commit, restore or branch write did not move the ref (the branch moved, a guard failed, …). */
export class RefUpdateError extends GitStorageError {
  override readonly name = 'RefUpdateError';
  /** Why, normalised from the server's label (`precondition_failed` = the branch moved). */
  readonly reason: RefUpdateReason;
  /** The label exactly as the server sent it. */
  readonly label: string;
  readonly refUpdate: Partial<RefUpdate> | undefined;
  constructor(
    message: string,
    init: { label: string; status?: number; refUpdate?: Partial<RefUpdate> },
  ) {
    super(message, init.status);
    this.label = init.label;
    this.reason = refUpdateReason(init.label);
    this.refUpdate = init.refUpdate;
  }
}
