import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RestoreCommitOptions, RestoreCommitResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { afterBranchMoved } from './invalidate.js';

/** Restores an older commit's tree as a new commit on a branch. */
export function useRestoreCommit(repoId: string) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useMutation<RestoreCommitResult, Error, RestoreCommitOptions>({
    mutationFn: (options) => client.repo({ id: repoId }).restoreCommit(options),
    onSuccess: (result) =>
      afterBranchMoved(queryClient, repoId, result.targetBranch, result.commitSha),
  });
}
