/**
 * Commits one side has that the other has not, counted from newest-first histories down to their
 * merge base (the first commit of a history that is the base). The protocol has no "compare"
 * call; the histories are paged lists, so a count stops at what was read and says so (`100+`).
 * Exact for histories whose merges came in from the other side's first-parent line, an estimate
 * (the newest-first walk down to the base) otherwise. Plain TypeScript.
 */
import type { CommitInfo } from '../../core/browser.js';

export interface SideCount {
  commits: CommitInfo[];
  /** True when the merge base was not reached in what was read. */
  more: boolean;
}

export function commitsUntil(history: readonly CommitInfo[], base: string | undefined): SideCount {
  if (!base) return { commits: [...history], more: true };
  const at = history.findIndex((c) => c.sha === base);
  return at < 0
    ? { commits: [...history], more: true }
    : { commits: history.slice(0, at), more: false };
}
