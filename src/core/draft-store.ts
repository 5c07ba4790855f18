/**
 * The drafts of one client, one per repository and branch, kept for as long as the client lives
 * (as a QueryCache keeps queries): a composer that unmounts, or a user who looks at another branch
 * and comes back, finds the draft as it was. A new client (another user) starts with none. Given
 * a `DraftPersistence` (the browser client's default: IndexedDB), drafts also outlive the page:
 * each is restored when first asked for, and written as it changes (draft-persistence.ts).
 */
import { CommitDraft, type CommitDraftOptions } from './commit-draft.js';
import type { DraftPersistence, DraftPersister } from './draft-persistence.js';
import type { Repo } from './repo.js';

export class DraftStore {
  private readonly drafts = new Map<string, CommitDraft>();
  /** Each kept draft's persister, once its code has loaded (it is a chunk of its own). */
  private readonly persisters = new Map<string, Promise<DraftPersister>>();
  private persistenceLoaded: Promise<DraftPersistence> | undefined;

  constructor(
    private readonly repoFor: (repoId: string) => Repo,
    /** Where drafts are kept; `'indexeddb'`: the browser's, loaded on first use. */
    private readonly persistence?: DraftPersistence | 'indexeddb',
    /** Keeps drafts of two storage endpoints apart in one browser (the API's base URL). */
    private readonly origin = '',
  ) {}

  private store(): Promise<DraftPersistence> {
    const persistence = this.persistence as DraftPersistence | 'indexeddb';
    this.persistenceLoaded ??=
      persistence === 'indexeddb'
        ? import('./indexeddb-drafts.js').then((m) => m.indexedDbDraftPersistence())
        : Promise.resolve(persistence);
    return this.persistenceLoaded;
  }

  private static key(repoId: string, branch: string): string {
    return `${repoId}\0${branch}`;
  }

  /** Whether drafts are kept across reloads. */
  get persistent(): boolean {
    return this.persistence !== undefined;
  }

  /**
   * The draft for `repoId` and `options.branch`, made with `options` on first use; later calls
   * get the same draft (give it new options with its `setOptions`). A kept draft is restored
   * into it as soon as storage answers (`restored()` waits for that).
   */
  draft(repoId: string, options: CommitDraftOptions): CommitDraft {
    const key = DraftStore.key(repoId, options.branch);
    let draft = this.drafts.get(key);
    if (!draft) {
      draft = new CommitDraft(this.repoFor(repoId), options);
      this.drafts.set(key, draft);
      if (this.persistence) {
        const made = draft;
        const persister = Promise.all([this.store(), import('./draft-persistence.js')]).then(
          ([store, { DraftPersister }]) => {
            const kept = new DraftPersister(made, store, `${this.origin}\0${key}`);
            void kept.restore();
            return kept;
          },
        );
        this.persisters.set(key, persister);
      }
    }
    return draft;
  }

  /**
   * Resolves once the draft's kept copy was restored (or found empty) and every write asked for
   * so far has finished; at once without persistence.
   */
  async restored(repoId: string, branch: string): Promise<void> {
    const persister = await this.persisters.get(DraftStore.key(repoId, branch))?.catch(() => null);
    if (!persister) return;
    await persister.restore();
    await persister.flushed();
  }

  /** The draft for a repository and branch, if one was made. */
  find(repoId: string, branch: string): CommitDraft | undefined {
    return this.drafts.get(DraftStore.key(repoId, branch));
  }

  /** Every draft made, in the order made. */
  all(): CommitDraft[] {
    return [...this.drafts.values()];
  }

  /**
   * Resets and forgets every draft (sign-out: their kept copies too), or those of one
   * repository. Resolves when the kept copies are gone.
   */
  async clear(repoId?: string): Promise<void> {
    const cleared: Promise<unknown>[] = [];
    const flushing: Promise<void>[] = [];
    for (const [key, draft] of this.drafts) {
      if (repoId !== undefined && draft.repoId !== repoId) continue;
      const loading = this.persisters.get(key);
      this.persisters.delete(key);
      // Stop following the draft before resetting it: the reset is not written, the clear is.
      const stopped = loading?.then((persister) => {
        persister.dispose();
        return persister.flushed();
      });
      if (stopped) flushing.push(stopped.catch(() => {}));
      draft.reset();
      this.drafts.delete(key);
      if (stopped && repoId !== undefined) {
        cleared.push(
          Promise.all([stopped, this.store()]).then(([, store]) =>
            store.clear(`${this.origin}\0${key}`),
          ),
        );
      }
    }
    // Sign-out: every kept draft of this browser, also those this page never opened (after the
    // writes in flight, so none lands after the clear).
    if (repoId === undefined && this.persistence) {
      cleared.push(Promise.all([this.store(), ...flushing]).then(([store]) => store.clear()));
    }
    await Promise.all(cleared.map((p) => p.catch(() => {})));
  }
}
