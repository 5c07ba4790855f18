/**
 * The connected branch picker: every branch of `repoId` (paged in as the list needs them), the
 * default branch marked, create and delete through the hooks.
 */
import { useMemo } from 'react';
import { useBranches, useCreateBranch, useDeleteBranch, useRepo } from '../../react/index.js';
import { BranchCombobox, type BranchComboboxProps } from './BranchCombobox.js';

export interface BranchPickerProps
  extends Omit<
    BranchComboboxProps,
    | 'branches'
    | 'value'
    | 'onChange'
    | 'defaultBranch'
    | 'loading'
    | 'error'
    | 'hasMore'
    | 'onLoadMore'
    | 'onCreate'
    | 'onDelete'
    | 'busy'
    | 'actionError'
  > {
  repoId: string;
  /** The current branch; the default branch when left out. */
  branch?: string;
  onBranchChange: (branch: string) => void;
  /** Offer creating a branch from the current one (default true). */
  allowCreate?: boolean;
  /** Offer deleting the current branch (default true; never the default branch). */
  allowDelete?: boolean;
}

export function BranchPicker({
  repoId,
  branch,
  onBranchChange,
  allowCreate = true,
  allowDelete = true,
  ...rest
}: BranchPickerProps) {
  const repo = useRepo(repoId);
  const branches = useBranches(repoId, { limit: 500 });
  const create = useCreateBranch(repoId);
  const remove = useDeleteBranch(repoId);
  const names = useMemo(
    () => branches.data?.pages.flatMap((page) => page.branches.map((b) => b.name)) ?? [],
    [branches.data],
  );
  const defaultBranch = repo.data?.defaultBranch;
  const current = branch ?? defaultBranch ?? '';
  const { fetchNextPage } = branches;
  return (
    <BranchCombobox
      {...rest}
      branches={names}
      value={current}
      onChange={onBranchChange}
      {...(defaultBranch ? { defaultBranch } : {})}
      loading={branches.isPending || branches.isFetchingNextPage}
      error={branches.error}
      hasMore={branches.hasNextPage}
      onLoadMore={fetchNextPage}
      busy={create.isPending || remove.isPending}
      actionError={create.error ?? remove.error}
      {...(allowCreate
        ? {
            onCreate: (name: string, from: string) =>
              create.mutate(
                { targetBranch: name, baseRef: from },
                { onSuccess: () => onBranchChange(name) },
              ),
          }
        : {})}
      {...(allowDelete
        ? {
            onDelete: (name: string) =>
              remove.mutate(
                { name },
                { onSuccess: () => defaultBranch && onBranchChange(defaultBranch) },
              ),
          }
        : {})}
    />
  );
}
