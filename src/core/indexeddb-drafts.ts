/**
 * Drafts kept in the browser's IndexedDB (database `git-storage-kit-drafts`): one record per
 * draft, one per staged file's content. A Blob or File is put as it is — the browser copies its
 * bytes to disk itself, so a 512 MiB file never sits in the JS heap. Before a content is stored
 * the free room is estimated (`navigator.storage.estimate()`); one that will not fit is refused
 * with `quota` (the rest of the draft is kept). Once the drafts hold more than
 * `askPersistAboveBytes`, the browser is asked once to keep them under storage pressure
 * (`navigator.storage.persist()`). Tabs tell each other what they wrote on a BroadcastChannel.
 * Hand-written over the raw API: a few requests, no wrapper library needed.
 */
import type { DraftPersistence, PersistedDraft } from './draft-persistence.js';

const DB_NAME = 'git-storage-kit-drafts';
const CHANNEL = 'git-storage-kit-drafts';

/** Drafts past this size ask the browser for persistent storage (once per page). */
export const ASK_PERSIST_ABOVE_BYTES = 64 * 1024 * 1024;

export interface IndexedDbDraftOptions {
  /** The database's name (default `git-storage-kit-drafts`). */
  name?: string;
  /** How much room there is (default `navigator.storage.estimate()`); tests give a small one. */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  askPersistAboveBytes?: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
    tx.onerror = () => reject(tx.error);
  });
}

function isQuota(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/** Whether this runtime has IndexedDB (browsers; never Node). */
export function indexedDbAvailable(): boolean {
  return typeof globalThis.indexedDB !== 'undefined';
}

export function indexedDbDraftPersistence(options: IndexedDbDraftOptions = {}): DraftPersistence {
  const name = options.name ?? DB_NAME;
  let opening: Promise<IDBDatabase> | undefined;
  const open = () => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('drafts');
        db.createObjectStore('contents');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return opening;
  };
  type Room = { usage?: number; quota?: number };
  const storage = globalThis.navigator?.storage as StorageManager | undefined;
  const estimate: () => Promise<Room> =
    options.estimate ?? (async () => (storage ? storage.estimate() : {}));
  const askAbove = options.askPersistAboveBytes ?? ASK_PERSIST_ABOVE_BYTES;
  let stored = 0;
  let asked = false;
  const channel =
    typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`${CHANNEL}:${name}`) : null;
  const contentRange = (key: string) => IDBKeyRange.bound([key, ''], [key, '\uffff']);

  return {
    async load(key) {
      const db = await open();
      const tx = db.transaction(['drafts', 'contents'], 'readonly');
      const draft = (await request(tx.objectStore('drafts').get(key))) as
        | PersistedDraft
        | undefined;
      if (!draft) return null;
      const contents = new Map<string, Blob | string>();
      const store = tx.objectStore('contents');
      const [keys, values] = await Promise.all([
        request(store.getAllKeys(contentRange(key))),
        request(store.getAll(contentRange(key))),
      ]);
      keys.forEach((k, i) => {
        contents.set((k as [string, string])[1], values[i] as Blob | string);
      });
      return { draft, contents };
    },

    async writeContent(key, id, content) {
      const size = typeof content === 'string' ? content.length * 2 : content.size;
      const room: Room = await estimate().catch(() => ({}));
      if (room.quota !== undefined && (room.usage ?? 0) + size > room.quota) return 'quota';
      const db = await open();
      const tx = db.transaction('contents', 'readwrite');
      tx.objectStore('contents').put(content, [key, id]);
      try {
        await done(tx);
      } catch (error) {
        if (isQuota(error)) return 'quota';
        throw error;
      }
      stored += size;
      if (!asked && stored > askAbove && storage) {
        asked = true;
        void storage.persist().catch(() => {});
      }
      return 'stored';
    },

    async deleteContent(key, id) {
      const db = await open();
      const tx = db.transaction('contents', 'readwrite');
      tx.objectStore('contents').delete([key, id]);
      await done(tx);
    },

    async writeDraft(key, draft) {
      const db = await open();
      const tx = db.transaction('drafts', 'readwrite');
      tx.objectStore('drafts').put(draft, key);
      await done(tx);
    },

    async clear(key) {
      const db = await open();
      const tx = db.transaction(['drafts', 'contents'], 'readwrite');
      if (key === undefined) {
        tx.objectStore('drafts').clear();
        tx.objectStore('contents').clear();
      } else {
        tx.objectStore('drafts').delete(key);
        tx.objectStore('contents').delete(contentRange(key));
      }
      await done(tx);
      if (key === undefined) stored = 0;
    },

    announce(key) {
      channel?.postMessage({ key });
    },

    onRemoteChange(listener) {
      if (!channel) return () => {};
      const handler = (event: MessageEvent) => {
        const key = (event.data as { key?: unknown })?.key;
        if (typeof key === 'string') listener(key);
      };
      channel.addEventListener('message', handler);
      return () => channel.removeEventListener('message', handler);
    },
  };
}
