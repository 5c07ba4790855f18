import { createContext, useContext } from 'react';
import type { GitStorage } from '../core/index.js';

export const GitStorageContext = createContext<GitStorage | null>(null);

/** The CSP nonce given to the nearest provider (for `<style>` elements the kit inserts). */
export const CspNonceContext = createContext<string | undefined>(undefined);

/**
 * The Content-Security-Policy nonce of the nearest {@link GitStorageProvider} (`nonce` prop), for
 * components that insert `<style>` elements; undefined when none was given.
 */
export function useCspNonce(): string | undefined {
  return useContext(CspNonceContext);
}

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
