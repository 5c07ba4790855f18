/**
 * One review conversation between diff rows: its comments (author, time, "edited", the body as
 * plain text: a comment is data, never markup), reply, resolve or reopen, and edit or delete on
 * the reader's own comments (deleting asks first). Also `CommentForm`, the box every comment is
 * written in: Ctrl/⌘+Enter sends, Escape cancels.
 */
import { type ReactElement, type Ref, useEffect, useId, useRef, useState } from 'react';
import type { ReviewThreadState } from '../../core/review/index.js';
import type { CommitSignature } from '../../core/types.js';
import { Avatar } from '../shared/Avatar.js';
import { BidiText, revealBidi } from '../shared/bidi.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { cx } from '../shared/cx.js';
import { formatNumber } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { RelativeTime } from '../shared/RelativeTime.js';
import { reviewLabels } from './labels.js';

export interface ReviewThreadActions {
  reply: (threadId: string, body: string) => Promise<unknown>;
  resolve: (threadId: string, resolved: boolean) => Promise<unknown>;
  edit: (commentId: string, body: string) => Promise<unknown>;
  remove: (commentId: string) => Promise<unknown>;
  /** Whether a comment is the reader's (edit and delete are offered on those). */
  isOwn: (comment: { author: CommitSignature }) => boolean;
  /** False: the reader cannot write (not signed in). */
  canWrite: boolean;
}

export interface ReviewThreadViewProps {
  thread: ReviewThreadState;
  actions: ReviewThreadActions;
  /** Focus the conversation when it mounts (it was just opened). */
  autoFocus?: boolean;
  now?: Date;
  locale?: string;
  labels?: Partial<GitStorageLabels>;
}

export function ReviewThreadView(props: ReviewThreadViewProps): ReactElement {
  const labels = useFamilyLabels(reviewLabels, props.labels);
  const locale = useLocale(props.locale);
  const { thread, actions } = props;
  const [replying, setReplying] = useState(false);
  // What was typed in the reply box, kept when it closes (Escape, Cancel) until it is sent.
  const [replyDraft, setReplyDraft] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLElement>(null);
  const replyButton = useRef<HTMLButtonElement>(null);
  const n = (v: number) => formatNumber(v, locale);
  const lines = labels.lineRange(n(thread.start), n(thread.end), thread.side);
  useEffect(() => {
    if (props.autoFocus) root.current?.focus();
  }, [props.autoFocus]);

  const run = async (work: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      after?.();
      return true;
    } catch (e) {
      setError(labels.commentFailed(e instanceof Error ? e.message : String(e)));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const first = thread.comments[0];
  return (
    <article
      ref={root}
      className={cx(
        'gsk-thread',
        thread.resolved && 'gsk-thread--resolved',
        thread.outdated && 'gsk-thread--outdated',
      )}
      aria-label={labels.threadLabel(thread.path, lines)}
      tabIndex={-1}
    >
      {(thread.outdated || thread.resolved) && (
        <p className="gsk-thread__flags">
          {thread.outdated && (
            <span className="gsk-thread__flag" title={labels.outdatedNote}>
              {labels.outdated}
            </span>
          )}
          {thread.resolved && thread.resolvedBy && (
            <span className="gsk-thread__flag gsk-thread__flag--resolved">
              {labels.resolvedBy(revealBidi(thread.resolvedBy.name))}
            </span>
          )}
        </p>
      )}
      <ol className="gsk-thread__comments">
        {thread.comments.map((comment) => (
          <li key={comment.id} className="gsk-comment">
            {comment.deleted ? (
              <p className="gsk-comment__deleted">{labels.deletedComment}</p>
            ) : (
              <>
                <header className="gsk-comment__header">
                  <Avatar name={comment.author.name} email={comment.author.email} />
                  <BidiText className="gsk-comment__author" text={comment.author.name} />
                  <RelativeTime
                    date={new Date(comment.createdAt)}
                    now={props.now}
                    locale={locale}
                    className="gsk-comment__time"
                  />
                  {comment.editedAt && <span className="gsk-comment__edited">{labels.edited}</span>}
                  {actions.canWrite && actions.isOwn(comment) && editing !== comment.id && (
                    <span className="gsk-comment__actions">
                      <button
                        type="button"
                        className="gsk-link-button"
                        disabled={busy}
                        onClick={() => setEditing(comment.id)}
                      >
                        {labels.editComment}
                      </button>
                      <button
                        type="button"
                        className="gsk-link-button"
                        disabled={busy}
                        onClick={() => setDeleting(comment.id)}
                      >
                        {labels.deleteComment}
                      </button>
                    </span>
                  )}
                </header>
                {editing === comment.id ? (
                  <CommentForm
                    label={labels.editCommentOf(comment.author.name)}
                    submitLabel={labels.saveComment}
                    initial={comment.body}
                    busy={busy}
                    labels={props.labels}
                    autoFocus
                    onCancel={() => setEditing(null)}
                    onSubmit={(body) =>
                      run(
                        () => actions.edit(comment.id, body),
                        () => setEditing(null),
                      )
                    }
                  />
                ) : (
                  // Bidirectional controls are shown as marks, not obeyed (Trojan Source).
                  <p className="gsk-comment__body">{revealBidi(comment.body)}</p>
                )}
              </>
            )}
          </li>
        ))}
      </ol>
      {error && (
        <p className="gsk-thread__error" role="alert">
          {error}
        </p>
      )}
      {actions.canWrite && (
        <div className="gsk-thread__footer">
          {replying ? (
            <CommentForm
              label={labels.replyTo(first?.deleted ? '' : (first?.author.name ?? ''))}
              submitLabel={labels.reply}
              initial={replyDraft}
              onDraftChange={setReplyDraft}
              busy={busy}
              labels={props.labels}
              autoFocus
              onCancel={() => {
                setReplying(false);
                requestAnimationFrame(() => replyButton.current?.focus());
              }}
              onSubmit={(body) =>
                run(
                  () => actions.reply(thread.id, body),
                  () => {
                    setReplying(false);
                    requestAnimationFrame(() => replyButton.current?.focus());
                  },
                )
              }
            />
          ) : (
            <button
              ref={replyButton}
              type="button"
              className="gsk-button"
              disabled={busy}
              onClick={() => setReplying(true)}
            >
              {labels.reply}
            </button>
          )}
          <button
            type="button"
            className="gsk-button"
            disabled={busy}
            onClick={() => void run(() => actions.resolve(thread.id, !thread.resolved))}
          >
            {thread.resolved ? labels.reopenThread : labels.resolveThread}
          </button>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title={labels.deleteCommentTitle}
          confirmLabel={labels.deleteComment}
          cancelLabel={labels.cancel}
          danger
          busy={busy}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting;
            void run(
              () => actions.remove(id),
              () => setDeleting(null),
            ).then((ok) => {
              if (ok) root.current?.focus();
            });
          }}
        >
          {labels.deleteCommentBody}
        </ConfirmDialog>
      )}
    </article>
  );
}

export interface CommentFormProps {
  /** The box's visible label ("Comment on line 3 of src/app.ts"). */
  label: string;
  submitLabel: string;
  initial?: string;
  busy?: boolean;
  autoFocus?: boolean;
  /** Resolves true when the comment was saved (the box then clears). */
  onSubmit: (body: string) => Promise<boolean> | undefined;
  /**
   * Told of every edit: keep the text to give back as `initial`, so a box closed by Escape or
   * Cancel (or unmounted) opens again with what was typed.
   */
  onDraftChange?: (body: string) => void;
  onCancel: () => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
  labels?: Partial<GitStorageLabels> | undefined;
}

export function CommentForm(props: CommentFormProps): ReactElement {
  const labels = useFamilyLabels(reviewLabels, props.labels);
  const [body, setBody] = useState(props.initial ?? '');
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (props.autoFocus) area.current?.focus();
  }, [props.autoFocus]);
  const submit = async () => {
    if (!body.trim() || props.busy) return;
    if (await props.onSubmit(body)) {
      setBody('');
      props.onDraftChange?.('');
    }
  };
  return (
    <form
      className="gsk-comment-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id} className="gsk-comment-form__label">
        {props.label}
      </label>
      <textarea
        id={id}
        ref={(node) => {
          area.current = node;
          if (typeof props.textareaRef === 'function') props.textareaRef(node);
          else if (props.textareaRef) props.textareaRef.current = node;
        }}
        className="gsk-input gsk-comment-form__input"
        rows={3}
        value={body}
        placeholder={labels.commentPlaceholder}
        onChange={(e) => {
          setBody(e.target.value);
          props.onDraftChange?.(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            props.onCancel();
          }
        }}
      />
      <div className="gsk-comment-form__actions">
        <button type="button" className="gsk-button" onClick={props.onCancel}>
          {labels.cancel}
        </button>
        <button
          type="submit"
          className="gsk-button gsk-button--primary"
          disabled={props.busy || !body.trim()}
        >
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
