import { useQuery } from '@tanstack/react-query';
import { useGitStorage } from './context.js';
import { storageQueries } from './queries.js';

/** One commit (cached forever: commits do not change). */
export function useCommit(repoId: string, sha: string) {
  return useQuery(storageQueries.commit(useGitStorage(), repoId, sha));
}
