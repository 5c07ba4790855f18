import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DeleteBranchResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { storageKeys } from './storage-keys.js';

/** Deletes a branch; refreshes the branch list and forgets the branch's cached reads. */
export function useDeleteBranch(repoId: string) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useMutation<DeleteBranchResult, Error, { name: string }>({
    mutationFn: (options) => client.repo({ id: repoId }).deleteBranch(options),
    onSuccess: async (_result, { name }) => {
      queryClient.removeQueries({ queryKey: storageKeys.ref(repoId, name) });
      await queryClient.invalidateQueries({ queryKey: storageKeys.branches(repoId) });
    },
  });
}
