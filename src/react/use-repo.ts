import type { UseQueryResult } from '@tanstack/react-query';
import { useGitStorage } from './context.js';
import { type ReadQueryOptions, type RepoInfo, storageQueries } from './queries.js';
import { useReadQuery } from './read-hook.js';

/** The repository's info (`null` when it does not exist). */
export function useRepo<TData = RepoInfo | null>(
  repoId: string,
  queryOptions?: ReadQueryOptions<RepoInfo | null, TData>,
): UseQueryResult<TData, Error> {
  const client = useGitStorage();
  return useReadQuery(
    repoId,
    (id: string) => storageQueries.repo(client, id),
    repoId,
    queryOptions,
  );
}
