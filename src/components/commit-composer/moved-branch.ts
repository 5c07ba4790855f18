/**
 * The branch moved while files were staged: which commits came in, by whom, and which staged
 * paths they also changed. The summary is plain data; `useMovedBranch` reads it through the
 * query cache (the diff it reads is the one "Review their changes" then shows).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommitInfo, FilteredFile } from '../../core/browser.js';
import { storageKeys, storageQueries, useGitStorage } from '../../react/index.js';
import { commitTitle } from '../shared/format.js';

/** How many of the new commits are looked at (and listed) at most. */
export const MOVED_COMMITS_MAX = 100;

export interface MovedBranch {
  /** Where the branch is now. */
  headSha: string;
  /** Where it was when staging began. */
  baseSha: string;
  /** The new commits, newest first (at most {@link MOVED_COMMITS_MAX}). */
  commits: { sha: string; authorName: string; title: string }[];
  /** More new commits than listed (or the old head is no longer in the branch's history). */
  more: boolean;
  /** Their authors, each once, most recent first. */
  authors: string[];
  /** The staged paths those commits also changed. */
  touched: string[];
}

/**
 * `history`: the branch's commits newest first, as far as read; `changed`: every path the
 * diff between the two heads names (old and new paths of renames).
 */
export function summarizeMovedBranch(
  headSha: string,
  baseSha: string,
  history: readonly CommitInfo[],
  changed: Iterable<string>,
  stagedPaths: Iterable<string>,
): MovedBranch {
  const end = history.findIndex((c) => c.sha === baseSha);
  const fresh = (end < 0 ? history : history.slice(0, end)).slice(0, MOVED_COMMITS_MAX);
  const changedSet = new Set(changed);
  return {
    headSha,
    baseSha,
    commits: fresh.map((c) => ({
      sha: c.sha,
      authorName: c.authorName,
      title: commitTitle(c.message),
    })),
    more: end < 0 || end > MOVED_COMMITS_MAX,
    authors: [...new Set(fresh.map((c) => c.authorName))],
    touched: [...stagedPaths].filter((p) => changedSet.has(p)),
  };
}

/** Every path a diff names: both sides of a rename or copy. */
export function changedPaths(diff: {
  files: readonly FilteredFile[];
  filteredFiles: readonly FilteredFile[];
}): string[] {
  return [...diff.files, ...diff.filteredFiles].flatMap((f) =>
    f.oldPath && f.oldPath !== f.path ? [f.path, f.oldPath] : [f.path],
  );
}

/** Reads the summary while `baseSha` is set (after a commit was refused because the branch moved). */
export function useMovedBranch(
  repoId: string,
  branch: string,
  baseSha: string | undefined,
  stagedPaths: readonly string[],
) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...storageKeys.ref(repoId, branch), 'moved-since', baseSha ?? ''] as const,
    enabled: baseSha !== undefined,
    // Asked once per refusal; "Commit on top" starts from what this found.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
    queryFn: async ({ signal }): Promise<MovedBranch> => {
      const repo = client.repo({ id: repoId });
      const head = (await repo.getCommit({ sha: branch, signal })).commit.sha;
      const history: CommitInfo[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo.listCommits({
          branch,
          limit: MOVED_COMMITS_MAX,
          ...(cursor ? { cursor } : {}),
          signal,
        });
        history.push(...page.commits);
        cursor = page.hasMore ? page.nextCursor : undefined;
      } while (
        cursor &&
        history.length <= MOVED_COMMITS_MAX &&
        !history.some((c) => c.sha === baseSha)
      );
      const diff = await queryClient.fetchQuery(
        storageQueries.commitDiff(client, repoId, { sha: head, baseSha: baseSha as string }),
      );
      return summarizeMovedBranch(
        head,
        baseSha as string,
        history,
        changedPaths(diff),
        stagedPaths,
      );
    },
  });
}
