import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateBranchResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { storageKeys } from './storage-keys.js';

/** Creates a branch from a branch or commit; refreshes the branch list. */
export function useCreateBranch(repoId: string) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useMutation<CreateBranchResult, Error, { targetBranch: string; baseRef: string }>({
    mutationFn: (options) => client.repo({ id: repoId }).createBranch(options),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storageKeys.branches(repoId) }),
  });
}
