/**
 * Upload transport for Node: `node:http`/`node:https` with back-pressure, so at most one NDJSON
 * line is queued in the socket. (Node's built-in fetch keeps a streamed request body in memory:
 * about 1.33x the file.) The modules come from `process.getBuiltinModule`, so the core entry has
 * no Node import and bundles unchanged for browsers.
 */
import type { UploadPiece } from '../upload-body.js';
import type { UploadRequest, UploadResponse, UploadTransport } from './types.js';

interface NodeIncoming {
  statusCode?: number;
  statusMessage?: string;
  headers: Record<string, string | string[] | undefined>;
  setEncoding(encoding: string): void;
  on(event: 'data', listener: (chunk: string) => void): void;
  on(event: 'end' | 'error' | 'aborted', listener: (error?: Error) => void): void;
}

interface NodeClientRequest {
  write(chunk: Uint8Array, callback?: (error?: Error | null) => void): boolean;
  end(): void;
  destroy(error?: unknown): void;
  once(event: 'drain' | 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

interface NodeHttpModule {
  request(
    url: URL,
    options: { method: string; headers: Record<string, string> },
    onResponse: (response: NodeIncoming) => void,
  ): NodeClientRequest;
}

type GetBuiltin = (id: string) => unknown;

function getBuiltin(): GetBuiltin | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
  return typeof proc?.getBuiltinModule === 'function'
    ? proc.getBuiltinModule.bind(proc)
    : undefined;
}

/** True in Node 20.16+ (and other runtimes that expose Node's built-in modules). */
export function nodeHttpAvailable(): boolean {
  return getBuiltin() !== undefined;
}

/** Pieces shorter than this are sent in batches of up to {@link BATCH_BYTES}. */
const SMALL_PIECE_BYTES = 16 * 1024;
const BATCH_BYTES = 256 * 1024;

export function nodeHttpTransport(): UploadTransport {
  return {
    name: 'node-http',
    releasesPieces: true, // a piece's write has completed before the piece after next is read
    send(request: UploadRequest): Promise<UploadResponse> {
      const builtin = getBuiltin();
      if (!builtin) throw new Error('the node-http transport needs Node 20.16 or newer');
      const url = new URL(request.url);
      const http = builtin(
        url.protocol === 'https:' ? 'node:https' : 'node:http',
      ) as NodeHttpModule;
      const { signal } = request;
      signal?.throwIfAborted();
      return new Promise<UploadResponse>((resolve, reject) => {
        let answered = false;
        let settled = false;
        const finish = (error: unknown, response?: UploadResponse) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          if (response) resolve(response);
          else reject(error);
        };
        const req = http.request(
          url,
          { method: 'POST', headers: { ...request.headers, 'Transfer-Encoding': 'chunked' } },
          (res) => {
            answered = true; // stop sending: the server has decided
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => {
              text += chunk;
            });
            res.on('end', () =>
              finish(undefined, {
                status: res.statusCode ?? 0,
                statusText: res.statusMessage ?? '',
                contentType: String(res.headers['content-type'] ?? ''),
                text,
              }),
            );
            res.on('error', (error) => finish(error));
          },
        );
        const onAbort = () => {
          req.destroy(signal?.reason);
          finish(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        req.on('error', (error) => {
          // After the server answered, a write error (it stopped reading) is expected.
          if (!answered) finish(error);
        });
        /** Writes `bytes`; `onSent` runs once they are handed to the socket. */
        const write = (bytes: Uint8Array, sent: readonly UploadPiece[]) =>
          new Promise<void>((done) => {
            req.write(bytes, (error) => {
              if (!error) for (const piece of sent) request.onSent(piece.file, piece.fileBytes);
              done();
            });
          });
        const pump = async () => {
          const iterator = request.body[Symbol.asyncIterator]();
          // One write in flight while the next piece is encoded; never two. Small pieces (a
          // commit of many tiny files is one short line per file) are copied into batches of up
          // to 256 KiB: awaiting one socket write per line made 100,000 files take minutes.
          let inFlight: Promise<void> = Promise.resolve();
          // The last write of a piece's own (reused) buffer: it must be done before the piece
          // after next is read, which may be encoded into that buffer.
          let uncopied: Promise<void> = Promise.resolve();
          let batch: Uint8Array[] = [];
          let batched: UploadPiece[] = [];
          let batchBytes = 0;
          const flush = async () => {
            if (batched.length === 0) return;
            const bytes = new Uint8Array(batchBytes);
            let at = 0;
            for (const part of batch) {
              bytes.set(part, at);
              at += part.length;
            }
            const sent = batched;
            batch = [];
            batched = [];
            batchBytes = 0;
            await inFlight;
            inFlight = write(bytes, sent);
          };
          try {
            for (;;) {
              if (answered || settled) return;
              const next = await iterator.next();
              if (next.done) break;
              if (answered || settled) return;
              const piece: UploadPiece = next.value;
              if (piece.bytes.length < SMALL_PIECE_BYTES) {
                batch.push(piece.bytes.slice()); // its buffer is reused two pieces on
                batched.push(piece);
                batchBytes += piece.bytes.length;
                if (batchBytes >= BATCH_BYTES) await flush();
                await uncopied;
                continue;
              }
              await flush();
              await inFlight;
              inFlight = write(piece.bytes, [piece]);
              uncopied = inFlight;
            }
            await flush();
            await inFlight;
            if (!answered && !settled) req.end();
          } finally {
            await iterator.return?.();
          }
        };
        pump().catch((error: unknown) => {
          req.destroy(error);
          finish(error);
        });
      });
    },
  };
}
