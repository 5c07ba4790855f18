import type { SkipToken, UseQueryResult } from '@tanstack/react-query';
import type { GrepOptions, GrepResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type ReadQueryOptions, storageQueries } from './queries.js';
import { useReadQuery } from './read-hook.js';

type Options = Omit<GrepOptions, 'signal'>;

/** Lines matching a regular expression in the files at a ref (`skipToken` until there is a query). */
export function useGrep<TData = GrepResult>(
  repoId: string,
  options: Options | SkipToken,
  queryOptions?: ReadQueryOptions<GrepResult, TData>,
): UseQueryResult<TData, Error> {
  const client = useGitStorage();
  return useReadQuery(
    options,
    (o: Options) => storageQueries.grep(client, repoId, o),
    { query: { pattern: '' } },
    queryOptions,
  );
}
