/**
 * The presentational history: a virtualized list of commits (title, author, relative time with
 * the exact time on hover and focus, short SHA with a copy button) that asks for more as its end
 * scrolls into view. Each commit is a list item holding two buttons — select, copy — so no
 * interactive element sits inside another.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { BidiText } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { commitTitle, formatExactTime, formatRelativeTime, shortSha } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { Skeleton } from '../shared/Skeleton.js';
import { commitHistoryLabels } from './labels.js';

export interface CommitListItem {
  sha: string;
  message: string;
  authorName: string;
  date: Date;
}

export interface CommitListProps {
  commits: readonly CommitListItem[];
  selectedSha?: string | null;
  onSelectCommit?: (sha: string) => void;
  loading?: boolean;
  error?: Error | null;
  onRetry?: () => void;
  /** More commits exist; `onLoadMore` is called when the end of the list shows. */
  hasMore?: boolean;
  onLoadMore?: () => void;
  /** The heading above the list (default "History"). */
  heading?: string;
  /** Item height in pixels (default 56). */
  itemHeight?: number;
  /** BCP 47 locale for times (default: the user's). */
  locale?: string;
  /** "Now" for relative times (default: the time of rendering). */
  now?: Date;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function CommitList(props: CommitListProps) {
  const labels = useFamilyLabels(commitHistoryLabels, props.labels);
  const locale = useLocale(props.locale);
  const itemHeight = props.itemHeight ?? 56;
  const { commits, hasMore, loading, onLoadMore } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: commits.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => itemHeight,
    overscan: 6,
    initialRect: { width: 400, height: itemHeight * 10 },
  });
  const items = virtualizer.getVirtualItems();
  const nearEnd = (items.at(-1)?.index ?? -1) >= commits.length - 5;
  const wantMore = !!hasMore && !loading && !props.error && nearEnd;
  useEffect(() => {
    if (wantMore) onLoadMore?.();
  }, [wantMore, onLoadMore]);

  const [copied, setCopied] = useState<string | null>(null);
  const copy = (sha: string) => {
    void navigator.clipboard?.writeText(sha).then(
      () => setCopied(sha),
      () => setCopied(null),
    );
  };
  const now = props.now ?? new Date();

  let status: ReactNode = null;
  if (props.error) {
    status = (
      <ErrorMessage onRetry={props.onRetry} retryLabel={labels.retry}>
        {labels.commitsError(props.error.message)}
      </ErrorMessage>
    );
  } else if (loading && commits.length === 0) {
    status = <Skeleton label={labels.commitsLoading} rows={6} twoLine />;
  } else if (commits.length === 0) {
    status = <p className="gsk-message">{labels.noCommits}</p>;
  }

  const heading = props.heading ?? labels.history;
  return (
    <section className={cx('gsk-commit-list', props.className)} aria-label={heading}>
      <h2 className="gsk-commit-list__heading">{heading}</h2>
      {commits.length > 0 && (
        <div ref={scrollRef} className="gsk-commit-list__scroll">
          <ul className="gsk-commit-list__items" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const commit = commits[item.index] as CommitListItem;
              const short = shortSha(commit.sha);
              const selected = commit.sha === props.selectedSha;
              return (
                <li
                  key={commit.sha}
                  className={cx(
                    'gsk-commit-list__item',
                    selected && 'gsk-commit-list__item--selected',
                  )}
                  aria-setsize={hasMore ? -1 : commits.length}
                  aria-posinset={item.index + 1}
                  style={{ transform: `translateY(${item.start}px)`, height: itemHeight }}
                >
                  <button
                    type="button"
                    className="gsk-commit-list__select"
                    aria-current={selected ? 'true' : undefined}
                    onClick={() => props.onSelectCommit?.(commit.sha)}
                  >
                    <BidiText
                      className="gsk-commit-list__title"
                      text={commitTitle(commit.message)}
                    />
                    <span className="gsk-commit-list__byline">
                      <BidiText text={commit.authorName} /> ·{' '}
                      <time
                        dateTime={commit.date.toISOString()}
                        title={formatExactTime(commit.date, locale)}
                        suppressHydrationWarning
                      >
                        {formatRelativeTime(commit.date, now, locale)}
                      </time>
                      <span className="gsk-visually-hidden">
                        {' '}
                        ({formatExactTime(commit.date, locale)})
                      </span>
                    </span>
                  </button>
                  <button
                    type="button"
                    className="gsk-commit-list__copy"
                    aria-label={copied === commit.sha ? labels.copied : labels.copySha(short)}
                    title={commit.sha}
                    onClick={() => copy(commit.sha)}
                  >
                    {short}
                  </button>
                </li>
              );
            })}
          </ul>
          {loading && (
            <p className="gsk-message" role="status">
              {labels.commitsLoading}
            </p>
          )}
        </div>
      )}
      {status}
    </section>
  );
}
