import { randomFillSync } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Writes `bytes` random (incompressible) bytes to `path`, 16 MiB at a time. */
export async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const block = Buffer.allocUnsafe(16 * 2 ** 20);
    for (let written = 0; written < bytes; written += block.length) {
      randomFillSync(block);
      await handle.write(block, 0, Math.min(block.length, bytes - written));
    }
  } finally {
    await handle.close();
  }
}
