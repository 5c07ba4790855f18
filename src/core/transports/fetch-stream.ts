/**
 * Upload transport that streams the body with `fetch` (`duplex: 'half'`). Browsers accept a
 * streamed request body only over HTTP/2 or HTTP/3 (Chromium; Safari and Firefox do not stream
 * request bodies), so it is opt-in: `transport: fetchStreamTransport()`.
 */
import type { UploadRequest, UploadResponse, UploadTransport } from './types.js';

export function fetchStreamTransport(fetchImpl: typeof fetch = globalThis.fetch): UploadTransport {
  return {
    name: 'fetch-stream',
    async send(request: UploadRequest): Promise<UploadResponse> {
      const iterator = request.body[Symbol.asyncIterator]();
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const next = await iterator.next();
            if (next.done) {
              controller.close();
              return;
            }
            controller.enqueue(next.value.bytes);
            request.onSent(next.value.file, next.value.fileBytes);
          },
          async cancel() {
            await iterator.return?.();
          },
        },
        { highWaterMark: 0 },
      );
      const response = await fetchImpl(request.url, {
        method: 'POST',
        headers: request.headers,
        body,
        signal: request.signal,
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
      return {
        status: response.status,
        statusText: response.statusText,
        contentType: response.headers.get('content-type') ?? '',
        text: await response.text(),
      };
    },
  };
}
