/**
 * Typed errors thrown by the kit. Every message says what went wrong and what to do about it;
 * branch on the class (and on `status` / `reason`), never on the message text.
 */

/** Input the client can check itself was rejected before any request was sent. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  /** The option or field that was wrong, e.g. `path` or `targetBranch`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** A non-2xx answer from the storage API. `body` is the parsed JSON (or text) the server sent. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly statusText: string;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  constructor(
    message: string,
    init: { status: number; statusText?: string; method: string; url: string; body?: unknown },
  ) {
    super(message);
    this.status = init.status;
    this.statusText = init.statusText ?? '';
    this.method = init.method;
    this.url = init.url;
    this.body = init.body;
  }
}

/** The token was missing, expired, refused, or lacks the scope the call needs. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly status: number;
  constructor(message: string, status = 401) {
    super(message);
    this.status = status;
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
export class RefUpdateError extends Error {
  override readonly name = 'RefUpdateError';
  /** The raw status label the server sent. */
  readonly status: string;
  readonly reason: RefUpdateReason;
  readonly refUpdate: Partial<RefUpdate> | undefined;
  constructor(message: string, init: { status: string; refUpdate?: Partial<RefUpdate> }) {
    super(message);
    this.status = init.status;
    this.reason = refUpdateReason(init.status);
    this.refUpdate = init.refUpdate;
  }
}
