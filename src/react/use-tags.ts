import {
  type InfiniteData,
  type UseInfiniteQueryResult,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { CreateTagResult, DeleteTagResult, ListTagsResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type PagedQueryOptions, storageQueries } from './queries.js';
import { usePagedQuery } from './read-hook.js';
import { storageKeys } from './storage-keys.js';

/** Tags, page by page (`fetchNextPage()` while `hasNextPage`); each with the commit it names. */
export function useTags<TData = InfiniteData<ListTagsResult, string>>(
  repoId: string,
  options: { limit?: number } = {},
  queryOptions?: PagedQueryOptions<ListTagsResult, TData>,
): UseInfiniteQueryResult<TData, Error> {
  return usePagedQuery(storageQueries.tags(useGitStorage(), repoId, options), queryOptions);
}

/** Creates a lightweight tag; refreshes the tag list. */
export function useCreateTag(repoId: string) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useMutation<CreateTagResult, Error, { name: string; target: string }>({
    mutationFn: (options) => client.repo({ id: repoId }).createTag(options),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storageKeys.tags(repoId) }),
  });
}

/** Deletes a tag; refreshes the tag list. */
export function useDeleteTag(repoId: string) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useMutation<DeleteTagResult, Error, { name: string }>({
    mutationFn: (options) => client.repo({ id: repoId }).deleteTag(options),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storageKeys.tags(repoId) }),
  });
}
