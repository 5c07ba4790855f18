import type { SkipToken, UseQueryResult } from '@tanstack/react-query';
import type { CommitInfo } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type ReadQueryOptions, storageQueries } from './queries.js';
import { useReadQuery } from './read-hook.js';

/** One commit by SHA, branch or revision (cached forever when given a full SHA). */
export function useCommit<TData = CommitInfo>(
  repoId: string,
  options: { sha: string } | SkipToken,
  queryOptions?: ReadQueryOptions<CommitInfo, TData>,
): UseQueryResult<TData, Error> {
  const client = useGitStorage();
  return useReadQuery(
    options,
    (o: { sha: string }) => storageQueries.commit(client, repoId, o.sha),
    { sha: '' },
    queryOptions,
  );
}
