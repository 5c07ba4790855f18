import { createContext, useContext } from 'react';
import type { GitStorage } from '../core/index.js';

export const GitStorageContext = createContext<GitStorage | null>(null);

/** The client given to the nearest {@link GitStorageProvider}. */
export function useGitStorage(): GitStorage {
  const client = useContext(GitStorageContext);
  if (!client) {
    throw new Error(
      'useGitStorage: wrap your components in <GitStorageProvider client={…}> (git-storage-kit/react)',
    );
  }
  return client;
}
