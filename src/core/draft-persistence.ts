/**
 * Drafts that survive a reload, a crash and a closed tab. A `DraftPersistence` stores what a
 * `CommitDraft` holds — each staged file's content on its own (a Blob or File is stored as it is:
 * browsers keep its bytes on disk, never all in the JS heap), and one small record of the rest
 * (order, paths, deletions, message, the head it was staged on). `DraftPersister` keeps one draft
 * and its stored copy in step:
 * - written incrementally: staging one file writes that file and the small record, nothing else;
 * - restored when the draft is first made (if nothing was staged yet), saying what and from when;
 * - several tabs on one draft: after each write the others are told (BroadcastChannel) and load
 *   what was written, so there is one copy, not two diverging ones;
 * - cleared when the draft is committed or discarded.
 * The IndexedDB store is in `indexeddb-drafts.ts`; an app can give its own (or turn it off).
 */
import type { CommitDraft, StagedChange } from './commit-draft.js';
import type { GitFileMode } from './types.js';

/** Why a staged file is not kept across reloads. */
export type NotKeptReason = 'quota' | 'unsupported' | 'failed';

/** What the draft store says of a draft's stored copy (in the draft's snapshot). */
export interface DraftPersistenceState {
  /** Set when the draft was filled from its stored copy: how many changes, saved when. */
  restored?: { changes: number; savedAt: Date };
  /** Staged files whose content is not stored (the rest of the draft is). */
  notKept: ReadonlyMap<string, NotKeptReason>;
}

/** One change in the stored record; a file's content is stored under `id`. */
export interface PersistedChange {
  id: string;
  path: string;
  kind: 'file' | 'delete';
  mode?: GitFileMode;
}

export interface PersistedDraft {
  version: 1;
  savedAt: number;
  message: string;
  baseHeadSha?: string;
  changes: PersistedChange[];
}

/** Where drafts are stored. Keys are opaque strings (origin, repository and branch). */
export interface DraftPersistence {
  /** The draft kept under `key` and its files' contents by id, or null when none is kept. */
  load(
    key: string,
  ): Promise<{ draft: PersistedDraft; contents: Map<string, Blob | string> } | null>;
  /** Stores one file's content; `quota` when the browser has no room for it. */
  writeContent(key: string, id: string, content: Blob | string): Promise<'stored' | 'quota'>;
  /** Forgets one file's content (it is no longer staged). */
  deleteContent(key: string, id: string): Promise<void>;
  /** Replaces the draft's record (order, paths, deletions, message, base head). */
  writeDraft(key: string, draft: PersistedDraft): Promise<void>;
  /** Forgets one draft, or every draft (sign-out). */
  clear(key?: string): Promise<void>;
  /** Told after this tab wrote `key` (other tabs reload it). Optional. */
  announce?(key: string): void;
  /** Calls `listener` when another tab wrote a key. Optional; returns an unsubscribe. */
  onRemoteChange?(listener: (key: string) => void): () => void;
}

let nextId = 0;
function newId(): string {
  nextId++;
  return `${Date.now().toString(36)}-${nextId.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The content to store for a staged file, or null when it cannot be stored (a stream). */
function storable(change: StagedChange & { kind: 'file' }): Blob | string | null {
  const { source } = change;
  if (typeof source === 'string' || source instanceof Blob) return source;
  if (source instanceof ArrayBuffer) return new Blob([source]);
  if (ArrayBuffer.isView(source)) {
    return new Blob([
      new Uint8Array(
        source.buffer,
        source.byteOffset,
        source.byteLength,
      ) as Uint8Array<ArrayBuffer>,
    ]);
  }
  return null;
}

/**
 * Keeps `draft` and its stored copy under `key` in step (see the module's comment). Call
 * `restore()` once, right after making the draft; `dispose()` stops following it.
 */
export class DraftPersister {
  /** The id each staged file's content is stored under (by change object, and by source). */
  private readonly ids = new WeakMap<StagedChange, string>();
  private readonly idsBySource = new WeakMap<object, string>();
  /** Ids stored now, and the path of each. */
  private stored = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  /** True while the draft is being filled from storage (nothing is written back). */
  private applying = false;
  private restoring: Promise<void> | null = null;
  private last: StagedChange[] = [];
  private lastMessage = '';
  private lastBase: string | undefined;
  private readonly unsubscribe: () => void;
  private readonly unlisten: () => void;
  private disposed = false;

  constructor(
    private readonly draft: CommitDraft,
    private readonly persistence: DraftPersistence,
    private readonly key: string,
  ) {
    this.unsubscribe = draft.subscribe(() => this.changed());
    this.unlisten =
      persistence.onRemoteChange?.((changedKey) => {
        if (changedKey === this.key) void this.reloadFromRemote();
      }) ?? (() => {});
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.unlisten();
  }

  /** Resolves when every write asked for so far has finished. */
  flushed(): Promise<void> {
    return this.queue;
  }

  /** Fills the draft from its stored copy, if it has one and nothing was staged meanwhile. */
  restore(): Promise<void> {
    this.restoring ??= this.load(true);
    return this.restoring;
  }

  private async load(first: boolean): Promise<void> {
    let found: Awaited<ReturnType<DraftPersistence['load']>>;
    try {
      found = await this.persistence.load(this.key);
    } catch {
      return; // no storage (private mode, blocked): the draft simply lives in memory
    }
    if (this.disposed) return;
    const snapshot = this.draft.getSnapshot();
    if (first && (snapshot.staged.length > 0 || snapshot.message !== '')) {
      // Staged before this persister was attached (its code loads lazily): keep that instead.
      this.changed();
      return;
    }
    if (snapshot.phase === 'uploading' || snapshot.phase === 'committing') return;
    this.applying = true;
    try {
      if (!found || (found.draft.changes.length === 0 && found.draft.message === '')) {
        if (!first) this.draft.reset();
        this.stored = new Map();
        return;
      }
      const { draft, contents } = found;
      const changes: StagedChange[] = [];
      const notKept = new Map<string, NotKeptReason>();
      this.stored = new Map();
      for (const change of draft.changes) {
        if (change.kind === 'delete') {
          changes.push({ kind: 'delete', path: change.path });
          continue;
        }
        const content = contents.get(change.id);
        if (content === undefined) continue; // not kept (quota): it was said then
        const staged: StagedChange = {
          kind: 'file',
          path: change.path,
          source: content,
          ...(change.mode ? { mode: change.mode } : {}),
        };
        this.ids.set(staged, change.id);
        if (typeof content !== 'string') this.idsBySource.set(content, change.id);
        this.stored.set(change.id, change.path);
        changes.push(staged);
      }
      if (!first) this.draft.reset();
      this.draft.stageAll(changes);
      this.draft.setMessage(draft.message);
      this.draft.setBaseHeadSha(draft.baseHeadSha);
      this.draft.setPersistence({
        ...(first
          ? { restored: { changes: changes.length, savedAt: new Date(draft.savedAt) } }
          : {}),
        notKept,
      });
      this.remember();
    } finally {
      this.applying = false;
    }
  }

  private async reloadFromRemote(): Promise<void> {
    await this.queue;
    await this.load(false);
  }

  private remember(): void {
    const snapshot = this.draft.getSnapshot();
    this.last = [...snapshot.staged];
    this.lastMessage = snapshot.message;
    this.lastBase = snapshot.baseHeadSha;
  }

  /** Called on every change of the draft: writes what changed, in order. */
  private changed(): void {
    if (this.applying || this.disposed) return;
    const snapshot = this.draft.getSnapshot();
    if (
      snapshot.staged === this.last ||
      (sameList(snapshot.staged, this.last) &&
        snapshot.message === this.lastMessage &&
        snapshot.baseHeadSha === this.lastBase)
    ) {
      return;
    }
    const staged = [...snapshot.staged];
    this.last = staged;
    this.lastMessage = snapshot.message;
    this.lastBase = snapshot.baseHeadSha;
    const message = snapshot.message;
    const baseHeadSha = snapshot.baseHeadSha;
    this.queue = this.queue.then(() => this.write(staged, message, baseHeadSha)).catch(() => {});
  }

  private async write(
    staged: StagedChange[],
    message: string,
    baseHeadSha: string | undefined,
  ): Promise<void> {
    if (this.disposed) return;
    if (staged.length === 0 && message === '') {
      await this.persistence.clear(this.key);
      this.stored = new Map();
      this.persistence.announce?.(this.key);
      return;
    }
    const notKept = new Map(this.draft.getSnapshot().persistence?.notKept ?? []);
    const changes: PersistedChange[] = [];
    const keep = new Set<string>();
    for (const change of staged) {
      if (change.kind === 'delete') {
        changes.push({ id: '', path: change.path, kind: 'delete' });
        continue;
      }
      const content = storable(change);
      if (content === null) {
        notKept.set(change.path, 'unsupported');
        continue;
      }
      let id =
        this.ids.get(change) ??
        (typeof content !== 'string' ? this.idsBySource.get(content) : undefined);
      if (id === undefined || !this.stored.has(id)) {
        id ??= newId();
        let outcome: 'stored' | 'quota' | 'failed';
        try {
          outcome = await this.persistence.writeContent(this.key, id, content);
        } catch {
          outcome = 'failed';
        }
        if (outcome !== 'stored') {
          notKept.set(change.path, outcome);
          continue;
        }
        this.stored.set(id, change.path);
      }
      this.ids.set(change, id);
      if (typeof content !== 'string') this.idsBySource.set(content, id);
      notKept.delete(change.path);
      keep.add(id);
      changes.push({
        id,
        path: change.path,
        kind: 'file',
        ...(change.mode ? { mode: change.mode } : {}),
      });
    }
    if (this.disposed) return; // signed out meanwhile: nothing is written after the clear
    await this.persistence.writeDraft(this.key, {
      version: 1,
      savedAt: Date.now(),
      message,
      ...(baseHeadSha ? { baseHeadSha } : {}),
      changes,
    });
    // Contents no change names any more (unstaged, replaced) go after the record stops naming
    // them: a crash in between leaves an unused file, never a record naming a missing one.
    for (const id of [...this.stored.keys()]) {
      if (!keep.has(id)) {
        this.stored.delete(id);
        await this.persistence.deleteContent(this.key, id);
      }
    }
    for (const path of notKept.keys()) {
      if (!staged.some((c) => c.path === path && c.kind === 'file')) notKept.delete(path);
    }
    const now = this.draft.getSnapshot().persistence;
    if (!sameReasons(now?.notKept, notKept)) {
      this.applying = true;
      try {
        this.draft.setPersistence({
          ...(now?.restored ? { restored: now.restored } : {}),
          notKept,
        });
      } finally {
        this.applying = false;
      }
    }
    this.persistence.announce?.(this.key);
  }
}

function sameList(a: readonly StagedChange[], b: readonly StagedChange[]): boolean {
  return a.length === b.length && a.every((change, i) => change === b[i]);
}

function sameReasons(
  a: ReadonlyMap<string, NotKeptReason> | undefined,
  b: ReadonlyMap<string, NotKeptReason>,
): boolean {
  if (!a) return b.size === 0;
  if (a.size !== b.size) return false;
  for (const [path, reason] of b) if (a.get(path) !== reason) return false;
  return true;
}
