/**
 * Builds the NDJSON body of commit-pack (§8) and diff-commit (§9) as a lazy sequence of pieces:
 * the metadata line, then one line per 4 MiB chunk of each file, encoded straight to bytes.
 */
import { base64Length, encodeBase64Into } from './base64.js';
import { isBlob, readChunks } from './chunker.js';
import type { FileSource } from './types.js';

const encoder = new TextEncoder();

/** One piece of an upload body and how many file bytes it carries. */
export interface UploadPiece {
  bytes: Uint8Array;
  /** The file this piece belongs to (undefined for the metadata line). */
  file?: string;
  /** Raw file bytes carried (0 for the metadata line). */
  fileBytes: number;
  /** True on a file's last piece. */
  eof: boolean;
}

export interface UploadFile {
  path: string;
  contentId?: string;
  source: FileSource;
}

const NOT_LAST = '","eof":false}}\n';
const LAST_BYTES = encoder.encode('","eof":true}}\n');

/**
 * Line buffers handed out in turn. A line is encoded when the consumer asks for the line before
 * it (one line of look-ahead, for the eof patch), so line N+2 reuses line N's buffer exactly when
 * the consumer asks for piece N+2. A transport that is done with piece N by then (it wrote or
 * copied it) lets two buffers serve a whole upload instead of a fresh ~5.6 MB allocation per
 * chunk, which is what kept a 1 GiB upload's RSS well above 100 MiB.
 */
class LineRing {
  private readonly buffers: Uint8Array[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  take(length: number): Uint8Array {
    if (this.size === 0) return new Uint8Array(length);
    const i = this.next;
    this.next = (this.next + 1) % this.size;
    let buffer = this.buffers[i];
    if (!buffer || buffer.length < length) {
      buffer = new Uint8Array(length);
      this.buffers[i] = buffer;
    }
    return buffer.subarray(0, length);
  }
}

function line(ring: LineRing, prefix: string, chunk: Uint8Array, suffix: string): Uint8Array {
  const head = encoder.encode(prefix);
  const tail = encoder.encode(suffix);
  const out = ring.take(head.length + base64Length(chunk.length) + tail.length);
  out.set(head, 0);
  const end = encodeBase64Into(chunk, out, head.length);
  out.set(tail, end);
  return out;
}

/** Small Blobs are read this many files ahead, concurrently: each Blob read is a round trip to
 * the browser's blob store, and one at a time 10,000 small files waited on them for seconds. */
export const READ_AHEAD_FILES = 32;
/** Largest Blob read ahead whole (so read-ahead holds at most 32 × 64 KiB). */
export const READ_AHEAD_MAX_BYTES = 64 * 1024;

/** Starts reading the small Blobs among the next files; `take(i)` hands file i's read, if any. */
function readAhead(files: readonly UploadFile[]) {
  const reads = new Map<number, Promise<Uint8Array>>();
  let started = 0;
  return {
    take(i: number): Promise<Uint8Array> | undefined {
      for (
        started = Math.max(started, i);
        started < Math.min(files.length, i + READ_AHEAD_FILES);
        started++
      ) {
        const source = files[started]?.source;
        if (isBlob(source) && source.size <= READ_AHEAD_MAX_BYTES) {
          const read = source.arrayBuffer().then((buffer) => new Uint8Array(buffer));
          read.catch(() => {}); // awaited when its turn comes; never an unhandled rejection
          reads.set(started, read);
        }
      }
      const read = reads.get(i);
      reads.delete(i);
      return read;
    },
  };
}

/**
 * The body of an upload: `metadata`, then the chunks of each file in order. `chunkKey` is
 * `blob_chunk` (files, each with its `contentId`) or `diff_chunk` (one patch, no id). With
 * `reuseBuffers`, a piece's bytes stay valid only until the consumer asks for the piece after next.
 */
export async function* uploadBody(
  metadata: unknown,
  chunkKey: 'blob_chunk' | 'diff_chunk',
  files: readonly UploadFile[],
  options: { reuseBuffers?: boolean } = {},
): AsyncGenerator<UploadPiece> {
  const ring = new LineRing(options.reuseBuffers ? 2 : 0);
  yield { bytes: encoder.encode(`${JSON.stringify({ metadata })}\n`), fileBytes: 0, eof: false };
  const ahead = readAhead(files);
  for (const [index, file] of files.entries()) {
    const read = ahead.take(index);
    const id =
      file.contentId === undefined ? '' : `"content_id":${JSON.stringify(file.contentId)},`;
    const prefix = `{"${chunkKey}":{${id}"data":"`;
    // Each chunk is encoded at once (its buffer may be reused) and held back one step, so the
    // last line of a file can be patched to say eof: true.
    let pending: UploadPiece | null = null;
    for await (const chunk of read ? [await read] : readChunks(file.source)) {
      if (pending) yield pending;
      pending = {
        bytes: line(ring, prefix, chunk, NOT_LAST),
        file: file.path,
        fileBytes: chunk.length,
        eof: false,
      };
    }
    pending ??= {
      bytes: line(ring, prefix, new Uint8Array(0), NOT_LAST),
      file: file.path,
      fileBytes: 0,
      eof: false,
    };
    const tail = pending.bytes.length - NOT_LAST.length;
    pending.bytes.set(LAST_BYTES, tail);
    yield { ...pending, bytes: pending.bytes.subarray(0, tail + LAST_BYTES.length), eof: true };
  }
}
