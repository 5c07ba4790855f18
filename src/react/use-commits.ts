import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ListCommitsResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type PagedQueryOptions, storageQueries } from './queries.js';
import { usePagedQuery } from './read-hook.js';

/** A branch's history, newest first, page by page; optionally only commits touching `path`. */
export function useCommits<TData = InfiniteData<ListCommitsResult, string>>(
  repoId: string,
  options: { branch?: string; path?: string; limit?: number } = {},
  queryOptions?: PagedQueryOptions<ListCommitsResult, TData>,
): UseInfiniteQueryResult<TData, Error> {
  return usePagedQuery(storageQueries.commits(useGitStorage(), repoId, options), queryOptions);
}
