/**
 * Sends a commit upload (commit-pack or diff-commit) through a transport, reports progress, and
 * turns the answer into a {@link CommitResult} or a typed error.
 */
import { AuthError, NetworkError } from './errors.js';
import { CLIENT_AGENT, errorMessage, type HttpClient } from './http.js';
import type { UploadTransport } from './transports/types.js';
import type { CommitProgress, CommitResult, SendOptions } from './types.js';
import { type UploadFile, type UploadPiece, uploadBody } from './upload-body.js';
import { commitResult, refUpdateFailure, type WireRefResultPart } from './wire-mappers.js';
import type { WireCommitAck } from './wire-types.js';

export interface UploadTarget {
  http: HttpClient;
  transport: UploadTransport;
  repoId: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** fetch's TypeError, XHR's network error, or a socket error of node:http. */
function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && /^(ECONN|ENOTFOUND|EAI_|EHOSTUNREACH|ENETUNREACH|EPIPE)/.test(code)
  );
}

export async function sendUpload(
  target: UploadTarget,
  endpoint: 'repos/commit-pack' | 'repos/diff-commit',
  metadata: { target_branch: string },
  chunkKey: 'blob_chunk' | 'diff_chunk',
  files: readonly (UploadFile & { size: number | undefined })[],
  options: SendOptions = {},
): Promise<CommitResult> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const sizes = files.map((f) => f.size);
  const progress: CommitProgress = {
    phase: 'uploading',
    bytesSent: 0,
    files: Object.fromEntries(
      files.map((f) => [
        f.path,
        f.size === undefined ? { bytesSent: 0 } : { bytesSent: 0, totalBytes: f.size },
      ]),
    ),
  };
  if (sizes.every((s) => s !== undefined))
    progress.totalBytes = sizes.reduce<number>((a, b) => a + (b ?? 0), 0);
  let bodyDone = false;
  let producedBytes = 0;
  // One event per burst: a transport may report thousands of small files in one go (one XHR
  // progress event covers them), and each event copies the per-file map — per file, committing
  // 10,000 files copied 10^8 entries. Reports made together are announced once, in a microtask.
  let scheduled = false;
  const snapshot = () => onProgress?.({ ...progress, files: { ...progress.files } });
  const emit = () => {
    if (!onProgress || scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      if (!scheduled) return; // the committing event already said it all
      scheduled = false;
      snapshot();
    });
  };
  const maybeCommitting = () => {
    if (progress.phase === 'uploading' && bodyDone && progress.bytesSent === producedBytes) {
      progress.phase = 'committing';
      progress.totalBytes = producedBytes;
      scheduled = false;
      snapshot();
    }
  };
  async function* body(): AsyncGenerator<UploadPiece> {
    for await (const piece of uploadBody(metadata, chunkKey, files, {
      reuseBuffers: target.transport.releasesPieces === true,
    })) {
      producedBytes += piece.fileBytes;
      yield piece;
    }
    bodyDone = true;
    maybeCommitting();
  }
  const token = await target.http.tokens.get(target.repoId, ['git:write'], signal);
  const url = target.http.url(endpoint);
  const response = await target.transport
    .send({
      url,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/x-ndjson',
        Accept: 'application/json',
        'Code-Storage-Agent': CLIENT_AGENT,
      },
      body: body(),
      signal,
      onSent: (file, fileBytes) => {
        if (fileBytes === 0) return;
        progress.bytesSent += fileBytes;
        if (file !== undefined) {
          progress.currentFile = file;
          const entry = progress.files[file];
          if (entry) entry.bytesSent += fileBytes;
        }
        emit();
        maybeCommitting();
      },
    })
    .catch((error: unknown) => {
      throw signal?.aborted || !isNetworkFailure(error) ? error : new NetworkError(url, error);
    });
  const parsed = parseJson(response.text) as
    | (Partial<WireCommitAck> & { result?: WireRefResultPart; error?: string })
    | undefined;
  const ok = response.status >= 200 && response.status < 300;
  if (ok && parsed?.commit && parsed.result?.success === true)
    return commitResult(parsed as WireCommitAck);
  const server = errorMessage(parsed ?? response.text);
  if (response.status === 401 || response.status === 403) {
    if (response.status === 401) target.http.tokens.invalidate(target.repoId, ['git:write'], token);
    throw new AuthError(
      parsed?.result?.message ?? server ?? `the server refused the token (${response.status})`,
      response.status,
    );
  }
  const operation = endpoint === 'repos/commit-pack' ? 'createCommit' : 'createCommitFromDiff';
  throw refUpdateFailure(
    response.status,
    parsed?.result,
    server,
    `${operation} failed (${response.status} ${response.statusText})`,
  );
}
