import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type {
  ApiError,
  AuthError,
  CommitProgress,
  CommitResult,
  CommitSignature,
  FileSource,
  GitFileMode,
  RefUpdateError,
  ValidationError,
} from '../core/index.js';
import { useGitStorage } from './context.js';
import { afterBranchMoved } from './invalidate.js';

/** A change waiting to be committed. */
export type StagedChange =
  | { kind: 'file'; path: string; source: FileSource; mode?: GitFileMode }
  | { kind: 'delete'; path: string };

/** What `commit()` can fail with. A `RefUpdateError` with reason `precondition_failed` means the branch moved. */
export type CommitError = RefUpdateError | AuthError | ApiError | ValidationError | Error;

export interface CommitOptions {
  /** Defaults to the message set with `setMessage`. */
  message?: string;
  author?: CommitSignature;
  committer?: CommitSignature;
  /** Fail instead of committing if the branch is no longer at this commit. */
  expectedHeadSha?: string;
  /** Create the branch from this one if it does not exist yet. */
  baseBranch?: string;
}

/**
 * Stage files (File, Blob, text), deletions, a message and an author; `commit()` sends them as
 * one commit with progress, can be aborted, and refreshes what the commit changed afterwards.
 *
 * ```tsx
 * const builder = useCommitBuilder('team/app', { branch: 'main' });
 * builder.addFile(`uploads/${file.name}`, file);
 * await builder.commit({ message: 'Add upload', author });
 * builder.progress?.bytesSent; // while builder.phase === 'uploading'
 * ```
 */
export function useCommitBuilder(
  repoId: string,
  options: { branch: string; author?: CommitSignature },
) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  const [staged, setStaged] = useState<StagedChange[]>([]);
  const [message, setMessage] = useState('');
  const [author, setAuthor] = useState<CommitSignature | undefined>(options.author);
  const [progress, setProgress] = useState<CommitProgress | undefined>();
  const controller = useRef<AbortController | null>(null);

  const stage = useCallback((change: StagedChange) => {
    setStaged((list) => [...list.filter((c) => c.path !== change.path), change]);
  }, []);

  const mutation = useMutation<CommitResult, CommitError, CommitOptions>({
    mutationFn: async (commitOptions) => {
      controller.current = new AbortController();
      setProgress(undefined);
      const builder = client.repo({ id: repoId }).createCommit({
        targetBranch: options.branch,
        commitMessage: commitOptions.message ?? message,
        author: (commitOptions.author ?? author) as CommitSignature,
        ...(commitOptions.committer ? { committer: commitOptions.committer } : {}),
        ...(commitOptions.expectedHeadSha
          ? { expectedHeadSha: commitOptions.expectedHeadSha }
          : {}),
        ...(commitOptions.baseBranch ? { baseBranch: commitOptions.baseBranch } : {}),
      });
      for (const change of staged) {
        if (change.kind === 'delete') builder.deletePath(change.path);
        else builder.addFile(change.path, change.source, change.mode ? { mode: change.mode } : {});
      }
      return builder.send({ signal: controller.current.signal, onProgress: setProgress });
    },
    onSuccess: async (result) => {
      setStaged([]);
      setMessage('');
      await afterBranchMoved(queryClient, repoId, options.branch, result.commitSha);
    },
  });

  return {
    staged,
    addFile: useCallback(
      (path: string, source: FileSource, fileOptions: { mode?: GitFileMode } = {}) =>
        stage({
          kind: 'file',
          path,
          source,
          ...(fileOptions.mode ? { mode: fileOptions.mode } : {}),
        }),
      [stage],
    ),
    addText: useCallback(
      (path: string, text: string) => stage({ kind: 'file', path, source: text }),
      [stage],
    ),
    deletePath: useCallback((path: string) => stage({ kind: 'delete', path }), [stage]),
    unstage: useCallback(
      (path: string) => setStaged((list) => list.filter((c) => c.path !== path)),
      [],
    ),
    reset: useCallback(() => {
      setStaged([]);
      setMessage('');
      setProgress(undefined);
      mutation.reset();
    }, [mutation.reset]),
    message,
    setMessage,
    author,
    setAuthor,
    /** Sends the staged changes; resolves with the result or rejects with a typed error. */
    commit: (commitOptions: CommitOptions = {}) => mutation.mutateAsync(commitOptions),
    /** Stops an upload in flight; the branch does not move. */
    abort: useCallback(() => controller.current?.abort(), []),
    status: mutation.status,
    isPending: mutation.isPending,
    /** `uploading` while bytes are sent, `committing` while the server writes the commit. */
    phase: mutation.isPending ? (progress?.phase ?? 'uploading') : undefined,
    progress,
    error: mutation.error,
    result: mutation.data,
  };
}
