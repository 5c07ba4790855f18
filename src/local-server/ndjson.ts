import { fail } from './http-error.js';

const NEWLINE = 0x0a;

/**
 * Splits a byte stream into NDJSON lines as it arrives, holding at most one line (≤ `maxLineBytes`)
 * in memory. Empty lines are skipped; a last line without "\n" is still yielded.
 */
export async function* ndjsonLines(
  source: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<Buffer> {
  let pieces: Buffer[] = [];
  let size = 0;
  const tooLong = (): never =>
    fail(400, `an NDJSON line is longer than ${maxLineBytes} bytes: send chunks of at most 4 MiB`);
  for await (const chunk of source) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      const part = chunk.subarray(start, nl);
      if (size + part.length > maxLineBytes) tooLong();
      const line =
        pieces.length === 0 ? part : Buffer.concat([...pieces, part], size + part.length);
      pieces = [];
      size = 0;
      start = nl + 1;
      if (line.length > 0 && !(line.length === 1 && line[0] === 0x0d)) yield line;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      size += rest.length;
      if (size > maxLineBytes) tooLong();
      // Copy: the stream may reuse its buffer once we return to it.
      pieces.push(Buffer.from(rest));
    }
  }
  if (size > 0) yield Buffer.concat(pieces, size);
}

/** Parses one NDJSON line as a JSON object, or fails with a 400 that says which line. */
export function parseLine(line: Buffer, lineNumber: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line.toString('utf8'));
  } catch {
    fail(400, `NDJSON line ${lineNumber} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(400, `NDJSON line ${lineNumber} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes standard base64, refusing anything else (Buffer.from would silently skip bad input). */
export function decodeBase64(data: unknown, lineNumber: number, maxBytes: number): Buffer {
  if (typeof data !== 'string') fail(400, `NDJSON line ${lineNumber}: "data" must be a string`);
  if (data.length % 4 !== 0 || !BASE64.test(data)) {
    fail(400, `NDJSON line ${lineNumber}: "data" is not standard base64`);
  }
  if ((data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0) > maxBytes) {
    fail(400, `NDJSON line ${lineNumber}: a chunk decodes to more than ${maxBytes} bytes`);
  }
  return Buffer.from(data, 'base64');
}
