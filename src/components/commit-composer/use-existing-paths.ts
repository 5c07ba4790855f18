/**
 * Which staged paths are already on the branch (so a row says "replaces" or "edited", and a
 * deletion can be checked). Small trees: the same whole-tree listing the file browser reads
 * (one request, shared through the cache). Large trees: the listing of each folder holding a
 * staged path, up to {@link FOLDER_LOOKUPS_MAX} folders; beyond that a path is "unknown".
 */
import { skipToken, useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { StagedChange } from '../../core/browser.js';
import { storageQueries, useFiles, useGitStorage, useRepo } from '../../react/index.js';
import { WHOLE_TREE_LIMIT } from '../file-browser/listing-limits.js';
import { stagedFolders } from './staging.js';

export const FOLDER_LOOKUPS_MAX = 64;

export function useExistingPaths(
  repoId: string,
  branch: string,
  staged: readonly StagedChange[],
): (path: string) => boolean | undefined {
  const client = useGitStorage();
  // The default branch is read as the file browser reads it (no ref), so both share one cached
  // listing instead of fetching the same tree twice; until the repository is known, nothing.
  const repo = useRepo(repoId);
  const defaultBranch = repo.data?.defaultBranch;
  const ref = repo.isPending ? null : branch === defaultBranch ? undefined : branch;
  const probe = useFiles(
    repoId,
    ref === null ? skipToken : { ref, recursive: true, limit: WHOLE_TREE_LIMIT },
  );
  const whole = useMemo(
    () => (probe.data && !probe.data.hasMore ? new Set(probe.data.paths) : undefined),
    [probe.data],
  );
  const lazy = probe.data?.hasMore === true;
  const folders = useMemo(
    () => (lazy ? stagedFolders(staged).slice(0, FOLDER_LOOKUPS_MAX) : []),
    [lazy, staged],
  );
  const combine = useCallback(
    (results: { data?: { paths: string[] } | undefined }[]) => {
      if (!lazy) return undefined;
      const map = new Map<string, Set<string>>();
      results.forEach((listing, i) => {
        if (listing.data) map.set(folders[i] as string, new Set(listing.data.paths));
      });
      return map;
    },
    [lazy, folders],
  );
  const listed = useQueries({
    queries: folders.map((folder) =>
      storageQueries.files(client, repoId, {
        ...(ref ? { ref } : {}),
        path: folder,
        recursive: false,
      }),
    ),
    combine,
  });
  return useCallback(
    (path: string) => {
      if (whole) return whole.has(path);
      if (!listed) return undefined;
      const slash = path.lastIndexOf('/');
      return listed.get(slash < 0 ? '' : path.slice(0, slash))?.has(path);
    },
    [whole, listed],
  );
}
