/**
 * `queryOptions` / `infiniteQueryOptions` for every read, so apps can use the same definitions
 * with `useQuery`, `useSuspenseQuery`, `queryClient.prefetchQuery` or a router loader:
 *
 * ```ts
 * await queryClient.prefetchQuery(storageQueries.files(client, 'team/app', { ref: 'main' }));
 * const { data } = useSuspenseQuery(storageQueries.files(client, 'team/app', { ref: 'main' }));
 * ```
 */
import {
  type InfiniteData,
  infiniteQueryOptions,
  type QueryClient,
  queryOptions,
} from '@tanstack/react-query';
import type {
  GetBranchDiffResult,
  GetCommitDiffResult,
  GitStorage,
  ListBranchesResult,
  ListCommitsResult,
} from '../core/index.js';
import { type FileContent, fetchFileContent } from './read-file.js';
import { storageKeys } from './storage-keys.js';

export interface FilesOptions {
  ref?: string;
  /** A directory; '' or undefined for the root. */
  path?: string;
  /** False (default): one directory level, for a file browser; true: the whole tree. */
  recursive?: boolean;
}

export interface FileOptions {
  ref?: string;
  path: string;
  /** Read at most this many bytes (default 1 MiB); `truncated` says when there was more. */
  maxBytes?: number;
}

export type DiffOptions = { branch: string; base?: string } | { sha: string; baseSha?: string };

export type DiffResult = GetBranchDiffResult | GetCommitDiffResult;

export const storageQueries = {
  repo: (client: GitStorage, repoId: string) =>
    queryOptions({
      queryKey: storageKeys.repoInfo(repoId),
      queryFn: async ({ signal }) => {
        const repo = await client.findOne({ id: repoId, signal });
        return repo
          ? { id: repo.id, defaultBranch: repo.defaultBranch, createdAt: repo.createdAt }
          : null;
      },
    }),

  files: (client: GitStorage, repoId: string, options: FilesOptions = {}) =>
    queryOptions({
      queryKey: storageKeys.files(repoId, options),
      queryFn: ({ signal }) =>
        client.repo({ id: repoId }).listFiles({
          ...(options.ref ? { ref: options.ref } : {}),
          ...(options.path ? { path: options.path } : {}),
          recursive: options.recursive ?? false,
          signal,
        }),
    }),

  /** `queryClient` lets the read revalidate with If-None-Match against the cached copy. */
  file: (client: GitStorage, repoId: string, options: FileOptions, queryClient?: QueryClient) =>
    queryOptions({
      queryKey: [
        ...storageKeys.file(repoId, options),
        { maxBytes: options.maxBytes ?? null },
      ] as const,
      queryFn: ({ signal, queryKey }) =>
        fetchFileContent(
          client.repo({ id: repoId }),
          { ...options, signal },
          queryClient?.getQueryData<FileContent>(queryKey),
        ),
    }),

  fileMetadata: (client: GitStorage, repoId: string, options: { ref?: string; path: string }) =>
    queryOptions({
      queryKey: storageKeys.fileMetadata(repoId, options),
      queryFn: ({ signal }) =>
        client
          .repo({ id: repoId })
          .headFile({ path: options.path, ...(options.ref ? { ref: options.ref } : {}), signal }),
    }),

  branches: (client: GitStorage, repoId: string, options: { limit?: number } = {}) =>
    infiniteQueryOptions<
      ListBranchesResult,
      Error,
      InfiniteData<ListBranchesResult, string>,
      ReturnType<typeof storageKeys.branches>,
      string
    >({
      queryKey: storageKeys.branches(repoId),
      queryFn: ({ signal, pageParam }): Promise<ListBranchesResult> =>
        client.repo({ id: repoId }).listBranches({
          ...(pageParam ? { cursor: pageParam } : {}),
          limit: options.limit ?? 100,
          signal,
        }),
      initialPageParam: '',
      getNextPageParam: (last): string | undefined => (last.hasMore ? last.nextCursor : undefined),
    }),

  commits: (
    client: GitStorage,
    repoId: string,
    options: { branch?: string; path?: string; limit?: number } = {},
  ) =>
    infiniteQueryOptions<
      ListCommitsResult,
      Error,
      InfiniteData<ListCommitsResult, string>,
      ReturnType<typeof storageKeys.commits>,
      string
    >({
      queryKey: storageKeys.commits(repoId, options),
      queryFn: ({ signal, pageParam }): Promise<ListCommitsResult> =>
        client.repo({ id: repoId }).listCommits({
          ...(options.branch ? { branch: options.branch } : {}),
          ...(options.path ? { path: options.path } : {}),
          ...(pageParam ? { cursor: pageParam } : {}),
          limit: options.limit ?? 30,
          signal,
        }),
      initialPageParam: '',
      getNextPageParam: (last): string | undefined => (last.hasMore ? last.nextCursor : undefined),
    }),

  commit: (client: GitStorage, repoId: string, sha: string) =>
    queryOptions({
      queryKey: storageKeys.commit(repoId, sha),
      queryFn: async ({ signal }) =>
        (await client.repo({ id: repoId }).getCommit({ sha, signal })).commit,
      staleTime: Number.POSITIVE_INFINITY, // a commit never changes
    }),

  diff: (client: GitStorage, repoId: string, options: DiffOptions) =>
    queryOptions<DiffResult>({
      queryKey:
        'sha' in options
          ? storageKeys.commitDiff(repoId, options)
          : storageKeys.branchDiff(repoId, options),
      queryFn: ({ signal }) => {
        const repo = client.repo({ id: repoId });
        return 'sha' in options
          ? repo.getCommitDiff({
              sha: options.sha,
              ...(options.baseSha ? { baseSha: options.baseSha } : {}),
              signal,
            })
          : repo.getBranchDiff({
              branch: options.branch,
              ...(options.base ? { base: options.base } : {}),
              signal,
            });
      },
      // A diff between two commits never changes; a branch diff moves with the branch.
      staleTime: 'sha' in options ? Number.POSITIVE_INFINITY : 0,
    }),
};
