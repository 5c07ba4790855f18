import type { SkipToken, UseQueryResult } from '@tanstack/react-query';
import type { ListFilesResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type FilesOptions, type ReadQueryOptions, storageQueries } from './queries.js';
import { useReadQuery } from './read-hook.js';

/**
 * One directory's entries (default), or the whole tree with `recursive: true`. `skipToken` for
 * "not yet"; react-query's options (`enabled`, `select`, `placeholderData`, …) as the third.
 */
export function useFiles<TData = ListFilesResult>(
  repoId: string,
  options: FilesOptions | SkipToken = {},
  queryOptions?: ReadQueryOptions<ListFilesResult, TData>,
): UseQueryResult<TData, Error> {
  const client = useGitStorage();
  return useReadQuery(
    options,
    (o: FilesOptions) => storageQueries.files(client, repoId, o),
    {},
    queryOptions,
  );
}
