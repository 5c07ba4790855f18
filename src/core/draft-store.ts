/**
 * The drafts of one client, one per repository and branch, kept for as long as the client lives
 * (as a QueryCache keeps queries): a composer that unmounts, or a user who looks at another branch
 * and comes back, finds the draft as it was. A new client (another user) starts with none.
 */
import { CommitDraft, type CommitDraftOptions } from './commit-draft.js';
import type { Repo } from './repo.js';

export class DraftStore {
  private readonly drafts = new Map<string, CommitDraft>();

  constructor(private readonly repoFor: (repoId: string) => Repo) {}

  private static key(repoId: string, branch: string): string {
    return `${repoId}\0${branch}`;
  }

  /**
   * The draft for `repoId` and `options.branch`, made with `options` on first use; later calls
   * get the same draft (give it new options with its `setOptions`).
   */
  draft(repoId: string, options: CommitDraftOptions): CommitDraft {
    const key = DraftStore.key(repoId, options.branch);
    let draft = this.drafts.get(key);
    if (!draft) {
      draft = new CommitDraft(this.repoFor(repoId), options);
      this.drafts.set(key, draft);
    }
    return draft;
  }

  /** The draft for a repository and branch, if one was made. */
  find(repoId: string, branch: string): CommitDraft | undefined {
    return this.drafts.get(DraftStore.key(repoId, branch));
  }

  /** Every draft made, in the order made. */
  all(): CommitDraft[] {
    return [...this.drafts.values()];
  }

  /** Resets and forgets every draft (sign-out), or those of one repository. */
  clear(repoId?: string): void {
    for (const [key, draft] of this.drafts) {
      if (repoId !== undefined && draft.repoId !== repoId) continue;
      draft.reset();
      this.drafts.delete(key);
    }
  }
}
