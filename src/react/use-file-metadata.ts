import { useQuery } from '@tanstack/react-query';
import { useGitStorage } from './context.js';
import { storageQueries } from './queries.js';

/** A file's size, blob SHA, ETag and last commit, without its bytes. */
export function useFileMetadata(repoId: string, options: { ref?: string; path: string }) {
  return useQuery(storageQueries.fileMetadata(useGitStorage(), repoId, options));
}
