/** The core entry's browser bundle stays within its 12 KB (min+gzip) budget. */
import { describe, expect, it } from 'vitest';
import { measureCore } from '../../bench/bundle-size.js';

describe('bundle budget', () => {
  it('keeps the core entry at or under 12 KB gzip, with key-mode signing out of it', async () => {
    const core = await measureCore();
    expect(core.entryGzipBytes).toBeLessThanOrEqual(12 * 1024);
    expect(Object.keys(core.lazyChunksGzipBytes).some((name) => name.includes('key-signer'))).toBe(
      true,
    );
  });
});
