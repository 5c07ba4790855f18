import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ListBranchesResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type PagedQueryOptions, storageQueries } from './queries.js';
import { usePagedQuery } from './read-hook.js';

/** Branches, page by page (`fetchNextPage()` while `hasNextPage`). */
export function useBranches<TData = InfiniteData<ListBranchesResult, string>>(
  repoId: string,
  options: { limit?: number } = {},
  queryOptions?: PagedQueryOptions<ListBranchesResult, TData>,
): UseInfiniteQueryResult<TData, Error> {
  return usePagedQuery(storageQueries.branches(useGitStorage(), repoId, options), queryOptions);
}
