import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CommitResult, CreateCommitFromDiffOptions } from '../core/index.js';
import { useGitStorage } from './context.js';
import { afterBranchMoved } from './invalidate.js';

/** Commits a patch to a branch. */
export function useCreateCommitFromDiff(repoId: string) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useMutation<CommitResult, Error, CreateCommitFromDiffOptions>({
    mutationFn: (options) => client.repo({ id: repoId }).createCommitFromDiff(options),
    onSuccess: (result) =>
      afterBranchMoved(queryClient, repoId, result.targetBranch, result.commitSha),
  });
}
