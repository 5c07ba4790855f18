/**
 * `indexedDbDraftPersistence(options)` for the core's entry: the IndexedDB code is a chunk of its
 * own, loaded by the first call (an app that never keeps a draft never downloads it).
 */
import type { DraftPersistence } from './draft-persistence.js';
import type { IndexedDbDraftOptions } from './indexeddb-drafts.js';

export function indexedDbDraftPersistence(options: IndexedDbDraftOptions = {}): DraftPersistence {
  let made: Promise<DraftPersistence> | undefined;
  const real = () => {
    made ??= import('./indexeddb-drafts.js').then((m) => m.indexedDbDraftPersistence(options));
    return made;
  };
  const channel = typeof BroadcastChannel !== 'undefined' ? real() : null; // listeners attach once loaded
  return {
    load: async (key) => (await real()).load(key),
    writeContent: async (key, id, content) => (await real()).writeContent(key, id, content),
    deleteContent: async (key, id) => (await real()).deleteContent(key, id),
    writeDraft: async (key, draft) => (await real()).writeDraft(key, draft),
    clear: async (key) => (await real()).clear(key),
    announce: (key) => void real().then((store) => store.announce?.(key)),
    onRemoteChange: (listener) => {
      let stop: (() => void) | undefined;
      let stopped = false;
      void channel?.then((store) => {
        if (!stopped) stop = store.onRemoteChange?.(listener);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}
