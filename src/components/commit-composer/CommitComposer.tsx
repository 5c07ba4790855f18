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
import { type ReactElement, useEffect, useId, useMemo, useRef, useState } from 'react';
import { type CommitResult, type CommitSignature, pathProblem } from '../../core/browser.js';
import { type CommitBuilderState, useCommitBuilder } from '../../react/index.js';
import { DiffViewer } from '../diff-viewer/DiffViewer.js';
import { cx } from '../shared/cx.js';
import { commitTitle, formatBytes, formatNumber, shortSha } from '../shared/format.js';
import { type GitStorageLabels, useLabels } from '../shared/labels.js';
import { BranchMovedNotice } from './BranchMovedNotice.js';
import { describeCommitError } from './commit-errors.js';
import { DropZone } from './DropZone.js';
import { useMovedBranch } from './moved-branch.js';
import { StagedList } from './StagedList.js';
import {
  type PickedFile,
  planDrop,
  type SkippedFile,
  type StagedKind,
  summarize,
  TransferMeter,
  targetPath,
} from './staging.js';
import { TextEditor } from './TextEditor.js';
import { UploadProgress } from './UploadProgress.js';
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

const KINDS: StagedKind[] = ['add', 'replace', 'edit', 'delete'];

export function CommitComposer(props: CommitComposerProps): ReactElement {
  const labels = useLabels(props.labels);
  const { repoId, branch } = props;
  const id = useId();
  const own = useCommitBuilder(repoId, { branch, author: props.author });
  const builder = props.builder ?? own;
  const { staged } = builder;
  const exists = useExistingPaths(repoId, branch, staged);
  const [skipped, setSkipped] = useState<SkippedFile[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [sentTitle, setSentTitle] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const [existingPath, setExistingPath] = useState<string | null>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const meter = useRef(new TransferMeter());

  // The author given now is the one the commit carries.
  const { setAuthor } = builder;
  const { name, email } = props.author;
  useEffect(() => setAuthor({ name, email }), [setAuthor, name, email]);

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
  const summary = useMemo(() => summarize(staged, exists), [staged, exists]);

  const { progress, isPending } = builder;
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

  const busy = isPending || props.readOnly === true;
  const addFiles = (files: PickedFile[]) => {
    const plan = planDrop(files, props.basePath);
    setSkipped(plan.skipped);
    setNotice(null);
    if (plan.files.length > 0) builder.addFiles(plan.files);
  };

  const send = (expectedHeadSha: string | undefined) => {
    if (staged.length === 0) {
      setNotice(labels.needChanges);
      return;
    }
    if (!builder.message.trim()) {
      setNotice(labels.needMessage);
      messageRef.current?.focus();
      return;
    }
    setNotice(null);
    setReviewing(false);
    setSentTitle(commitTitle(builder.message));
    meter.current = new TransferMeter();
    builder.commit(expectedHeadSha ? { expectedHeadSha } : {}).then(
      (result) => props.onCommitted?.(result),
      () => {
        // Shown from the draft's state (builder.error).
      },
    );
  };
  const commitOnTop = () => {
    const head = moved.data?.headSha;
    if (!head) return;
    builder.setBaseHeadSha(head);
    send(head);
  };

  const existingProblem = (() => {
    if (existingPath === null || existingPath === '') return null;
    const problem = pathProblem(existingPath);
    if (problem) return labels.invalidPath(problem);
    if (exists(existingPath) === false) return labels.notOnBranch(existingPath, branch);
    return null;
  })();

  const parts = KINDS.filter((k) => summary[k] > 0)
    .map((k) => labels.stagedKindCount(k, formatNumber(summary[k])))
    .join(', ');

  return (
    <section className={cx('gsk-commit-composer', props.className)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="gsk-commit-composer__title">
        {props.heading ?? labels.composerFor(branch)}
      </h2>
      <DropZone
        {...(props.basePath !== undefined ? { basePath: props.basePath } : {})}
        onFiles={addFiles}
        onPasteText={(text) => editor.openNew(targetPath(props.basePath, ''), text)}
        disabled={busy}
        labels={labels}
      >
        <button
          type="button"
          className="gsk-button"
          disabled={busy}
          onClick={() => editor.openNew(targetPath(props.basePath, ''))}
        >
          {labels.newTextFile}
        </button>
        <button
          type="button"
          className="gsk-button"
          disabled={busy}
          aria-expanded={existingPath !== null}
          aria-controls={`${id}-existing`}
          onClick={() =>
            setExistingPath((now) => (now === null ? targetPath(props.basePath, '') : null))
          }
        >
          {labels.existingFile}
        </button>
      </DropZone>
      {existingPath !== null && (
        <form
          id={`${id}-existing`}
          className="gsk-commit-composer__existing"
          onSubmit={(event) => {
            event.preventDefault();
            if (existingProblem || !existingPath) return;
            builder.deletePath(existingPath);
            setExistingPath(null);
          }}
        >
          <label htmlFor={`${id}-existing-path`}>{labels.existingFilePath(branch)}</label>
          <input
            id={`${id}-existing-path`}
            className="gsk-input"
            value={existingPath}
            spellCheck={false}
            // biome-ignore lint/a11y/noAutofocus: the field opens on the user's own press.
            autoFocus
            aria-invalid={existingProblem ? true : undefined}
            aria-describedby={existingProblem ? `${id}-existing-problem` : undefined}
            onChange={(e) => setExistingPath(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setExistingPath(null);
            }}
          />
          <button
            type="button"
            className="gsk-button"
            disabled={!existingPath || existingProblem !== null}
            onClick={() => {
              if (existingPath) editor.open(existingPath);
            }}
          >
            {labels.edit}
          </button>
          <button
            type="submit"
            className="gsk-button gsk-button--danger"
            disabled={!existingPath || existingProblem !== null}
          >
            {labels.stageDeletion}
          </button>
          {existingProblem && (
            <p id={`${id}-existing-problem`} className="gsk-message gsk-message--error">
              {existingProblem}
            </p>
          )}
        </form>
      )}
      {skipped.length > 0 && (
        <div className="gsk-commit-composer__skipped" role="status">
          <p>
            {labels.skippedFiles(skipped.length)}{' '}
            <button
              type="button"
              className="gsk-button gsk-button--small"
              onClick={() => setSkipped([])}
            >
              {labels.dismiss}
            </button>
          </p>
          <ul>
            {skipped.slice(0, 50).map((s) => (
              <li key={s.path}>
                <span className="gsk-mono">{s.path}</span> — {s.reason}
              </li>
            ))}
            {skipped.length > 50 && <li>…</li>}
          </ul>
        </div>
      )}
      <StagedList
        staged={staged}
        exists={exists}
        progress={builder.progress}
        busy={busy}
        onUnstage={builder.unstage}
        onRename={builder.renameStaged}
        onEdit={editor.open}
        labels={labels}
      />
      {staged.length > 0 && (
        <p className="gsk-commit-composer__summary">
          {labels.stagedSummary(formatNumber(summary.files), parts, formatBytes(summary.bytes))}{' '}
          <button
            type="button"
            className="gsk-button gsk-button--small"
            disabled={busy}
            onClick={() => {
              builder.reset();
              setSkipped([]);
            }}
          >
            {labels.unstageAll}
          </button>
        </p>
      )}
      <div className="gsk-commit-composer__form">
        <label htmlFor={`${id}-message`} className="gsk-commit-composer__label">
          {labels.commitMessage}
        </label>
        <textarea
          ref={messageRef}
          id={`${id}-message`}
          className="gsk-input gsk-commit-composer__message"
          placeholder={labels.commitMessagePlaceholder}
          value={builder.message}
          disabled={busy}
          rows={3}
          onChange={(e) => builder.setMessage(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              send(props.guardHead === false ? undefined : builder.baseHeadSha);
            }
          }}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        />
        <p className="gsk-commit-composer__author">
          {labels.author(props.author.name, props.author.email)}
        </p>
        <div className="gsk-commit-composer__status" role="status" aria-live="polite">
          {notice && <p className="gsk-message gsk-message--error">{notice}</p>}
          {builder.status === 'success' && builder.result && (
            <p className="gsk-message gsk-message--success">
              {labels.committed(shortSha(builder.result.commitSha), sentTitle)}
            </p>
          )}
          {failure?.kind === 'cancelled' && <p className="gsk-message">{failure.message}</p>}
        </div>
        {failure?.kind === 'error' && (
          <p className="gsk-message gsk-message--error" role="alert">
            {failure.message}
          </p>
        )}
        {failure?.kind === 'moved' && (
          <BranchMovedNotice
            branch={branch}
            moved={moved.data}
            error={moved.error ? labels.commitFailed(moved.error.message) : undefined}
            reviewing={reviewing}
            onCommitOnTop={commitOnTop}
            onToggleReview={() => setReviewing((r) => !r)}
            labels={labels}
          />
        )}
        {failure?.kind === 'moved' && reviewing && moved.data && (
          <div className="gsk-commit-composer__review">
            <DiffViewer
              repoId={repoId}
              sha={moved.data.headSha}
              baseSha={moved.data.baseSha}
              heading={labels.theirChanges(branch)}
              labels={labels}
            />
          </div>
        )}
        {isPending ? (
          <UploadProgress
            progress={builder.progress}
            rate={transfer.rate}
            secondsLeft={transfer.secondsLeft}
            onCancel={builder.abort}
            labels={labels}
          />
        ) : (
          <div className="gsk-commit-composer__actions">
            <button
              type="button"
              className="gsk-button gsk-button--primary"
              disabled={props.readOnly}
              onClick={() => send(props.guardHead === false ? undefined : builder.baseHeadSha)}
            >
              {labels.commit}
            </button>
          </div>
        )}
      </div>
      {editor.editorProps && <TextEditor key={editor.editorKey} {...editor.editorProps} />}
    </section>
  );
}
