/**
 * Where the FileBrowser's tree comes from, decided from the repository itself: one recursive
 * page of up to {@link WHOLE_TREE_LIMIT} entries is asked for first; when that is everything, the
 * whole tree is held at once (filter over all of it); otherwise each open folder is read on its
 * own, one cursor page of {@link FOLDER_PAGE} entries at a time, through react-query (so folders
 * stay cached, and a commit's invalidation refreshes them).
 */

import { type QueryClient, useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { ApiError, type ListFilesResult } from '../../core/browser.js';
import { storageQueries, useFiles, useGitStorage, useRepo } from '../../react/index.js';
import { FOLDER_PAGE, WHOLE_TREE_LIMIT } from './listing-limits.js';
import {
  type FolderContents,
  PathTree,
  sortNodes,
  type TreeNode,
  type TreeSource,
} from './tree-model.js';

export interface RepositoryTree {
  source: TreeSource;
  /** 'whole': every entry is loaded; 'lazy': folders load as they open; null until known. */
  mode: 'whole' | 'lazy' | null;
  retry: (folder: string) => void;
  loadMore: (folder: string) => void;
  /** The repository does not exist (or this sign-in cannot see it): not the same as empty. */
  missing: boolean;
}

export { FOLDER_PAGE, WHOLE_TREE_LIMIT };

const KIND = { blob: 'file', tree: 'folder', symlink: 'symlink', submodule: 'submodule' } as const;

export function useRepositoryTree(
  repoId: string,
  gitRef: string | undefined,
  expanded: ReadonlySet<string>,
): RepositoryTree {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  const ref = gitRef || undefined;
  const probe = useFiles(repoId, { ref, recursive: true, limit: WHOLE_TREE_LIMIT });
  const whole = useMemo(
    () =>
      probe.data && !probe.data.hasMore ? PathTree.fromEntries(probe.data.entries) : undefined,
    [probe.data],
  );
  const lazy = probe.data?.hasMore === true;

  // Lazy mode: the root and every open folder, each as many pages as it has asked for.
  const [pagesWanted, setPagesWanted] = useState<ReadonlyMap<string, number>>(new Map());
  const folders = lazy ? ['', ...expanded] : [];
  const pageQueries = folders.flatMap((folder) =>
    pagePlan(queryClient, folder, pagesWanted.get(folder) ?? 1, (cursor) =>
      storageQueries.files(client, repoId, {
        ref,
        path: folder,
        recursive: false,
        limit: FOLDER_PAGE,
        ...(cursor ? { cursor } : {}),
      }),
    ),
  );
  const results = useQueries({ queries: pageQueries.map((p) => p.options) });

  // A repository without commits has no default branch yet: that is an empty tree, not an
  // error. A repository that is not there answers 404 too: the repository's own record tells.
  const info = useRepo(repoId);
  const missing = info.data === null;
  const noListing = !ref && probe.error instanceof ApiError && probe.error.status === 404;
  const emptyRepository = noListing && info.data != null;
  const source =
    whole ??
    (lazy
      ? lazySource(folders, pageQueries, results)
      : emptyRepository || missing
        ? EMPTY
        : pending(noListing && info.isPending ? null : probe.error));

  const { refetch } = probe;
  const retry = useCallback(
    (folder: string) => {
      if (!lazy) {
        void refetch();
        return;
      }
      void queryClient.refetchQueries({
        predicate: (q) =>
          pageQueries.some((p) => p.folder === folder && sameKey(p.options.queryKey, q.queryKey)),
      });
    },
    [lazy, refetch, queryClient, pageQueries],
  );
  const loadMore = useCallback(
    (folder: string) => {
      const planned = pageQueries.filter((p) => p.folder === folder);
      const lastPage = planned.at(-1);
      // A failed page is asked again; a loaded last page with more behind it adds the next one.
      const lastState = lastPage && queryClient.getQueryState(lastPage.options.queryKey);
      if (lastPage && lastState?.status === 'error') {
        void queryClient.refetchQueries({ queryKey: lastPage.options.queryKey, exact: true });
        return;
      }
      if (lastState?.status !== 'success') return;
      setPagesWanted((wanted) => {
        if ((wanted.get(folder) ?? 1) > planned.length) return wanted;
        return new Map(wanted).set(folder, planned.length + 1);
      });
    },
    [pageQueries, queryClient],
  );

  return { source, mode: whole ? 'whole' : lazy ? 'lazy' : null, retry, loadMore, missing };
}

const EMPTY = new PathTree([]);

/** The root while the first listing is on its way, or failed. */
function pending(error: Error | null): TreeSource {
  const state: FolderContents = error ? { status: 'error', error } : { status: 'loading' };
  return { folder: () => state };
}

/** Lazy mode: each open folder's pages merged, with what is still loading or failed. */
function lazySource(
  folders: readonly string[],
  plan: readonly { folder: string }[],
  results: readonly { data?: ListFilesResult; error: Error | null }[],
): TreeSource {
  const byFolder = new Map<string, FolderContents>();
  let at = 0;
  for (const folder of folders) {
    const count = plan.filter((p) => p.folder === folder).length;
    const mine = results.slice(at, at + count);
    at += count;
    const first = mine[0];
    if (!first?.data) {
      byFolder.set(
        folder,
        first?.error ? { status: 'error', error: first.error } : { status: 'loading' },
      );
      continue;
    }
    const prefix = folder ? `${folder}/` : '';
    const nodes: TreeNode[] = [];
    let hasMore = false;
    let loadingMore = false;
    let moreError: Error | undefined;
    for (const result of mine) {
      if (!result.data) {
        hasMore = true;
        if (result.error) moreError = result.error;
        else loadingMore = true;
        break;
      }
      for (const e of result.data.entries) {
        nodes.push({ path: e.path, name: e.path.slice(prefix.length), kind: KIND[e.type] });
      }
      hasMore = result.data.hasMore;
    }
    sortNodes(nodes);
    byFolder.set(folder, {
      status: 'ready',
      nodes,
      hasMore,
      loadingMore,
      ...(moreError ? { moreError } : {}),
    });
  }
  return { folder: (path) => byFolder.get(path) ?? { status: 'loading' } };
}

type PageOptions = ReturnType<typeof storageQueries.files>;

/**
 * The pages of one folder to ask for: the first, then each next page whose cursor the previous
 * cached page gives, up to `wanted` pages.
 */
function pagePlan(
  queryClient: QueryClient,
  folder: string,
  wanted: number,
  build: (cursor: string | undefined) => PageOptions,
): { folder: string; options: PageOptions }[] {
  const plan: { folder: string; options: PageOptions }[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < wanted; i++) {
    const options = build(cursor);
    plan.push({ folder, options });
    const page = queryClient.getQueryData<ListFilesResult>(options.queryKey);
    if (!page?.hasMore || !page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return plan;
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
