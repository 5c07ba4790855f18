/**
 * Compose and send a commit: drop files or folders (or pick them, or paste), edit text, stage
 * deletions, write a message, and send it all as one commit with honest progress. Guarded by
 * default: if the branch moved since staging began, nothing is committed; the composer says who
 * moved it and which staged paths they touched, and offers "Commit on top" or a look at their
 * changes first. Whatever fails, the staged work stays.
 *
 * ```tsx
 * <CommitComposer repoId="team/app" branch="main" author={{ name, email }} basePath="docs" />
 * ```
 */
import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import type { CommitResult, CommitSignature } from '../../core/browser.js';
import { type CommitBuilderState, useCommitBuilder } from '../../react/index.js';
import { LazyDiffViewer } from '../diff-viewer/LazyDiffViewer.js';
import { commitTitle } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels } from '../shared/labels.js';
import { CommitComposerView } from './CommitComposerView.js';
import { describeCommitError } from './commit-errors.js';
import { commitComposerLabels } from './labels.js';
import { useMovedBranch } from './moved-branch.js';
import { TransferMeter } from './staging.js';
import { TextEditor } from './TextEditor.js';
import { useExistingPaths } from './use-existing-paths.js';
import { useFileEditor } from './use-file-editor.js';

export interface CommitComposerProps {
  repoId: string;
  branch: string;
  author: CommitSignature;
  /** The folder dropped files land in (the folder open in a file browser); the root if left out. */
  basePath?: string;
  /**
   * A draft shared with other parts of the app (a file browser's "delete", an editor): the result
   * of `useCommitBuilder(repoId, { branch, author })`. The composer keeps its own otherwise.
   */
  builder?: CommitBuilderState;
  /** Refuse to commit over changes made since staging began (default true). */
  guardHead?: boolean;
  /** Readers: the composer shows what it would do but cannot send (the server refuses anyway). */
  readOnly?: boolean;
  onCommitted?: (result: CommitResult) => void;
  /** The heading (default "Commit to <branch>"). */
  heading?: string;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function CommitComposer(props: CommitComposerProps): ReactElement {
  const labels = useFamilyLabels(commitComposerLabels, props.labels);
  const { repoId, branch } = props;
  const own = useCommitBuilder(repoId, { branch, author: props.author });
  const builder = props.builder ?? own;
  const { staged, progress, isPending } = builder;
  const exists = useExistingPaths(repoId, branch, staged);
  const [sentTitle, setSentTitle] = useState('');
  const meter = useRef(new TransferMeter());

  // The author given now is the one the commit carries: the composer's own builder takes it as
  // an option (useCommitBuilder); a builder passed in is told.
  const external = props.builder;
  const { name, email } = props.author;
  useEffect(() => external?.setAuthor({ name, email }), [external?.setAuthor, name, email]);

  const editor = useFileEditor({
    repoId,
    branch,
    staged,
    stageText: (path, text) => builder.addText(path, text),
    labels,
  });

  const failure = builder.status === 'error' ? describeCommitError(builder.error, labels) : null;
  const movedBase = failure?.kind === 'moved' ? builder.baseHeadSha : undefined;
  const stagedPaths = useMemo(() => staged.map((c) => c.path), [staged]);
  const moved = useMovedBranch(repoId, branch, movedBase, stagedPaths);

  const transfer = useMemo(() => {
    if (!progress) return { rate: undefined, secondsLeft: undefined };
    meter.current.add(progress.bytesSent, performance.now());
    return {
      rate: meter.current.rate(),
      secondsLeft:
        progress.totalBytes === undefined
          ? undefined
          : meter.current.secondsLeft(progress.totalBytes - progress.bytesSent),
    };
  }, [progress]);

  // Leaving the page would cancel the upload: the browser asks first.
  useEffect(() => {
    if (!isPending) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = labels.leaveWhileUploading;
      return labels.leaveWhileUploading;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [isPending, labels.leaveWhileUploading]);

  const send = (expectedHeadSha: string | undefined) => {
    setSentTitle(commitTitle(builder.message));
    meter.current = new TransferMeter();
    builder.commit(expectedHeadSha ? { expectedHeadSha } : {}).then(
      (result) => props.onCommitted?.(result),
      () => {
        // Shown from the draft's state (builder.error).
      },
    );
  };

  return (
    <CommitComposerView
      branch={branch}
      author={props.author}
      basePath={props.basePath}
      staged={staged}
      exists={exists}
      message={builder.message}
      onMessageChange={builder.setMessage}
      phase={
        builder.phase ??
        (builder.status === 'success' ? 'done' : builder.status === 'error' ? 'error' : 'idle')
      }
      progress={progress}
      rate={transfer.rate}
      secondsLeft={transfer.secondsLeft}
      failure={failure}
      moved={moved.data}
      movedError={moved.error ? labels.commitFailed(moved.error.message) : undefined}
      onRetryMoved={() => void moved.refetch()}
      committed={builder.result ? { sha: builder.result.commitSha, title: sentTitle } : undefined}
      readOnly={props.readOnly ?? false}
      baseHeadSha={builder.baseHeadSha}
      restored={builder.persistence?.restored}
      notKept={builder.persistence?.notKept}
      onStage={builder.addFiles}
      onUnstage={builder.unstage}
      onUnstageAll={builder.reset}
      onRename={builder.renameStaged}
      onEdit={editor.open}
      onNewFile={editor.openNew}
      onStageDeletion={builder.deletePath}
      onCommit={() => send(props.guardHead === false ? undefined : builder.baseHeadSha)}
      onCancel={builder.abort}
      onCommitOnTop={() => {
        const head = moved.data?.headSha;
        if (!head) return;
        builder.setBaseHeadSha(head);
        send(head);
      }}
      renderReview={(summary) => (
        <LazyDiffViewer
          repoId={repoId}
          sha={summary.headSha}
          baseSha={summary.baseSha}
          heading={labels.theirChanges(branch)}
          labels={labels}
        />
      )}
      heading={props.heading}
      className={props.className}
      labels={props.labels}
    >
      {editor.editorProps && <TextEditor key={editor.editorKey} {...editor.editorProps} />}
    </CommitComposerView>
  );
}
