/**
 * Streaming reader for the commit upload bodies of PROTOCOL.md §8 and §9: NDJSON whose lines are a
 * metadata record followed by `{"blob_chunk": {…, "data": "<base64>", …}}` (or `diff_chunk`) lines
 * of up to ~5.6 MB each.
 *
 * Written by hand because no NDJSON or JSON streaming library decodes one huge string field
 * incrementally: they all materialise each line (or each string) whole. Here the base64 `data`
 * of a chunk line is decoded piece by piece as the bytes arrive, straight from the socket's
 * buffers, so memory per request stays at a few socket reads whatever the chunk or file size. Lines that do not have the SDKs' field order
 * (`content_id` before `data`) are still accepted: they are read whole, up to `maxLineBytes`.
 */
import { StringDecoder } from 'node:string_decoder';
import { Base64Decoder } from './base64-decoder.js';
import { fail } from './http-error.js';
import { MetadataLineReader } from './metadata-line.js';

export type ChunkKey = 'blob_chunk' | 'diff_chunk';

export type NdjsonEvent =
  /** A line read whole: always line 1 (the metadata), and any line that is not a chunk. */
  | { kind: 'record'; line: number; value: Record<string, unknown> }
  /** A chunk line begins; `contentId` is undefined for diff chunks. */
  | { kind: 'chunk-start'; line: number; contentId: string | undefined }
  /** Decoded bytes of the current chunk, in order. A view into a reused buffer: consume or copy
   * it before asking for the next event. */
  | { kind: 'chunk-data'; bytes: Buffer }
  /** The current chunk line ended and was well-formed. */
  | { kind: 'chunk-end'; line: number; eof: boolean };

export interface NdjsonOptions {
  chunkKey: ChunkKey;
  /** Longest line read whole (metadata, or a chunk line in an unusual field order). */
  maxLineBytes: number;
  /** Longest first line (the metadata, which lists every file of the commit). */
  maxFirstLineBytes?: number;
  /** Most decoded bytes one chunk line may carry. */
  maxChunkBytes: number;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const SLASH_BYTES = Buffer.from('/');
const DATA_MARKER = Buffer.from('"data":"');
const EOF_TRUE_TAIL = ',"eof":true}}';
const EOF_FALSE_TAIL = ',"eof":false}}';
/** A chunk line's head (everything before `"data":"`) longer than this is read the slow way. */
const MAX_HEAD_BYTES = 4096;

const HEAD_PATTERNS: Record<ChunkKey, RegExp> = {
  blob_chunk: /^\s*\{\s*"blob_chunk"\s*:\s*\{\s*"content_id"\s*:\s*"([^"\\]*)"\s*,\s*$/,
  diff_chunk: /^\s*\{\s*"diff_chunk"\s*:\s*\{\s*$/,
};

function invalidJson(line: number): never {
  fail(400, `NDJSON line ${line} is not valid JSON`);
}

function parseObject(text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    invalidJson(line);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(400, `NDJSON line ${line} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Turns an upload body into {@link NdjsonEvent}s. Throws a 400 HttpError on malformed input,
 * oversized lines or chunks; the caller discards whatever it wrote for the request then.
 */
export async function* ndjsonEvents(
  source: AsyncIterable<Buffer>,
  options: NdjsonOptions,
): AsyncGenerator<NdjsonEvent> {
  const headPattern = HEAD_PATTERNS[options.chunkKey];
  let line = 1;
  // 'head': collecting a line's start; 'data': streaming base64; 'tail': after the data string;
  // 'whole': collecting a line to parse whole.
  let mode: 'head' | 'data' | 'tail' | 'whole' = 'head';
  let pieces: Buffer[] = [];
  let size = 0;
  let head = '';
  let decoded = 0;
  let escaped = false;
  // The metadata line is read by its own reader, entry by entry (see metadata-line.ts).
  const utf8 = new StringDecoder('utf8');
  const metadataLine = new MetadataLineReader();
  const takeFirstLine = (): Record<string, unknown> => {
    metadataLine.push(utf8.end());
    return metadataLine.finish();
  };
  const base64 = new Base64Decoder();

  const limit = () =>
    line === 1 ? (options.maxFirstLineBytes ?? options.maxLineBytes) : options.maxLineBytes;
  const tooLong = (): never =>
    fail(
      400,
      line === 1
        ? `the metadata line is longer than ${limit()} bytes: split the change into several commits`
        : `NDJSON line ${line} is longer than ${limit()} bytes: send chunks of at most 4 MiB`,
    );
  function badBase64(error: unknown): never {
    fail(400, `NDJSON line ${line}: "data" is not standard base64 (${(error as Error).message})`);
  }

  function startChunk(): void {
    decoded = 0;
    base64.reset();
  }

  function* decodePiece(piece: Uint8Array): Generator<NdjsonEvent> {
    if (piece.length === 0) return;
    let bytes: Buffer;
    try {
      bytes = base64.push(piece);
    } catch (error) {
      badBase64(error);
    }
    decoded += bytes.length;
    if (decoded > options.maxChunkBytes) {
      fail(400, `NDJSON line ${line}: a chunk decodes to more than ${options.maxChunkBytes} bytes`);
    }
    if (bytes.length > 0) yield { kind: 'chunk-data', bytes };
  }

  function endData(): void {
    try {
      base64.end();
    } catch (error) {
      badBase64(error);
    }
  }

  /** A line read whole, parsed: callers pass `parseObject(text)` so the text is not kept alive
   * while the consumer works on the value (a commit's metadata line can be tens of MB). */
  function* wholeLine(value: Record<string, unknown>): Generator<NdjsonEvent> {
    const chunk = value[options.chunkKey] as Record<string, unknown> | undefined;
    if (line === 1 || typeof chunk !== 'object' || chunk === null) {
      yield { kind: 'record', line, value };
      return;
    }
    const contentId = options.chunkKey === 'blob_chunk' ? String(chunk.content_id) : undefined;
    yield { kind: 'chunk-start', line, contentId };
    if (typeof chunk.data !== 'string') fail(400, `NDJSON line ${line}: "data" must be a string`);
    startChunk();
    yield* decodePiece(Buffer.from(chunk.data, 'latin1'));
    endData();
    yield { kind: 'chunk-end', line, eof: chunk.eof === true };
  }

  function* finishTail(tail: string): Generator<NdjsonEvent> {
    // The SDKs' tails: nothing left to check (the head matched the pattern already).
    if (tail === EOF_TRUE_TAIL || tail === EOF_FALSE_TAIL) {
      yield { kind: 'chunk-end', line, eof: tail === EOF_TRUE_TAIL };
      return;
    }
    // Anything else: re-read the line with an empty data string, which validates it cheaply.
    const value = parseObject(`${head}""${tail}`, line);
    const chunk = value[options.chunkKey] as Record<string, unknown> | undefined;
    if (typeof chunk !== 'object' || chunk === null || Object.keys(value).length !== 1) {
      invalidJson(line);
    }
    yield { kind: 'chunk-end', line, eof: chunk.eof === true };
  }

  for await (const input of source) {
    let buf = input;
    let at = 0;
    // Where the closing quote of "data" is in `buf` (found once per buffer, not once per escape).
    let quoteAt = -1;
    while (at < buf.length) {
      if (mode === 'data') {
        // JSON may escape "/" as "\/" (PHP does by default); base64 needs no other escape.
        if (escaped) {
          if (buf[at] !== SLASH) {
            fail(
              400,
              `NDJSON line ${line}: "data" may only escape "/" (as \\/); send plain base64`,
            );
          }
          escaped = false;
          yield* decodePiece(SLASH_BYTES);
          at++;
          continue;
        }
        if (quoteAt < at) quoteAt = buf.indexOf(QUOTE, at);
        if (quoteAt < 0) quoteAt = buf.length;
        const backslash = buf.indexOf(BACKSLASH, at);
        const end = backslash >= 0 && backslash < quoteAt ? backslash : quoteAt;
        yield* decodePiece(buf.subarray(at, end));
        at = end;
        if (end === backslash) {
          escaped = true;
          at++;
        } else if (end < buf.length) {
          endData();
          mode = 'tail';
          at = end + 1;
        }
        continue;
      }
      if (mode === 'head' && line > 1 && size === 0) {
        // Fast path: the line's head lies whole in this read (true of all but the few lines
        // that straddle two reads), so nothing is copied: a body of 100,000 tiny files is
        // 100,000 such lines, and copying the rest of the read for each one cost gigabytes.
        const marker = buf.indexOf(DATA_MARKER, at);
        const lineEnd = buf.indexOf(NEWLINE, at);
        if (marker >= 0 && marker - at <= MAX_HEAD_BYTES && (lineEnd < 0 || marker < lineEnd)) {
          const match = headPattern.exec(buf.toString('utf8', at, marker));
          if (match) {
            head = `${match[0]}"data":`;
            yield { kind: 'chunk-start', line, contentId: match[1] };
            startChunk();
            mode = 'data';
            at = marker + DATA_MARKER.length;
            continue;
          }
        }
      }
      const nl = buf.indexOf(NEWLINE, at);
      const end = nl < 0 ? buf.length : nl;
      const part = buf.subarray(at, end);
      size += part.length;
      if (mode === 'tail' && size > MAX_HEAD_BYTES) {
        fail(400, `NDJSON line ${line}: unexpected content after "data"`);
      }
      if (size > limit()) tooLong();
      if (line === 1) {
        // The metadata line (up to tens of MB for a big commit) is decoded as it arrives, so
        // neither the socket's reads nor a joined copy of them are held while it is parsed.
        metadataLine.push(utf8.write(part));
      } else {
        // Socket reads are fresh buffers, so keeping views into them is safe.
        pieces.push(part);
      }
      at = end;
      if (mode === 'head' && line > 1) {
        const sofar = Buffer.concat(pieces, size);
        const marker = sofar.indexOf(DATA_MARKER);
        const match =
          marker >= 0 ? headPattern.exec(sofar.subarray(0, marker).toString('utf8')) : null;
        if (match) {
          head = `${match[0]}"data":`;
          yield { kind: 'chunk-start', line, contentId: match[1] };
          startChunk();
          mode = 'data';
          // Go on in data mode from just after the marker.
          buf = Buffer.concat([sofar.subarray(marker + DATA_MARKER.length), buf.subarray(at)]);
          at = 0;
          quoteAt = -1;
          pieces = [];
          size = 0;
          continue;
        }
        if (marker >= 0 || size > MAX_HEAD_BYTES) mode = 'whole';
        else pieces = [sofar];
      }
      if (nl >= 0) {
        at = nl + 1;
        if (mode === 'head' && size === 0) continue; // a blank line
        if (line === 1) {
          yield* wholeLine(takeFirstLine());
        } else {
          const text = Buffer.concat(pieces, size).toString('utf8');
          pieces = [];
          if (mode === 'tail') yield* finishTail(text);
          else yield* wholeLine(parseObject(text, line));
        }
        line++;
        mode = 'head';
        pieces = [];
        size = 0;
      }
    }
  }
  if (mode === 'data' || escaped) fail(400, `NDJSON line ${line} ends inside "data"`);
  if (size > 0) {
    if (line === 1) yield* wholeLine(takeFirstLine());
    else {
      const text = Buffer.concat(pieces, size).toString('utf8');
      if (mode === 'tail') yield* finishTail(text);
      else yield* wholeLine(parseObject(text, line));
    }
  }
}
