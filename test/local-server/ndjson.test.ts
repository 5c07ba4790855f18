/**
 * The streaming NDJSON reader must give the same events however the body is cut into reads:
 * every split point of a chunk line (inside the head, the marker, the base64, the tail) is tried.
 */
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/local-server/http-error.js';
import { type NdjsonEvent, ndjsonEvents } from '../../src/local-server/ndjson.js';

const options = { chunkKey: 'blob_chunk' as const, maxLineBytes: 1 << 20, maxChunkBytes: 64 };

async function collect(pieces: Buffer[], opts = options) {
  async function* source() {
    for (const p of pieces) yield p;
  }
  const events: NdjsonEvent[] = [];
  for await (const e of ndjsonEvents(source(), opts)) {
    // chunk-data views a reused buffer: copy before pulling the next event, as the contract says.
    events.push(e.kind === 'chunk-data' ? { kind: e.kind, bytes: Buffer.from(e.bytes) } : e);
  }
  // Merge data pieces per chunk so differently-cut inputs compare equal.
  const merged: unknown[] = [];
  for (const e of events) {
    const last = merged.at(-1) as { kind: string; bytes?: Buffer } | undefined;
    if (e.kind === 'chunk-data' && last?.kind === 'chunk-data') {
      last.bytes = Buffer.concat([last.bytes as Buffer, e.bytes]);
    } else {
      merged.push(e.kind === 'chunk-data' ? { kind: e.kind, bytes: Buffer.from(e.bytes) } : e);
    }
  }
  return merged;
}

const meta = `${JSON.stringify({ metadata: { files: [] } })}\n`;
const payload = Buffer.from('hello, streaming world! \u00e9\u00e8');
const fast = `{"blob_chunk":{"content_id":"f1","data":"${payload.toString('base64')}","eof":true}}\n`;
const reordered = `{"blob_chunk":{"data":"${payload.toString('base64')}","eof":false,"content_id":"f2"}}\n`;
const body = Buffer.from(meta + fast + reordered);

const expected = [
  { kind: 'record', line: 1, value: { metadata: { files: [] } } },
  { kind: 'chunk-start', line: 2, contentId: 'f1' },
  { kind: 'chunk-data', bytes: payload },
  { kind: 'chunk-end', line: 2, eof: true },
  { kind: 'chunk-start', line: 3, contentId: 'f2' },
  { kind: 'chunk-data', bytes: payload },
  { kind: 'chunk-end', line: 3, eof: false },
];

describe('ndjsonEvents', () => {
  it('reads the body in one piece', async () => {
    expect(await collect([body])).toEqual(expected);
  });

  it('gives the same events for every two-piece split', async () => {
    for (let cut = 1; cut < body.length; cut++) {
      expect(await collect([body.subarray(0, cut), body.subarray(cut)])).toEqual(expected);
    }
  });

  it('gives the same events byte by byte', async () => {
    const bytes = [...body].map((b) => Buffer.from([b]));
    expect(await collect(bytes)).toEqual(expected);
  });

  it('decodes "\\/" escapes in data however the body is cut, and refuses other escapes', async () => {
    const slashy = Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0xff, 0xff, 0x00, 0x3f, 0xff]);
    const b64 = slashy.toString('base64');
    expect(b64).toContain('/');
    const line2 = `{"blob_chunk":{"content_id":"s","data":"${b64.replaceAll('/', '\\/')}","eof":true}}\n`;
    const escapedBody = Buffer.from(meta + line2);
    const want = [
      expected[0],
      { kind: 'chunk-start', line: 2, contentId: 's' },
      { kind: 'chunk-data', bytes: slashy },
      { kind: 'chunk-end', line: 2, eof: true },
    ];
    for (let cut = 1; cut < escapedBody.length; cut++) {
      const pieces = [escapedBody.subarray(0, cut), escapedBody.subarray(cut)];
      expect(await collect(pieces, { ...options, maxChunkBytes: 1024 })).toEqual(want);
    }
    const bad = Buffer.from(
      `${meta}{"blob_chunk":{"content_id":"s","data":"AA\\nAA","eof":true}}\n`,
    );
    await expect(collect([bad])).rejects.toThrow(/may only escape/);
  });

  it('accepts a last line without a newline and skips blank lines', async () => {
    const text = `\n${meta}\n${fast.trimEnd()}`;
    expect(await collect([Buffer.from(text)])).toEqual(expected.slice(0, 4));
  });

  it.each([
    ['bad base64', `{"blob_chunk":{"content_id":"a","data":"@@@@","eof":true}}\n`, /base64/],
    [
      'base64 of bad length',
      `{"blob_chunk":{"content_id":"a","data":"abc","eof":true}}\n`,
      /base64/,
    ],
    [
      'data after padding',
      `{"blob_chunk":{"content_id":"a","data":"YQ==YQ==","eof":true}}\n`,
      /base64|padding/,
    ],
    [
      'a broken tail',
      `{"blob_chunk":{"content_id":"a","data":"YQ==","eof":tru}}\n`,
      /not valid JSON/,
    ],
    [
      'an extra top-level key',
      `{"blob_chunk":{"content_id":"a","data":"YQ==","eof":true},"x":1}\n`,
      /not valid JSON/,
    ],
    [
      'too many decoded bytes',
      `{"blob_chunk":{"content_id":"a","data":"${Buffer.alloc(65).toString('base64')}","eof":true}}\n`,
      /more than 64 bytes/,
    ],
    ['a body that ends inside data', `{"blob_chunk":{"content_id":"a","data":"YWJj`, /ends inside/],
  ])('refuses %s with a 400', async (_name, line, message) => {
    const error = await collect([Buffer.from(meta + line)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).message).toMatch(message);
  });

  it('refuses a line longer than maxLineBytes', async () => {
    const long = `{"blob_chunk":{"data":"${'A'.repeat(2000)}","content_id":"x","eof":true}}\n`;
    const error = await collect([Buffer.from(meta + long)], {
      ...options,
      maxLineBytes: 1000,
      maxChunkBytes: 1 << 20,
    }).catch((e: unknown) => e);
    expect((error as HttpError).message).toMatch(/longer than 1000 bytes/);
  });
});
