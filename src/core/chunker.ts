/**
 * Reads any {@link FileSource} lazily as chunks of at most `chunkSize` bytes (4 MiB on the wire):
 * Blobs and Files by `slice()`, streams and iterables by gathering their pieces into one chunk
 * buffer (copying each byte once: no quadratic concatenation of small pieces).
 */
import type { FileSource } from './types.js';

export const CHUNK_SIZE = 4 * 1024 * 1024;

const encoder = new TextEncoder();

/** Blob or File, from this realm or another (an iframe, a worker, Node's own): duck-typed. */
export function isBlob(value: unknown): value is Blob {
  const blob = value as Blob | null;
  return (
    typeof blob === 'object' &&
    blob !== null &&
    typeof blob.size === 'number' &&
    typeof blob.slice === 'function' &&
    (typeof blob.stream === 'function' || typeof blob.arrayBuffer === 'function')
  );
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as ReadableStream | null)?.getReader === 'function';
}

function toBytes(piece: Uint8Array | ArrayBuffer | ArrayBufferView | string): Uint8Array {
  if (typeof piece === 'string') return encoder.encode(piece);
  if (piece instanceof Uint8Array) return piece;
  if (ArrayBuffer.isView(piece))
    return new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength);
  return new Uint8Array(piece);
}

/** The source's size in bytes when it can be known without reading it. */
export function sourceSize(source: FileSource): number | undefined {
  if (typeof source === 'string') return encoder.encode(source).length;
  if (isBlob(source)) return source.size;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return source.byteLength;
  return undefined;
}

async function* streamPieces(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield toBytes(value);
    }
  } finally {
    reader.releaseLock();
  }
}

/** A BYOB reader on the Blob's stream, or null where byte streams are not supported. */
function byobReader(blob: Blob): ReadableStreamBYOBReader | null {
  try {
    return typeof blob.stream === 'function' ? blob.stream().getReader({ mode: 'byob' }) : null;
  } catch {
    return null;
  }
}

/**
 * A Blob's bytes in chunks read into one reused buffer (BYOB), so a 512 MiB File costs the JS
 * heap one chunk, not 128 garbage ArrayBuffers; where BYOB is missing, `slice().arrayBuffer()`.
 */
async function* blobChunks(blob: Blob, chunkSize: number): AsyncGenerator<Uint8Array> {
  if (blob.size === 0) {
    yield new Uint8Array(0);
    return;
  }
  const reader = byobReader(blob);
  if (!reader) {
    for (let at = 0; at < blob.size; at += chunkSize) {
      yield new Uint8Array(await blob.slice(at, at + chunkSize).arrayBuffer());
    }
    return;
  }
  let buffer = new ArrayBuffer(Math.min(chunkSize, blob.size));
  let filled = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read(
        new Uint8Array(buffer, filled, buffer.byteLength - filled),
      );
      if (value) {
        buffer = value.buffer as ArrayBuffer; // the read transferred it back to us
        filled += value.byteLength;
      }
      if (filled === buffer.byteLength || (done && filled > 0)) {
        yield new Uint8Array(buffer, 0, filled);
        filled = 0;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Yields the source's bytes in chunks of exactly `chunkSize` (the last one shorter, and at least
 * one chunk, empty for an empty source). A yielded chunk may be a reused buffer: use it before
 * asking for the next one.
 */
export async function* readChunks(
  source: FileSource,
  chunkSize = CHUNK_SIZE,
): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string' || source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const bytes = toBytes(source as string | ArrayBuffer | ArrayBufferView);
    if (bytes.length === 0) yield bytes;
    for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    return;
  }
  if (isBlob(source)) {
    yield* blobChunks(source, chunkSize);
    return;
  }
  const pieces = isReadableStream(source)
    ? streamPieces(source)
    : (source as AsyncIterable<Uint8Array | ArrayBuffer | ArrayBufferView | string>);
  let chunk: Uint8Array | null = null; // allocated only if pieces need gathering
  let filled = 0;
  let yielded = false;
  for await (const raw of pieces) {
    let piece = toBytes(raw);
    while (piece.length > 0) {
      if (filled === 0 && piece.length >= chunkSize) {
        // A whole chunk in one piece: hand it on without copying.
        yield piece.subarray(0, chunkSize);
        yielded = true;
        piece = piece.subarray(chunkSize);
        continue;
      }
      const n = Math.min(piece.length, chunkSize - filled);
      chunk ??= new Uint8Array(chunkSize);
      chunk.set(piece.subarray(0, n), filled);
      filled += n;
      piece = piece.subarray(n);
      if (filled === chunkSize) {
        yield chunk;
        yielded = true;
        filled = 0;
      }
    }
  }
  if (filled > 0 || !yielded) yield (chunk ?? new Uint8Array(0)).subarray(0, filled);
}
