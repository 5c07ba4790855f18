/**
 * A failed commit said as a sentence with what to do next. The typed errors decide the case
 * (class, status, reason), never their message text — except the policy refusal, which the
 * protocol reports as a 403 whose message names the policy.
 */
import {
  ApiError,
  AuthError,
  NetworkError,
  RefUpdateError,
  ValidationError,
} from '../../core/browser.js';
import type { CommitComposerLabels } from './labels.js';

export type CommitFailure =
  /** The branch moved since staging began: the composer offers its own flow. */
  { kind: 'moved' } | { kind: 'cancelled'; message: string } | { kind: 'error'; message: string };

export function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

export function describeCommitError(error: unknown, labels: CommitComposerLabels): CommitFailure {
  if (isAbort(error)) return { kind: 'cancelled', message: labels.commitCancelled };
  if (error instanceof RefUpdateError && error.reason === 'precondition_failed') {
    return { kind: 'moved' };
  }
  const detail = error instanceof Error ? error.message : String(error);
  let message: string;
  if (error instanceof AuthError) {
    message =
      error.status === 401
        ? labels.signInExpired
        : /\bpolicy\b/i.test(detail)
          ? labels.policyRefused(detail)
          : labels.noWritePermission;
  } else if (
    (error instanceof ApiError || error instanceof RefUpdateError) &&
    error.status === 413
  ) {
    // A commit's failures arrive as RefUpdateError (as in the official SDK), a 413 among them.
    message = labels.fileTooBig(detail);
  } else if (error instanceof NetworkError) {
    message = labels.networkLost;
  } else if (error instanceof ValidationError) {
    message = labels.commitInvalid(detail);
  } else if (error instanceof RefUpdateError) {
    message = labels.commitRefused(detail);
  } else {
    message = labels.commitFailed(detail);
  }
  return { kind: 'error', message };
}
