import { useQuery } from '@tanstack/react-query';
import { useGitStorage } from './context.js';
import { storageQueries } from './queries.js';

/** The repository's info (`null` when it does not exist). */
export function useRepo(repoId: string) {
  return useQuery(storageQueries.repo(useGitStorage(), repoId));
}
