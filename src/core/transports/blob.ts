/**
 * Upload transport for browsers and workers: the NDJSON body is assembled chunk by chunk into
 * `Blob` parts (the browser keeps Blob data outside the JS heap, so the heap holds one chunk's
 * line at a time), then sent with XMLHttpRequest for upload progress — or with `fetch` where
 * there is no XHR (service workers), which gives no upload progress until the end.
 */
import type { UploadRequest, UploadResponse, UploadTransport } from './types.js';

interface Mark {
  /** Wire offset where this piece ends. */
  end: number;
  file: string | undefined;
  fileBytes: number;
  wireBytes: number;
}

export function blobTransport(fetchImpl: typeof fetch = globalThis.fetch): UploadTransport {
  return {
    name: 'blob',
    releasesPieces: true, // each piece is copied into a Blob before the next is read
    async send(request: UploadRequest): Promise<UploadResponse> {
      const parts: Blob[] = [];
      const marks: Mark[] = [];
      let wire = 0;
      for await (const piece of request.body) {
        request.signal?.throwIfAborted();
        parts.push(new Blob([piece.bytes as Uint8Array<ArrayBuffer>]));
        wire += piece.bytes.length;
        marks.push({
          end: wire,
          file: piece.file,
          fileBytes: piece.fileBytes,
          wireBytes: piece.bytes.length,
        });
      }
      const body = new Blob(parts, { type: 'application/x-ndjson' });
      // Report file bytes in proportion to the wire bytes the browser says it has sent.
      let reported = 0;
      let index = 0;
      let reportedInPiece = 0;
      const advance = (loaded: number) => {
        while (index < marks.length) {
          const mark = marks[index] as Mark;
          const start = mark.end - mark.wireBytes;
          const within = Math.min(Math.max(loaded - start, 0), mark.wireBytes);
          const due =
            mark.wireBytes === 0
              ? mark.fileBytes
              : Math.floor((within / mark.wireBytes) * mark.fileBytes);
          if (due > reportedInPiece) {
            request.onSent(mark.file, due - reportedInPiece);
            reportedInPiece = due;
          }
          if (loaded < mark.end) break;
          index++;
          reportedInPiece = 0;
        }
        reported = loaded;
      };
      if (typeof XMLHttpRequest === 'undefined') {
        const response = await fetchImpl(request.url, {
          method: 'POST',
          headers: request.headers,
          body,
          signal: request.signal,
        });
        advance(wire);
        return {
          status: response.status,
          statusText: response.statusText,
          contentType: response.headers.get('content-type') ?? '',
          text: await response.text(),
        };
      }
      return new Promise<UploadResponse>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', request.url);
        for (const [name, value] of Object.entries(request.headers))
          xhr.setRequestHeader(name, value);
        xhr.upload.onprogress = (event) => advance(event.loaded);
        xhr.upload.onload = () => advance(wire);
        xhr.onload = () => {
          if (reported < wire) advance(wire);
          resolve({
            status: xhr.status,
            statusText: xhr.statusText,
            contentType: xhr.getResponseHeader('content-type') ?? '',
            text: xhr.responseText,
          });
        };
        xhr.onerror = () =>
          reject(new TypeError(`network error while uploading to ${request.url}`));
        const onAbort = () => xhr.abort();
        xhr.onabort = () =>
          reject(request.signal?.reason ?? new DOMException('aborted', 'AbortError'));
        request.signal?.addEventListener('abort', onAbort, { once: true });
        xhr.onloadend = () => request.signal?.removeEventListener('abort', onAbort);
        xhr.send(body);
      });
    },
  };
}
