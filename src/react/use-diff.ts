import { useQuery } from '@tanstack/react-query';
import { useGitStorage } from './context.js';
import { type DiffOptions, storageQueries } from './queries.js';

/** A branch against its base (`{ branch, base }`) or a commit against its parent (`{ sha, baseSha? }`). */
export function useDiff(repoId: string, options: DiffOptions) {
  return useQuery(storageQueries.diff(useGitStorage(), repoId, options));
}
