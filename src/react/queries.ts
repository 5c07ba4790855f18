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
  type QueryKey,
  queryOptions,
  type UseInfiniteQueryOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import {
  ApiError,
  type GetBranchDiffResult,
  type GetCommitDiffResult,
  type GitStorage,
  type GrepOptions,
  isFullSha,
} from '../core/index.js';
import { type FileContent, fetchFileContent } from './read-file.js';
import { storageKeys } from './storage-keys.js';

export interface FilesOptions {
  ref?: string;
  /** A directory; '' or undefined for the root. */
  path?: string;
  /** False (default): one directory level, for a file browser; true: the whole tree. */
  recursive?: boolean;
  /**
   * One page: at most `limit` entries (the server caps it) after `cursor`. Without either the
   * whole listing comes in one response; with them `hasMore`/`nextCursor` say what is left.
   */
  limit?: number;
  cursor?: string;
}

export interface FileOptions {
  ref?: string;
  path: string;
  /** Read at most this many bytes (default 1 MiB); `truncated` says when there was more. */
  maxBytes?: number;
}

/** A branch against its base (the default branch unless given): a three-dot diff. */
export interface BranchDiffOptions {
  branch: string;
  base?: string;
}

/** A commit against its first parent, or against `baseSha`. */
export interface CommitDiffOptions {
  sha: string;
  baseSha?: string;
}

export type DiffOptions = BranchDiffOptions | CommitDiffOptions;

export type DiffResult = GetBranchDiffResult | GetCommitDiffResult;

/** The repository as `useRepo` gives it (`null` when it does not exist). */
export interface RepoInfo {
  id: string;
  defaultBranch: string;
  createdAt: string;
}

/**
 * react-query's options that every read hook takes on top of its own (`enabled`, `select`,
 * `placeholderData`, `staleTime`, …): everything but the key and the query function, which the
 * kit owns. `select` changes the hook's data type to `TData`.
 */
export type ReadQueryOptions<TQueryFnData, TData = TQueryFnData> = Omit<
  UseQueryOptions<TQueryFnData, Error, TData, QueryKey>,
  'queryKey' | 'queryFn'
>;

/** The same for the paginated hooks (`useBranches`, `useCommits`). */
export type PagedQueryOptions<TPage, TData = InfiniteData<TPage, string>> = Omit<
  UseInfiniteQueryOptions<TPage, Error, TData, QueryKey, string>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam'
>;

/**
 * Reads never retry in react-query: the core client already retries what is worth retrying
 * (network failures, 408/429/5xx, with backoff), and a 4xx, an AuthError or a ValidationError
 * does not get better by asking again.
 */
const NO_RETRY = { retry: false } as const;

function branchDiffQuery(client: GitStorage, repoId: string, options: BranchDiffOptions) {
  return queryOptions({
    queryKey: storageKeys.branchDiff(repoId, options),
    queryFn: ({ signal }) =>
      client.repo({ id: repoId }).getBranchDiff({
        branch: options.branch,
        ...(options.base ? { base: options.base } : {}),
        signal,
      }),
    staleTime: 0, // a branch diff moves with the branch
    ...NO_RETRY,
  });
}

function commitDiffQuery(client: GitStorage, repoId: string, options: CommitDiffOptions) {
  return queryOptions({
    queryKey: storageKeys.commitDiff(repoId, options),
    queryFn: ({ signal }) =>
      client.repo({ id: repoId }).getCommitDiff({
        sha: options.sha,
        ...(options.baseSha ? { baseSha: options.baseSha } : {}),
        signal,
      }),
    staleTime: Number.POSITIVE_INFINITY, // a diff between two commits never changes
    ...NO_RETRY,
  });
}

/** A list read page by page with the server's cursor (branches, tags, history). */
function cursorPages<
  TPage extends { hasMore: boolean; nextCursor?: string },
  TKey extends QueryKey,
>(queryKey: TKey, read: (cursor: string | undefined, signal: AbortSignal) => Promise<TPage>) {
  return infiniteQueryOptions<TPage, Error, InfiniteData<TPage, string>, TKey, string>({
    queryKey,
    queryFn: ({ signal, pageParam }) => read(pageParam || undefined, signal),
    initialPageParam: '',
    getNextPageParam: (last) => (last.hasMore ? last.nextCursor : undefined),
    ...NO_RETRY,
  });
}

export const storageQueries = {
  repo: (client: GitStorage, repoId: string) =>
    queryOptions({
      queryKey: storageKeys.repoInfo(repoId),
      queryFn: async ({ signal }): Promise<RepoInfo | null> => {
        const repo = await client.findOne({ id: repoId, signal });
        return repo
          ? { id: repo.id, defaultBranch: repo.defaultBranch, createdAt: repo.createdAt }
          : null;
      },
      ...NO_RETRY,
    }),

  files: (client: GitStorage, repoId: string, options: FilesOptions = {}) =>
    queryOptions({
      queryKey: storageKeys.files(repoId, options),
      queryFn: ({ signal }) =>
        client.repo({ id: repoId }).listFiles({
          ...(options.ref ? { ref: options.ref } : {}),
          ...(options.path ? { path: options.path } : {}),
          recursive: options.recursive ?? false,
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
          ...(options.cursor ? { cursor: options.cursor } : {}),
          signal,
        }),
      ...NO_RETRY,
    }),

  /** Refetches revalidate with If-None-Match against the copy in the query's own cache. */
  file: (client: GitStorage, repoId: string, options: FileOptions) =>
    queryOptions({
      queryKey: [
        ...storageKeys.file(repoId, options),
        { maxBytes: options.maxBytes ?? null },
      ] as const,
      queryFn: ({ signal, queryKey, client: queryClient }) =>
        fetchFileContent(
          client.repo({ id: repoId }),
          { ...options, signal },
          queryClient.getQueryData<FileContent>(queryKey),
        ),
      ...NO_RETRY,
    }),

  fileMetadata: (client: GitStorage, repoId: string, options: { ref?: string; path: string }) =>
    queryOptions({
      queryKey: storageKeys.fileMetadata(repoId, options),
      queryFn: ({ signal }) =>
        client
          .repo({ id: repoId })
          .headFile({ path: options.path, ...(options.ref ? { ref: options.ref } : {}), signal }),
      ...NO_RETRY,
    }),

  blame: (
    client: GitStorage,
    repoId: string,
    options: { ref?: string; path: string; ranges?: string[] },
  ) =>
    queryOptions({
      queryKey: storageKeys.blame(repoId, options),
      queryFn: ({ signal }) => client.repo({ id: repoId }).getBlame({ ...options, signal }),
      ...NO_RETRY,
    }),

  grep: (client: GitStorage, repoId: string, options: Omit<GrepOptions, 'signal'>) =>
    queryOptions({
      queryKey: storageKeys.grep(repoId, options),
      queryFn: ({ signal }) => client.repo({ id: repoId }).grep({ ...options, signal }),
      ...NO_RETRY,
    }),

  mergePreview: (
    client: GitStorage,
    repoId: string,
    options: { sourceBranch: string; targetBranch: string; includeContent?: boolean },
  ) =>
    queryOptions({
      queryKey: storageKeys.mergePreview(repoId, options),
      queryFn: ({ signal }) => client.repo({ id: repoId }).previewMerge({ ...options, signal }),
      ...NO_RETRY,
    }),

  /** A commit's note, or null when it has none. */
  note: (client: GitStorage, repoId: string, options: { sha: string; ref?: string }) =>
    queryOptions({
      queryKey: storageKeys.note(repoId, options),
      queryFn: async ({ signal }) => {
        try {
          return await client.repo({ id: repoId }).getNote({ ...options, signal });
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }
      },
      ...NO_RETRY,
    }),

  branches: (client: GitStorage, repoId: string, options: { limit?: number } = {}) =>
    cursorPages(storageKeys.branchList(repoId, options), (cursor, signal) =>
      client.repo({ id: repoId }).listBranches({ cursor, limit: options.limit ?? 100, signal }),
    ),

  tags: (client: GitStorage, repoId: string, options: { limit?: number } = {}) =>
    cursorPages(storageKeys.tagList(repoId, options), (cursor, signal) =>
      client.repo({ id: repoId }).listTags({ cursor, limit: options.limit ?? 100, signal }),
    ),

  commits: (
    client: GitStorage,
    repoId: string,
    options: { branch?: string; path?: string; limit?: number } = {},
  ) =>
    cursorPages(storageKeys.commits(repoId, options), (cursor, signal) =>
      client.repo({ id: repoId }).listCommits({
        ...(options.branch ? { branch: options.branch } : {}),
        ...(options.path ? { path: options.path } : {}),
        cursor,
        limit: options.limit ?? 30,
        signal,
      }),
    ),

  /**
   * A commit by full SHA (cached for good: a commit never changes) or by a revision such as a
   * branch name (kept under that ref, so a write that moves it refreshes it).
   */
  commit: (client: GitStorage, repoId: string, sha: string) =>
    queryOptions({
      queryKey: isFullSha(sha)
        ? storageKeys.commit(repoId, sha)
        : storageKeys.revision(repoId, sha),
      queryFn: async ({ signal }) =>
        (await client.repo({ id: repoId }).getCommit({ sha, signal })).commit,
      ...(isFullSha(sha) ? { staleTime: Number.POSITIVE_INFINITY } : {}),
      ...NO_RETRY,
    }),

  branchDiff: branchDiffQuery,
  commitDiff: commitDiffQuery,

  /** Either diff, by the shape of `options`; prefer `branchDiff` / `commitDiff` for exact types. */
  diff: (client: GitStorage, repoId: string, options: DiffOptions) =>
    'sha' in options
      ? commitDiffQuery(client, repoId, options)
      : branchDiffQuery(client, repoId, options),
};
