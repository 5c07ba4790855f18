import { type FileHandle, open } from 'node:fs/promises';
import { looksCompressible } from './git-write.js';

const BATCH_BYTES = 1024 * 1024;

/**
 * An upload being written to a temporary file. Decoded pieces arrive in socket-sized bits
 * (~48 KiB, in a buffer the decoder reuses); they are copied into one 1 MiB batch buffer that is
 * written and reused, so receiving a file of any size allocates nothing per piece.
 */
export class TempFile {
  private handle: FileHandle | null = null;
  private batch: Buffer | null = null;
  private pendingBytes = 0;
  /** Bytes received so far. */
  bytes = 0;
  /** Whether the first bytes deflate; decided on the first write to disk. */
  compressible = true;

  constructor(readonly path: string) {}

  /** Takes a copy of `bytes` (the caller may reuse its buffer once this resolves). */
  async write(bytes: Uint8Array): Promise<void> {
    this.bytes += bytes.length;
    let from = 0;
    while (from < bytes.length) {
      this.batch ??= Buffer.allocUnsafeSlow(BATCH_BYTES);
      const n = Math.min(bytes.length - from, BATCH_BYTES - this.pendingBytes);
      this.batch.set(bytes.subarray(from, from + n), this.pendingBytes);
      this.pendingBytes += n;
      from += n;
      if (this.pendingBytes === BATCH_BYTES) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const first = this.handle === null;
    this.handle ??= await open(this.path, 'w');
    if (!this.batch || this.pendingBytes === 0) return;
    const pending = this.batch.subarray(0, this.pendingBytes);
    if (first) this.compressible = looksCompressible(pending);
    await this.handle.write(pending);
    this.pendingBytes = 0;
  }

  /** Writes what is pending and closes the file (creating it, empty, if nothing came). */
  async close(): Promise<void> {
    await this.flush();
    await this.handle?.close();
    this.handle = null;
    this.batch = null;
  }

  /** Closes without caring about errors (the request failed). */
  async discard(): Promise<void> {
    await this.handle?.close().catch(() => {});
    this.handle = null;
    this.batch = null;
  }
}
