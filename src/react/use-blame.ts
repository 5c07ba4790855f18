import type { SkipToken, UseQueryResult } from '@tanstack/react-query';
import type { BlameResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type ReadQueryOptions, storageQueries } from './queries.js';
import { useReadQuery } from './read-hook.js';

type BlameOptions = { ref?: string; path: string; ranges?: string[] };

/** Who last changed each line of a file (optionally only `ranges`, `git blame -L` specs). */
export function useBlame<TData = BlameResult>(
  repoId: string,
  options: BlameOptions | SkipToken,
  queryOptions?: ReadQueryOptions<BlameResult, TData>,
): UseQueryResult<TData, Error> {
  const client = useGitStorage();
  return useReadQuery(
    options,
    (o: BlameOptions) => storageQueries.blame(client, repoId, o),
    { path: '' },
    queryOptions,
  );
}
