import {
  type InfiniteData,
  type UseInfiniteQueryOptions,
  type UseInfiniteQueryResult,
  useInfiniteQuery,
} from '@tanstack/react-query';
import type { ListBranchesResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type PagedQueryOptions, storageQueries } from './queries.js';

/** Branches, page by page (`fetchNextPage()` while `hasNextPage`). */
export function useBranches<TData = InfiniteData<ListBranchesResult, string>>(
  repoId: string,
  options: { limit?: number } = {},
  queryOptions?: PagedQueryOptions<ListBranchesResult, TData>,
): UseInfiniteQueryResult<TData, Error> {
  const base = storageQueries.branches(useGitStorage(), repoId, options);
  return useInfiniteQuery({
    ...(base as unknown as UseInfiniteQueryOptions<
      ListBranchesResult,
      Error,
      TData,
      readonly unknown[],
      string
    >),
    ...queryOptions,
  });
}
