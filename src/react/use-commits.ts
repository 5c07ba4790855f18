import {
  type InfiniteData,
  type UseInfiniteQueryOptions,
  type UseInfiniteQueryResult,
  useInfiniteQuery,
} from '@tanstack/react-query';
import type { ListCommitsResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type PagedQueryOptions, storageQueries } from './queries.js';

/** A branch's history, newest first, page by page; optionally only commits touching `path`. */
export function useCommits<TData = InfiniteData<ListCommitsResult, string>>(
  repoId: string,
  options: { branch?: string; path?: string; limit?: number } = {},
  queryOptions?: PagedQueryOptions<ListCommitsResult, TData>,
): UseInfiniteQueryResult<TData, Error> {
  const base = storageQueries.commits(useGitStorage(), repoId, options);
  return useInfiniteQuery({
    ...(base as unknown as UseInfiniteQueryOptions<
      ListCommitsResult,
      Error,
      TData,
      readonly unknown[],
      string
    >),
    ...queryOptions,
  });
}
