import {
  type SkipToken,
  type UseQueryResult,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { MergeOptions, MergeResult, PreviewMergeResult } from '../core/index.js';
import {
  type CommitMergeResolutionOptions,
  commitMergeResolution,
  type MergeResolutionResult,
} from '../core/review/index.js';
import { useGitStorage } from './context.js';
import { afterBranchMoved } from './invalidate.js';
import { type ReadQueryOptions, storageQueries } from './queries.js';
import { useReadQuery } from './read-hook.js';

type PreviewOptions = { sourceBranch: string; targetBranch: string; includeContent?: boolean };

/**
 * What merging `sourceBranch` into `targetBranch` would do — clean, conflicted (with the paths,
 * and the sides' contents when `includeContent`), fast-forward or nothing. Refreshed whenever a
 * write through these hooks moves a branch.
 */
export function usePreviewMerge<TData = PreviewMergeResult>(
  repoId: string,
  options: PreviewOptions | SkipToken,
  queryOptions?: ReadQueryOptions<PreviewMergeResult, TData>,
): UseQueryResult<TData, Error> {
  const client = useGitStorage();
  return useReadQuery(
    options,
    (o: PreviewOptions) => storageQueries.mergePreview(client, repoId, o),
    { sourceBranch: '', targetBranch: '' },
    queryOptions,
  );
}

/** Merges one branch into another; the target's reads, the branch list and previews refresh. */
export function useMerge(repoId: string) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useMutation<MergeResult, Error, Omit<MergeOptions, 'signal'>>({
    mutationFn: (options) => client.repo({ id: repoId }).merge(options),
    onSuccess: (result) =>
      result.target.ephemeral
        ? undefined
        : afterBranchMoved(queryClient, repoId, result.target.branch, result.target.newSha),
  });
}

/**
 * Commits a conflict resolution on the source branch as a merge of the target
 * (`commitMergeResolution`); the source's reads, the branch list and previews refresh.
 */
export function useResolveConflicts(repoId: string) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useMutation<MergeResolutionResult, Error, Omit<CommitMergeResolutionOptions, 'signal'>>({
    mutationFn: (options) => commitMergeResolution(client.repo({ id: repoId }), options),
    onSettled: (result, _error, options) =>
      afterBranchMoved(queryClient, repoId, options.sourceBranch, result?.headSha),
  });
}
