/**
 * The commit composer as data in, events out (no hooks that fetch): what is staged, the draft's
 * phase and progress, the failure and the moved-branch summary come in as props; drops are
 * sorted (junk and refused paths listed as skipped), a commit without changes or message is
 * stopped with a sentence, and everything else goes out through the `on…` callbacks.
 * `CommitComposer` is the connected part.
 */

import { type ReactElement, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { NotKeptReason } from '../../core/browser.js';
import {
  type CommitProgress,
  type CommitSignature,
  pathProblem,
  type StagedChange,
} from '../../core/browser.js';
import { cx } from '../shared/cx.js';
import { formatBytes, formatNumber, shortSha } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { useFocusRescue } from '../shared/use-focus-rescue.js';
import { BranchMovedNotice } from './BranchMovedNotice.js';
import type { CommitFailure } from './commit-errors.js';
import { DropZone } from './DropZone.js';
import { commitComposerLabels } from './labels.js';
import type { MovedBranch } from './moved-branch.js';
import { StagedList } from './StagedList.js';
import {
  type PickedFile,
  planDrop,
  type SkippedFile,
  type StagedKind,
  summarize,
  targetPath,
} from './staging.js';
import { UploadProgress } from './UploadProgress.js';

export interface CommitComposerViewProps {
  /**
   * The branch head the staged work is based on, once known: rendered as `data-base-head` on the
   * composer, so tests and tools can wait for it instead of for time.
   */
  baseHeadSha?: string | undefined;
  branch: string;
  author: CommitSignature;
  basePath?: string | undefined;
  staged: readonly StagedChange[];
  /** Whether a path is on the branch (undefined while unknown). */
  exists: (path: string) => boolean | undefined;
  message: string;
  onMessageChange: (message: string) => void;
  /** `uploading` / `committing` while sending. */
  phase: 'idle' | 'uploading' | 'committing' | 'done' | 'error';
  progress?: CommitProgress | undefined;
  /** Bytes per second and seconds left while uploading, when known. */
  rate?: number | undefined;
  secondsLeft?: number | undefined;
  failure?: CommitFailure | null;
  /** After a `moved` failure: the summary (undefined while it loads) and a failure to load it. */
  moved?: MovedBranch | undefined;
  movedError?: string | undefined;
  /** Asks for the moved-branch summary again after `movedError`. */
  onRetryMoved?: () => void;
  /** After success: the new commit and its title. */
  committed?: { sha: string; title: string } | undefined;
  readOnly?: boolean;
  /** The draft was restored from the browser's storage: how many changes, saved when. */
  restored?: { changes: number; savedAt: Date } | undefined;
  /** Staged files not kept across reloads, and why (the rest of the draft is). */
  notKept?: ReadonlyMap<string, NotKeptReason> | undefined;
  onStage: (files: { path: string; source: File }[]) => void;
  onUnstage: (path: string) => void;
  onUnstageAll: () => void;
  /** Throws (a ValidationError) to refuse; its message is shown. */
  onRename: (from: string, to: string) => void;
  /** Open a staged or existing file in an editor. */
  onEdit: (path: string) => void;
  /** Open an editor for a new file at `path` (the base folder) with `text` in it. */
  onNewFile: (path: string, text?: string) => void;
  onStageDeletion: (path: string) => void;
  /** Send: the staged changes and message are there (the view checked). */
  onCommit: () => void;
  onCancel: () => void;
  onCommitOnTop: () => void;
  /** Their changes, shown under the moved-branch notice on request (a `DiffViewer`). */
  renderReview?: (moved: MovedBranch) => ReactNode;
  heading?: string | undefined;
  className?: string | undefined;
  labels?: Partial<GitStorageLabels> | undefined;
  /** Rendered last, inside the composer (the connected part's editor dialog). */
  children?: ReactNode;
}

const KINDS: StagedKind[] = ['add', 'replace', 'edit', 'delete'];

export function CommitComposerView(props: CommitComposerViewProps): ReactElement {
  const labels = useFamilyLabels(commitComposerLabels, props.labels);
  const locale = useLocale();
  const { branch, staged, exists, progress, failure, moved } = props;
  const id = useId();
  const [skipped, setSkipped] = useState<SkippedFile[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [existingPath, setExistingPath] = useState<string | null>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const summary = summarize(staged, exists);
  const isPending = props.phase === 'uploading' || props.phase === 'committing';
  const busy = isPending || props.readOnly === true;

  const addFiles = (files: PickedFile[]) => {
    const plan = planDrop(files, props.basePath);
    setSkipped(plan.skipped);
    setNotice(null);
    if (plan.files.length > 0) props.onStage(plan.files);
  };
  const check = (): boolean => {
    if (staged.length === 0) {
      setNotice(labels.needChanges);
      return false;
    }
    if (!props.message.trim()) {
      setNotice(labels.needMessage);
      messageRef.current?.focus();
      return false;
    }
    setNotice(null);
    setReviewing(false);
    return true;
  };
  const send = () => {
    if (check()) props.onCommit();
  };

  const existingProblem = (() => {
    if (existingPath === null || existingPath === '') return null;
    const problem = pathProblem(existingPath);
    if (problem) return labels.invalidPath(problem);
    if (exists(existingPath) === false) return labels.notOnBranch(existingPath, branch);
    return null;
  })();

  const parts = KINDS.filter((k) => summary[k] > 0)
    .map((k) => labels.stagedKindCount(k, formatNumber(summary[k], locale)))
    .join(', ');

  // The Commit button gives way to the progress bar while sending (and Cancel to Commit after):
  // focus that would fall to the page goes to the composer's heading.
  const rootRef = useRef<HTMLElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useFocusRescue(rootRef, titleRef);
  // Their changes open below the notice: scrolled into view, so the reader sees them at once.
  const reviewRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (reviewing) reviewRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [reviewing]);

  return (
    <section
      className={cx('gsk-commit-composer', props.className)}
      aria-labelledby={`${id}-title`}
      data-base-head={props.baseHeadSha}
      ref={rootRef}
    >
      <h2 id={`${id}-title`} className="gsk-commit-composer__title" tabIndex={-1} ref={titleRef}>
        {props.heading ?? labels.composerFor(branch)}
      </h2>
      {props.restored && staged.length + (props.message ? 1 : 0) > 0 && !busy && (
        <p className="gsk-commit-composer__restored" role="status">
          {labels.restoredDraft(
            formatNumber(staged.length, locale),
            new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(props.restored.savedAt),
            staged.length,
          )}{' '}
          <button type="button" className="gsk-button" onClick={props.onUnstageAll}>
            {labels.discardDraft}
          </button>
        </p>
      )}
      <DropZone
        {...(props.basePath !== undefined ? { basePath: props.basePath } : {})}
        onFiles={addFiles}
        onPasteText={(text) => props.onNewFile(targetPath(props.basePath, ''), text)}
        disabled={busy}
        labels={labels}
      >
        <button
          type="button"
          className="gsk-button"
          disabled={busy}
          onClick={() => props.onNewFile(targetPath(props.basePath, ''))}
        >
          {labels.newTextFile}
        </button>
        <button
          type="button"
          className="gsk-button"
          disabled={busy}
          aria-expanded={existingPath !== null}
          aria-controls={existingPath !== null ? `${id}-existing` : undefined}
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
            // Enter in the path field means Edit, never the destructive choice.
            event.preventDefault();
            if (existingProblem || !existingPath) return;
            props.onEdit(existingPath);
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
            type="submit"
            className="gsk-button"
            disabled={!existingPath || existingProblem !== null}
          >
            {labels.edit}
          </button>
          <button
            type="button"
            className="gsk-button gsk-button--danger"
            disabled={!existingPath || existingProblem !== null}
            onClick={() => {
              if (!existingPath) return;
              props.onStageDeletion(existingPath);
              setExistingPath(null);
            }}
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
        progress={progress}
        busy={busy}
        onUnstage={props.onUnstage}
        onRename={props.onRename}
        onEdit={props.onEdit}
        {...(props.notKept ? { notKept: props.notKept } : {})}
        labels={labels}
      />
      {staged.length > 0 && (
        <p className="gsk-commit-composer__summary">
          {labels.stagedSummary(
            formatNumber(summary.files, locale),
            parts,
            formatBytes(summary.bytes, locale),
            summary.files,
          )}{' '}
          <button
            type="button"
            className="gsk-button gsk-button--small"
            disabled={busy}
            onClick={() => {
              props.onUnstageAll();
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
          value={props.message}
          disabled={busy}
          rows={3}
          onChange={(e) => props.onMessageChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              send();
            }
          }}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        />
        <p className="gsk-commit-composer__author">
          {labels.author(props.author.name, props.author.email)}
        </p>
        <div className="gsk-commit-composer__status" role="status" aria-live="polite">
          {notice && <p className="gsk-message gsk-message--error">{notice}</p>}
          {props.phase === 'done' && props.committed && (
            <p className="gsk-message gsk-message--success">
              {labels.committed(shortSha(props.committed.sha), props.committed.title)}
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
            moved={moved}
            error={props.movedError}
            onRetry={props.onRetryMoved}
            reviewing={reviewing}
            onCommitOnTop={() => {
              setReviewing(false);
              props.onCommitOnTop();
            }}
            onToggleReview={() => setReviewing((r) => !r)}
            labels={labels}
          />
        )}
        {failure?.kind === 'moved' && reviewing && moved && props.renderReview && (
          <div className="gsk-commit-composer__review" ref={reviewRef}>
            {props.renderReview(moved)}
          </div>
        )}
        {isPending ? (
          <UploadProgress
            progress={progress}
            rate={props.rate}
            secondsLeft={props.secondsLeft}
            onCancel={props.onCancel}
            labels={labels}
          />
        ) : failure?.kind === 'moved' ? null : (
          <div className="gsk-commit-composer__actions">
            <button
              type="button"
              className="gsk-button gsk-button--primary"
              disabled={props.readOnly}
              onClick={send}
            >
              {labels.commit}
            </button>
          </div>
        )}
      </div>
      {props.children}
    </section>
  );
}
