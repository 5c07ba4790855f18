import { useQuery } from '@tanstack/react-query';
import { useGitStorage } from './context.js';
import { type FilesOptions, storageQueries } from './queries.js';

/** One directory's entries (default), or the whole tree with `recursive: true`. */
export function useFiles(repoId: string, options: FilesOptions = {}) {
  return useQuery(storageQueries.files(useGitStorage(), repoId, options));
}
