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
        const pump = async () => {
          const iterator = request.body[Symbol.asyncIterator]();
          // One write in flight while the next piece is encoded; never two.
          let inFlight: Promise<void> = Promise.resolve();
          try {
            for (;;) {
              if (answered || settled) return;
              const next = await iterator.next();
              await inFlight;
              if (next.done) break;
              if (answered || settled) return;
              const piece: UploadPiece = next.value;
              inFlight = new Promise<void>((done) => {
                req.write(piece.bytes, (error) => {
                  if (!error) request.onSent(piece.file, piece.fileBytes);
                  done();
                });
              });
            }
            req.end();
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
