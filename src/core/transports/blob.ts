/**
 * Upload transport for browsers and workers. The NDJSON body is assembled chunk by chunk outside
 * the JS heap (which holds one chunk's line at a time), then sent with XMLHttpRequest for upload
 * progress — or with `fetch` where there is no XHR (service workers), which reports progress only
 * at the end.
 *
 * Where the Origin Private File System is available the body is written to a temporary OPFS file
 * and sent from disk: browsers cap in-memory Blob storage (headless Chromium refused a 716 MB
 * body of Blob parts). Elsewhere, or if OPFS fails, it is kept as Blob parts.
 */
import type { UploadRequest, UploadResponse, UploadTransport } from './types.js';

interface Mark {
  /** Wire offset where this piece ends. */
  end: number;
  file: string | undefined;
  fileBytes: number;
  wireBytes: number;
}

/** Where the assembled body goes before it is sent. */
interface BodyStore {
  write(bytes: Uint8Array): Promise<void>;
  /** The finished body. */
  finish(): Promise<Blob>;
  /** Frees what the body used (after sending, or on failure). */
  discard(): Promise<void>;
}

function memoryStore(): BodyStore {
  const parts: Blob[] = [];
  return {
    write: async (bytes) => {
      parts.push(new Blob([bytes as Uint8Array<ArrayBuffer>])); // copies
    },
    finish: async () => new Blob(parts, { type: 'application/x-ndjson' }),
    discard: async () => {
      parts.length = 0;
    },
  };
}

async function opfsStore(): Promise<BodyStore | null> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (typeof storage?.getDirectory !== 'function') return null;
  try {
    const root = await storage.getDirectory();
    const name = `git-storage-kit-upload-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.ndjson`;
    const handle = await root.getFileHandle(name, { create: true });
    if (typeof handle.createWritable !== 'function') {
      await root.removeEntry(name);
      return null;
    }
    const writable = await handle.createWritable();
    let closed = false;
    return {
      write: (bytes) => writable.write(bytes as Uint8Array<ArrayBuffer>),
      finish: async () => {
        await writable.close();
        closed = true;
        return handle.getFile();
      },
      discard: async () => {
        if (!closed) await writable.abort().catch(() => {});
        await root.removeEntry(name).catch(() => {});
      },
    };
  } catch {
    return null; // private browsing, quota, or no OPFS: keep the body in Blob parts
  }
}

/** Small pieces are gathered into writes of this size: each store write is a round trip to the
 * browser's storage process (10,000 small files took 67 s written one piece at a time). */
export const STORE_WRITE_BYTES = 1024 * 1024;

/** Wraps a store so pieces below {@link STORE_WRITE_BYTES} are copied into one buffer and written
 * together; a bigger piece is written as it is (after what was gathered). */
function batched(store: BodyStore): BodyStore {
  const buffer = new Uint8Array(STORE_WRITE_BYTES);
  let used = 0;
  const flush = async () => {
    if (used === 0) return;
    // The store copies (OPFS writes it out, a Blob part copies it) before the buffer is reused.
    await store.write(buffer.subarray(0, used));
    used = 0;
  };
  return {
    write: async (bytes) => {
      if (used + bytes.length > buffer.length) await flush();
      if (bytes.length >= buffer.length) {
        await store.write(bytes);
        return;
      }
      buffer.set(bytes, used);
      used += bytes.length;
    },
    finish: async () => {
      await flush();
      return store.finish();
    },
    discard: () => store.discard(),
  };
}

export function blobTransport(fetchImpl: typeof fetch = globalThis.fetch): UploadTransport {
  return {
    name: 'blob',
    releasesPieces: true, // each piece is stored (copied) before the next is read
    async send(request: UploadRequest): Promise<UploadResponse> {
      const store = batched((await opfsStore()) ?? memoryStore());
      try {
        return await sendFrom(store, request, fetchImpl);
      } finally {
        await store.discard();
      }
    },
  };
}

async function sendFrom(
  store: BodyStore,
  request: UploadRequest,
  fetchImpl: typeof fetch,
): Promise<UploadResponse> {
  const marks: Mark[] = [];
  let wire = 0;
  for await (const piece of request.body) {
    request.signal?.throwIfAborted();
    await store.write(piece.bytes);
    wire += piece.bytes.length;
    marks.push({
      end: wire,
      file: piece.file,
      fileBytes: piece.fileBytes,
      wireBytes: piece.bytes.length,
    });
  }
  const body = await store.finish();
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
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
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
    xhr.onerror = () => reject(new TypeError(`network error while uploading to ${request.url}`));
    const onAbort = () => xhr.abort();
    xhr.onabort = () => reject(request.signal?.reason ?? new DOMException('aborted', 'AbortError'));
    request.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.onloadend = () => request.signal?.removeEventListener('abort', onAbort);
    xhr.send(body);
  });
}
