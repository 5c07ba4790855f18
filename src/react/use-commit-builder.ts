import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type {
  ApiError,
  AuthError,
  CommitDraft,
  CommitDraftPhase,
  CommitResult,
  CommitSignature,
  DraftCommitOptions,
  DraftPersistenceState,
  FileSource,
  GitFileMode,
  NetworkError,
  RefUpdateError,
  StagedChange,
  ValidationError,
} from '../core/index.js';
import { useGitStorage } from './context.js';
import { afterBranchMoved } from './invalidate.js';

export type { StagedChange };

/**
 * What `commit()` can fail with. A `RefUpdateError` with reason `precondition_failed` means the
 * branch moved; a `DOMException` named `AbortError` means `abort()` stopped it.
 */
export type CommitError =
  | RefUpdateError
  | AuthError
  | ApiError
  | NetworkError
  | ValidationError
  | DOMException;

export type CommitOptions = DraftCommitOptions;

/** What {@link useCommitBuilder} returns. */
export interface CommitBuilderState {
  staged: readonly StagedChange[];
  addFile: (path: string, source: FileSource, options?: { mode?: GitFileMode }) => void;
  addText: (path: string, text: string) => void;
  /** Stages many files at once (a dropped folder): one update; a bad path stages none. */
  addFiles: (files: readonly { path: string; source: FileSource; mode?: GitFileMode }[]) => void;
  deletePath: (path: string) => void;
  unstage: (path: string) => void;
  /** Moves a staged file to another path, keeping its place and content. */
  renameStaged: (from: string, to: string) => void;
  /** Forgets everything staged and the last outcome. */
  reset: () => void;
  message: string;
  setMessage: (message: string) => void;
  author: CommitSignature | undefined;
  setAuthor: (author: CommitSignature | undefined) => void;
  /** The branch head when staging began: pass it as `expectedHeadSha` to refuse a moved branch. */
  baseHeadSha: string | undefined;
  /** Commit on top of `sha` from now on (after the branch moved and the user accepted it). */
  setBaseHeadSha: (sha: string | undefined) => void;
  /** Sends what is staged at the moment of the call; rejects with a {@link CommitError}. */
  commit: (options?: CommitOptions) => Promise<CommitResult>;
  /**
   * Stops an upload in flight; the branch does not move and everything stays staged. False when
   * there was nothing to stop, or when the body was already sent and the server is writing the
   * commit (it can no longer be stopped).
   */
  abort: () => boolean;
  status: 'idle' | 'pending' | 'success' | 'error';
  isPending: boolean;
  /** `uploading` while bytes are sent, `committing` while the server writes the commit. */
  phase: 'uploading' | 'committing' | undefined;
  progress: CommitDraftSnapshotProgress;
  error: CommitError | null;
  result: CommitResult | undefined;
  /** The kept copy (drafts kept across reloads): what was restored, which files are not kept. */
  persistence: DraftPersistenceState | undefined;
  /** The framework-agnostic draft underneath, for code outside React. */
  draft: CommitDraft;
}

type CommitDraftSnapshotProgress = ReturnType<CommitDraft['getSnapshot']>['progress'];

const STATUS: Record<CommitDraftPhase, CommitBuilderState['status']> = {
  idle: 'idle',
  uploading: 'pending',
  committing: 'pending',
  done: 'success',
  error: 'error',
};

/**
 * Stage files (File, Blob, text), deletions, a message and an author; `commit()` sends them as
 * one commit with progress, can be aborted, and refreshes what the commit changed afterwards.
 * The staged state lives in a core {@link CommitDraft}, so whatever was staged before `commit()`
 * is committed, even in the same event handler or after an `await`.
 *
 * ```tsx
 * const builder = useCommitBuilder('team/app', { branch: 'main', author });
 * builder.addFile(`uploads/${file.name}`, file);
 * await builder.commit({ message: 'Add upload' });
 * builder.progress?.bytesSent; // while builder.phase === 'uploading'
 * ```
 */
export function useCommitBuilder(
  repoId: string,
  options: { branch: string; author?: CommitSignature },
): CommitBuilderState {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  const { branch, author } = options;
  // The client's draft for this repository and branch: it outlives this component, so looking
  // at another branch and coming back finds what was staged there.
  const draft = client.drafts.draft(repoId, { branch, ...(author ? { author } : {}) });
  // Options reach the draft as they change (a profile that loads late becomes the author).
  const authorName = author?.name;
  const authorEmail = author?.email;
  useEffect(() => {
    draft.setOptions({
      ...(authorName !== undefined && authorEmail !== undefined
        ? { author: { name: authorName, email: authorEmail } }
        : {}),
      // The branch list, tree and history are fresh by the time the draft says `done`.
      onCommitted: (result) => afterBranchMoved(queryClient, repoId, branch, result.commitSha),
    });
  }, [draft, authorName, authorEmail, queryClient, repoId, branch]);
  const snapshot = useSyncExternalStore(draft.subscribe, draft.getSnapshot, draft.getSnapshot);
  const commit = useCallback(
    (commitOptions: CommitOptions = {}) => draft.commit(commitOptions),
    [draft],
  );

  return {
    staged: snapshot.staged,
    addFile: useCallback(
      (path: string, source: FileSource, fileOptions: { mode?: GitFileMode } = {}) =>
        draft.addFile(path, source, fileOptions),
      [draft],
    ),
    addText: useCallback((path: string, text: string) => draft.addText(path, text), [draft]),
    addFiles: useCallback(
      (files: readonly { path: string; source: FileSource; mode?: GitFileMode }[]) =>
        draft.stageAll(
          files.map((f) => ({
            kind: 'file' as const,
            path: f.path,
            source: f.source,
            ...(f.mode ? { mode: f.mode } : {}),
          })),
        ),
      [draft],
    ),
    deletePath: useCallback((path: string) => draft.deletePath(path), [draft]),
    unstage: useCallback((path: string) => draft.unstage(path), [draft]),
    renameStaged: useCallback((from: string, to: string) => draft.renameStaged(from, to), [draft]),
    reset: useCallback(() => draft.reset(), [draft]),
    message: snapshot.message,
    setMessage: useCallback((message: string) => draft.setMessage(message), [draft]),
    author: snapshot.author,
    setAuthor: useCallback(
      (author: CommitSignature | undefined) => draft.setAuthor(author),
      [draft],
    ),
    baseHeadSha: snapshot.baseHeadSha,
    setBaseHeadSha: useCallback((sha: string | undefined) => draft.setBaseHeadSha(sha), [draft]),
    commit,
    abort: useCallback(() => draft.abort(), [draft]),
    status: STATUS[snapshot.phase],
    isPending: snapshot.phase === 'uploading' || snapshot.phase === 'committing',
    phase:
      snapshot.phase === 'uploading' || snapshot.phase === 'committing'
        ? snapshot.phase
        : undefined,
    progress: snapshot.progress,
    error: (snapshot.error as CommitError | undefined) ?? null,
    result: snapshot.result,
    persistence: snapshot.persistence,
    draft,
  };
}
