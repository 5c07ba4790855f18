import type { SkipToken, UseQueryResult } from '@tanstack/react-query';
import type { FileMetadata } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type ReadQueryOptions, storageQueries } from './queries.js';
import { useReadQuery } from './read-hook.js';

/** A file's size, blob SHA, ETag and last commit, without its bytes. */
export function useFileMetadata<TData = FileMetadata>(
  repoId: string,
  options: { ref?: string; path: string } | SkipToken,
  queryOptions?: ReadQueryOptions<FileMetadata, TData>,
): UseQueryResult<TData, Error> {
  const client = useGitStorage();
  return useReadQuery(
    options,
    (o: { ref?: string; path: string }) => storageQueries.fileMetadata(client, repoId, o),
    { path: '' },
    queryOptions,
  );
}
