import type { SkipToken, UseQueryResult } from '@tanstack/react-query';
import { useGitStorage } from './context.js';
import { type FileOptions, type ReadQueryOptions, storageQueries } from './queries.js';
import type { FileContent } from './read-file.js';
import { useReadQuery } from './read-hook.js';

/**
 * A file's content: `text` for UTF-8 files, `bytes` always, `isBinary`, and `truncated` when it
 * is larger than `maxBytes` (default 1 MiB). Refetches revalidate with If-None-Match, so an
 * unchanged file costs a 304 and keeps the same data object. `skipToken` while no file is chosen.
 */
export function useFile<TData = FileContent>(
  repoId: string,
  options: FileOptions | SkipToken,
  queryOptions?: ReadQueryOptions<FileContent, TData>,
): UseQueryResult<TData, Error> {
  const client = useGitStorage();
  return useReadQuery(
    options,
    (o: FileOptions) => storageQueries.file(client, repoId, o),
    { path: '' },
    queryOptions,
  );
}
