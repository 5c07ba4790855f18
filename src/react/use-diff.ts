import type { QueryKey, SkipToken, UseQueryOptions, UseQueryResult } from '@tanstack/react-query';
import type { GetBranchDiffResult, GetCommitDiffResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import {
  type BranchDiffOptions,
  type CommitDiffOptions,
  type ReadQueryOptions,
  storageQueries,
} from './queries.js';
import { useReadQuery } from './read-hook.js';

/** What a branch changed since it left `base` (default: the default branch). */
export function useDiff<TData = GetBranchDiffResult>(
  repoId: string,
  options: BranchDiffOptions,
  queryOptions?: ReadQueryOptions<GetBranchDiffResult, TData>,
): UseQueryResult<TData, Error>;
/** What a commit changed against its first parent, or against `baseSha`. */
export function useDiff<TData = GetCommitDiffResult>(
  repoId: string,
  options: CommitDiffOptions,
  queryOptions?: ReadQueryOptions<GetCommitDiffResult, TData>,
): UseQueryResult<TData, Error>;
/** `skipToken` while there is nothing to diff yet. */
export function useDiff(
  repoId: string,
  options: SkipToken,
): UseQueryResult<GetBranchDiffResult | GetCommitDiffResult, Error>;
export function useDiff(
  repoId: string,
  options: BranchDiffOptions | CommitDiffOptions | SkipToken,
  queryOptions?: object,
): UseQueryResult<unknown, Error> {
  const client = useGitStorage();
  return useReadQuery<unknown, unknown, BranchDiffOptions | CommitDiffOptions, QueryKey>(
    options,
    (o) =>
      ('sha' in o
        ? storageQueries.commitDiff(client, repoId, o)
        : storageQueries.branchDiff(client, repoId, o)) as unknown as UseQueryOptions<
        unknown,
        Error,
        unknown,
        QueryKey
      >,
    { sha: '' },
    queryOptions as ReadQueryOptions<unknown, unknown> | undefined,
  );
}
