import {
  type InfiniteData,
  type UseInfiniteQueryResult,
  useInfiniteQuery,
} from '@tanstack/react-query';
import type { ListCommitsResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { storageQueries } from './queries.js';

/** A branch's history, newest first, page by page; optionally only commits touching `path`. */
export function useCommits(
  repoId: string,
  options: { branch?: string; path?: string; limit?: number } = {},
): UseInfiniteQueryResult<InfiniteData<ListCommitsResult, string>, Error> {
  return useInfiniteQuery(storageQueries.commits(useGitStorage(), repoId, options));
}
