import type { UploadPiece } from '../upload-body.js';

/** One streamed NDJSON upload (commit-pack or diff-commit). */
export interface UploadRequest {
  url: string;
  headers: Record<string, string>;
  /** The body, produced lazily; each piece is read only when the transport can take it. */
  body: AsyncIterable<UploadPiece>;
  signal?: AbortSignal;
  /** Reports file bytes as they leave for the network (in order, summing to each file's size). */
  onSent: (file: string | undefined, fileBytes: number) => void;
}

export interface UploadResponse {
  status: number;
  statusText: string;
  contentType: string;
  text: string;
}

/**
 * Sends upload bodies. Every transport honours the AbortSignal, reports progress through
 * `onSent`, and holds at most a few chunks of the body in memory at once.
 */
export interface UploadTransport {
  readonly name: string;
  /**
   * True when the transport is done with a piece's bytes (sent or copied them) by the time it
   * asks for the piece after next: the body may then reuse its line buffers.
   */
  readonly releasesPieces?: boolean;
  send(request: UploadRequest): Promise<UploadResponse>;
}
