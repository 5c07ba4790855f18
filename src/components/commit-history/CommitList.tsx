/**
 * The presentational history: a virtualized list of commits (title, author, relative time with
 * the exact time on hover and focus, short SHA with a copy button) that asks for more as its end
 * scrolls into view. Each commit is a list item holding two buttons — select, copy — so no
 * interactive element sits inside another.
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Avatar } from '../shared/Avatar.js';
import { BidiText } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { commitTitle, dayKey, formatDay, formatExactTime, shortSha } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { RelativeTime } from '../shared/RelativeTime.js';
import { Skeleton } from '../shared/Skeleton.js';
import { commitHistoryLabels } from './labels.js';

export interface CommitListItem {
  sha: string;
  message: string;
  authorName: string;
  /** Picks the avatar's colour (the name does when left out). */
  authorEmail?: string;
  date: Date;
}

/**
 * Which commits start a day (newest day first), as code hosts group a history: the day's
 * heading is drawn in that commit's list item, above it, so the list holds only commits.
 */
function dayStarts(commits: readonly CommitListItem[]): boolean[] {
  let last = '';
  return commits.map((commit) => {
    const day = dayKey(commit.date);
    const starts = day !== last;
    last = day;
    return starts;
  });
}

const DAY_HEIGHT = 36;

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
  const startsDay = useMemo(() => dayStarts(commits), [commits]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: commits.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => itemHeight + (startsDay[i] ? DAY_HEIGHT : 0),
    getItemKey: (i) => (commits[i] as CommitListItem).sha,
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
              const day = startsDay[item.index];
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
                  style={{
                    transform: `translateY(${item.start}px)`,
                    height: itemHeight + (day ? DAY_HEIGHT : 0),
                  }}
                >
                  {day && (
                    <h3 className="gsk-commit-list__day" style={{ height: DAY_HEIGHT }}>
                      {labels.commitsOn(formatDay(commit.date, locale))}
                    </h3>
                  )}
                  <div className="gsk-commit-list__row" style={{ height: itemHeight }}>
                    <button
                      type="button"
                      className="gsk-commit-list__select"
                      aria-current={selected ? 'true' : undefined}
                      onClick={() => props.onSelectCommit?.(commit.sha)}
                    >
                      <Avatar
                        name={commit.authorName}
                        {...(commit.authorEmail ? { email: commit.authorEmail } : {})}
                      />
                      <span className="gsk-commit-list__text">
                        <BidiText
                          className="gsk-commit-list__title"
                          text={commitTitle(commit.message)}
                        />
                        <span className="gsk-commit-list__byline">
                          <BidiText text={commit.authorName} /> ·{' '}
                          <RelativeTime date={commit.date} now={now} locale={locale} />
                          <span className="gsk-visually-hidden">
                            {' '}
                            ({formatExactTime(commit.date, locale)})
                          </span>
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
                  </div>
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
