import type { Repo } from '../core/index.js';

/** A file's content as the hooks hand it out. */
export interface FileContent {
  path: string;
  /** UTF-8 text; undefined for binary files. */
  text?: string;
  /** The raw bytes read (up to the size cap). */
  bytes: Uint8Array;
  /** True when the bytes hold a NUL or are not valid UTF-8. */
  isBinary: boolean;
  /** The whole file's size. */
  size: number;
  /** True when the file is larger than the cap and only its start was read. */
  truncated: boolean;
  etag?: string;
  blobSha?: string;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** Binary when there is a NUL in the first 8 KiB (git's own rule) or the text is not UTF-8. */
export function decodeText(bytes: Uint8Array, truncated = false): string | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  try {
    // A cut at the cap may split a character: decode leniently only the tail of a truncated read.
    return new TextDecoder('utf-8', { fatal: !truncated }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Reads up to `maxBytes` of a file with one ranged GET; revalidates with If-None-Match when a
 * previous read is given (a 304 returns it unchanged).
 */
export async function fetchFileContent(
  repo: Repo,
  options: { path: string; ref?: string; maxBytes?: number; signal?: AbortSignal },
  previous?: FileContent,
): Promise<FileContent> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const response = await repo.getFileStream({
    path: options.path,
    ...(options.ref ? { ref: options.ref } : {}),
    headers: {
      range: `bytes=0-${maxBytes - 1}`,
      ...(previous?.etag ? { ifNoneMatch: previous.etag } : {}),
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (response.status === 304 && previous) return previous;
  let bytes: Uint8Array;
  let size: number;
  if (response.status === 416) {
    bytes = new Uint8Array(0); // an empty file: no byte range is satisfiable
    size = 0;
  } else {
    bytes = new Uint8Array(await response.arrayBuffer());
    const total = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
    size = total !== undefined ? Number(total) : bytes.length;
  }
  const truncated = size > bytes.length;
  const text = decodeText(bytes, truncated);
  const content: FileContent = {
    path: options.path,
    bytes,
    isBinary: text === undefined,
    size,
    truncated,
  };
  if (text !== undefined) content.text = text;
  const etag = response.headers.get('etag');
  if (etag) content.etag = etag;
  const blobSha = response.headers.get('x-blob-sha');
  if (blobSha) content.blobSha = blobSha;
  return content;
}
