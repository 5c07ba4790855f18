import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useGitStorage } from './context.js';
import { type FileOptions, storageQueries } from './queries.js';

/**
 * A file's content: `text` for UTF-8 files, `bytes` always, `isBinary`, and `truncated` when it
 * is larger than `maxBytes` (default 1 MiB). Refetches revalidate with If-None-Match, so an
 * unchanged file costs a 304 and keeps the same data object.
 */
export function useFile(repoId: string, options: FileOptions) {
  const queryClient = useQueryClient();
  return useQuery(storageQueries.file(useGitStorage(), repoId, options, queryClient));
}
