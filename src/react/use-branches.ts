import {
  type InfiniteData,
  type UseInfiniteQueryResult,
  useInfiniteQuery,
} from '@tanstack/react-query';
import type { ListBranchesResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { storageQueries } from './queries.js';

/** Branches, page by page (`fetchNextPage()` while `hasNextPage`). */
export function useBranches(
  repoId: string,
  options: { limit?: number } = {},
): UseInfiniteQueryResult<InfiniteData<ListBranchesResult, string>, Error> {
  return useInfiniteQuery(storageQueries.branches(useGitStorage(), repoId, options));
}
