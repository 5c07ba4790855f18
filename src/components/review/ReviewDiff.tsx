/**
 * A branch's diff against its base with review comments kept in git notes (`useReview`): line
 * numbers select lines (click; shift-click or Shift+Enter stretches), the selection gets a
 * comment box under its last line, conversations sit between the rows where they were left
 * (marked outdated when their lines changed since), and the changed-file list counts each
 * file's comments. Reviewers see each other's comments as the notes are read again (on focus,
 * and every `pollInterval`).
 *
 * ```tsx
 * <ReviewDiff repoId="team/app" branch="feature/x" base="main" author={me} />
 * ```
 */
import { type ReactElement, useMemo, useRef, useState } from 'react';
import type { ReviewThreadState } from '../../core/review/index.js';
import type { CommitSignature, GetBranchDiffResult } from '../../core/types.js';
import { useCommits, useDiff, useRepo, useReview } from '../../react/index.js';
import { commitsUntil } from '../compare/ahead-behind.js';
import type { DiffAnnotation, DiffLineRange } from '../diff-viewer/index.js';
import { LazyDiffViewer } from '../diff-viewer/LazyDiffViewer.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { formatNumber } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { reviewLabels } from './labels.js';
import { CommentForm, type ReviewThreadActions, ReviewThreadView } from './ReviewThreadView.js';

/** Commits of the branch whose notes are read for comments left on earlier heads. */
const REVIEW_COMMITS = 100;

export interface ReviewDiffProps {
  repoId: string;
  /** The branch under review. */
  branch: string;
  /** What it is compared with; the default branch when left out. */
  base?: string;
  /** Who comments; without it the comments are read-only. */
  author?: CommitSignature;
  /** The notes ref the review lives in (default `refs/notes/reviews`). */
  notesRef?: string;
  /** How often to read comments again while the page is visible (ms; default 15 s). */
  pollInterval?: number;
  /** "Now" for relative times (tests, stories). */
  now?: Date;
  locale?: string;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function ReviewDiff(props: ReviewDiffProps): ReactElement {
  const labels = useFamilyLabels(reviewLabels, props.labels);
  const locale = useLocale(props.locale);
  const n = (v: number) => formatNumber(v, locale);
  const repo = useRepo(props.repoId);
  const base = props.base || repo.data?.defaultBranch || '';
  const ready = base !== '' && props.branch !== '';
  const diff = useDiff(props.repoId, { branch: props.branch, base }, { enabled: ready });
  const mergeBase = (diff.data as GetBranchDiffResult | undefined)?.mergeBaseSha;
  const history = useCommits(
    props.repoId,
    { branch: props.branch, limit: REVIEW_COMMITS },
    { enabled: ready },
  );
  const commits = history.data?.pages[0]?.commits;
  const head = commits?.[0]?.sha ?? '';
  const earlier = useMemo(
    () =>
      commits && mergeBase
        ? commitsUntil(commits, mergeBase)
            .commits.slice(1)
            .map((c) => c.sha)
        : [],
    [commits, mergeBase],
  );
  const { snapshot, model } = useReview(props.repoId, {
    head,
    base: mergeBase,
    commits: earlier,
    ...(props.author ? { author: props.author } : {}),
    ...(props.notesRef ? { notesRef: props.notesRef } : {}),
    ...(props.pollInterval !== undefined ? { pollInterval: props.pollInterval } : {}),
  });
  const [selected, setSelected] = useState<DiffLineRange | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  // Comments being written, by the lines they are on: closing the box (Escape, Cancel, another
  // selection) keeps the text, and selecting those lines again brings it back.
  const drafts = useRef(new Map<string, string>());
  const canWrite = !!props.author && !!model;

  const actions = useMemo<ReviewThreadActions>(
    () => ({
      reply: (id, body) => (model ? model.reply(id, body) : Promise.reject()),
      resolve: (id, resolved) => (model ? model.resolve(id, resolved) : Promise.reject()),
      edit: (id, body) => (model ? model.edit(id, body) : Promise.reject()),
      remove: (id) => (model ? model.remove(id) : Promise.reject()),
      isOwn: (comment) => !!model?.isOwn(comment),
      canWrite,
    }),
    [model, canWrite],
  );

  const threads = snapshot.threads;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels and `n` follow locale and props.labels.
  const annotations = useMemo(() => {
    // Outdated conversations are listed above the diff, with the lines they were about: the
    // line they name may now hold other code.
    const current = threads.filter((t) => !t.outdated);
    const list: DiffAnnotation[] = current.map((thread: ReviewThreadState) => ({
      key: thread.id,
      path: thread.path,
      side: thread.side,
      line: thread.end,
      content: (
        <ReviewThreadView
          thread={thread}
          actions={actions}
          autoFocus={thread.id === opened}
          {...(props.now ? { now: props.now } : {})}
          {...(locale ? { locale } : {})}
          {...(props.labels ? { labels: props.labels } : {})}
        />
      ),
    }));
    if (selected && canWrite && model) {
      const where = labels.lineRange(n(selected.start), n(selected.end), selected.side);
      const draftKey = `${selected.path}\0${selected.side}\0${selected.start}-${selected.end}`;
      list.push({
        key: `draft:${draftKey}`,
        path: selected.path,
        side: selected.side,
        line: selected.end,
        content: (
          <CommentForm
            label={labels.commentOn(where, selected.path)}
            submitLabel={labels.addComment}
            labels={props.labels}
            initial={drafts.current.get(draftKey) ?? ''}
            onDraftChange={(body) => {
              if (body) drafts.current.set(draftKey, body);
              else drafts.current.delete(draftKey);
            }}
            autoFocus
            onCancel={() => setSelected(null)}
            onSubmit={async (body) => {
              const id = await model.startThread({ ...selected, body });
              setOpened(id);
              setSelected(null);
              return true;
            }}
          />
        ),
      });
    }
    return list;
  }, [threads, actions, opened, selected, canWrite, model, locale, props.labels, props.now]);

  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const t of threads) {
      const live = t.comments.filter((c) => !c.deleted).length;
      map.set(t.path, (map.get(t.path) ?? 0) + live);
    }
    return map;
  }, [threads]);

  const open = threads.filter((t) => !t.resolved).length;
  const outdatedThreads = threads.filter((t) => t.outdated);
  const outdated = outdatedThreads.length;
  return (
    <section className={cx('gsk-review', props.className)} aria-label={labels.reviewHeading}>
      <div className="gsk-review__bar">
        <p className="gsk-review__summary" role="status">
          {snapshot.status === 'loading' && head
            ? labels.reviewLoading
            : snapshot.status === 'ready'
              ? labels.reviewSummary(n(threads.length), n(open), n(outdated))
              : ''}
        </p>
        <p className="gsk-review__hint">
          {canWrite ? labels.selectLinesHint : labels.signInToComment}
        </p>
      </div>
      {snapshot.status === 'error' && (
        <ErrorMessage onRetry={() => void model?.refresh()} retryLabel={labels.retry}>
          {labels.reviewError(
            snapshot.error instanceof Error ? snapshot.error.message : String(snapshot.error),
          )}
        </ErrorMessage>
      )}
      {outdated > 0 && (
        <details className="gsk-review__outdated">
          <summary>{labels.outdatedHeading(n(outdated))}</summary>
          <ul className="gsk-review__outdated-list">
            {outdatedThreads.map((thread) => (
              <li key={thread.id}>
                <p className="gsk-review__outdated-where">
                  {labels.threadLabel(
                    thread.path,
                    labels.lineRange(n(thread.start), n(thread.end), thread.side),
                  )}
                </p>
                {thread.lines.length > 0 && (
                  <pre className="gsk-review__quote">{thread.lines.join('\n')}</pre>
                )}
                <ReviewThreadView
                  thread={thread}
                  actions={actions}
                  {...(props.now ? { now: props.now } : {})}
                  {...(locale ? { locale } : {})}
                  {...(props.labels ? { labels: props.labels } : {})}
                />
              </li>
            ))}
          </ul>
        </details>
      )}
      {ready && (
        <LazyDiffViewer
          repoId={props.repoId}
          branch={props.branch}
          base={base}
          annotations={annotations}
          selectedLines={selected}
          onSelectedLinesChange={canWrite ? setSelected : () => {}}
          fileBadge={(entry) => {
            const count = counts.get(entry.path);
            return count ? labels.commentsOnFile(n(count)) : undefined;
          }}
          {...(props.labels ? { labels: props.labels } : {})}
        />
      )}
    </section>
  );
}
