import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { ListBranchesResult } from '../core/index.js';
import { DEFAULT_REF, storageKeys } from './storage-keys.js';

/**
 * After a write moved `branch` to `newSha`: seed the branch list with the new head (no refetch
 * needed to show it) and invalidate what the branch's move can change — its tree, files, history
 * and diffs, and the default-ref reads, which may be the same branch.
 */
export async function afterBranchMoved(
  queryClient: QueryClient,
  repoId: string,
  branch: string,
  newSha?: string,
): Promise<void> {
  let known = false;
  if (newSha) {
    // Every cached listing of the branches (one per page size).
    queryClient.setQueriesData<InfiniteData<ListBranchesResult, string>>(
      { queryKey: storageKeys.branches(repoId) },
      (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                branches: page.branches.map((b) => {
                  if (b.name !== branch) return b;
                  known = true;
                  return { ...b, headSha: newSha };
                }),
              })),
            }
          : data,
    );
  }
  await Promise.all([
    // A branch the cached list does not have yet (created by this write) needs the list refetched.
    known ? undefined : queryClient.invalidateQueries({ queryKey: storageKeys.branches(repoId) }),
    queryClient.invalidateQueries({ queryKey: storageKeys.ref(repoId, branch) }),
    queryClient.invalidateQueries({ queryKey: storageKeys.ref(repoId, DEFAULT_REF) }),
    queryClient.invalidateQueries({ queryKey: storageKeys.mergePreviews(repoId) }),
  ]);
}
