import {
  type SkipToken,
  type UseQueryResult,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { GetNoteResult, NoteWriteOptions, NoteWriteResult } from '../core/index.js';
import { useGitStorage } from './context.js';
import { type ReadQueryOptions, storageQueries } from './queries.js';
import { useReadQuery } from './read-hook.js';
import { storageKeys } from './storage-keys.js';

type NoteOptions = { sha: string; ref?: string };

/** The git note on a commit (`ref` default `refs/notes/commits`); `null` when there is none. */
export function useNote<TData = GetNoteResult | null>(
  repoId: string,
  options: NoteOptions | SkipToken,
  queryOptions?: ReadQueryOptions<GetNoteResult | null, TData>,
): UseQueryResult<TData, Error> {
  const client = useGitStorage();
  return useReadQuery(
    options,
    (o: NoteOptions) => storageQueries.note(client, repoId, o),
    { sha: '' },
    queryOptions,
  );
}

export type NoteWrite =
  | ({ action: 'add' | 'append' } & Omit<NoteWriteOptions, 'signal'>)
  | ({ action: 'delete' } & Omit<NoteWriteOptions, 'signal' | 'note'>);

/**
 * Adds, appends to or deletes a note; the notes of that ref refresh. A stale `expectedRefSha`
 * fails with a `RefUpdateError` (`precondition_failed`).
 */
export function useWriteNote(repoId: string) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  return useMutation<NoteWriteResult, Error, NoteWrite>({
    mutationFn: ({ action, ...options }) => {
      const repo = client.repo({ id: repoId });
      if (action === 'delete') return repo.deleteNote(options);
      const write = options as Omit<NoteWriteOptions, 'signal'>;
      return action === 'add' ? repo.createNote(write) : repo.appendNote(write);
    },
    onSuccess: (_result, variables) =>
      queryClient.invalidateQueries({ queryKey: storageKeys.notes(repoId, variables.ref) }),
  });
}
