import type { ServerResponse } from 'node:http';
import type { WireRefResult } from '../core/wire-types.js';

/**
 * A request the server refuses. Its JSON body is the error envelope of PROTOCOL.md §5.1
 * (`{"error": …}`), or for ref-moving writes the `{commit, result}` failure shape of §8.6.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly body: Record<string, unknown>;
  constructor(
    readonly status: number,
    message: string,
    extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.body = { error: message, ...extra };
  }
}

/** Throws the error envelope with `status`. */
export function fail(status: number, message: string, headers?: Record<string, string>): never {
  throw new HttpError(status, message, undefined, headers);
}

/** Throws a ref-update failure (`result.success: false`) that the SDKs map to `RefUpdateError`. */
export function failRefUpdate(
  status: number,
  label: string,
  message: string,
  ref: Partial<Pick<WireRefResult, 'branch' | 'old_sha' | 'new_sha'>> = {},
): never {
  const result: WireRefResult = {
    branch: ref.branch ?? '',
    target_branch: ref.branch ?? '',
    old_sha: ref.old_sha ?? '',
    new_sha: ref.new_sha ?? '',
    success: false,
    status: label,
    message,
  };
  throw new HttpError(status, message, { commit: null, result });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
