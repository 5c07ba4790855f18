/**
 * The presentational blame: a file's lines beside the commit that last changed each, grouped by
 * commit (title, author and date on a group's first line, a button that opens the commit), with
 * an age shade per line from the oldest commit to the newest. Virtualized: 50,000 lines keep a
 * few hundred elements in the page. Text only; highlighted like the file view when small enough.
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, useMemo, useRef } from 'react';
import type { BlameResult } from '../../core/browser.js';
import { Avatar } from '../shared/Avatar.js';
import { BidiText } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { formatExactTime } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { RelativeTime } from '../shared/RelativeTime.js';
import { CodeLine, splitLines, useHighlightedLines } from '../shared/use-highlighted-lines.js';
import { AGE_STEPS, groupBlame } from './blame-model.js';
import { blameLabels } from './labels.js';

export interface BlameLinesProps {
  blame: BlameResult;
  /** The file's text at `blame.commitSha`. */
  text: string;
  /** A commit was chosen (a group's title): open it. */
  onSelectCommit?: (sha: string) => void;
  /** Line height in pixels (default 20). */
  lineHeight?: number;
  locale?: string;
  /** "Now" for relative times (default: the time of rendering). */
  now?: Date;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function BlameLines(props: BlameLinesProps) {
  const labels = useFamilyLabels(blameLabels, props.labels);
  const locale = useLocale(props.locale);
  const lineHeight = props.lineHeight ?? 20;
  const { blame, text } = props;
  const lines = useMemo(() => splitLines(text), [text]);
  const { groups, groupOfLine } = useMemo(() => groupBlame(blame.lines), [blame.lines]);
  const tokens = useHighlightedLines(text, blame.path);
  const count = Math.min(lines.length, blame.lines.length);
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => lineHeight,
    overscan: 20,
    initialRect: { width: 1000, height: lineHeight * 30 },
  });
  const now = props.now ?? new Date();
  const gutter = `${String(count).length}ch`;
  return (
    <div className={cx('gsk-blame', props.className)}>
      {lines.length !== blame.lines.length && (
        <p className="gsk-blame__notice" role="note">
          {labels.blameTextMismatch}
        </p>
      )}
      <section
        ref={scrollRef}
        className="gsk-blame__scroll"
        aria-label={labels.blameLines(blame.path)}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
        tabIndex={0}
      >
        <div
          className="gsk-blame__lines"
          style={{ height: virtualizer.getTotalSize(), '--gsk-gutter': gutter } as CSSProperties}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const group = groups[groupOfLine[item.index] as number];
            if (!group) return null;
            const first = group.start === item.index;
            const when = group.line.authorTime;
            return (
              <div
                key={item.index}
                className={cx('gsk-blame__row', first && 'gsk-blame__row--first')}
                style={{ transform: `translateY(${item.start}px)`, height: lineHeight }}
              >
                <span className="gsk-blame__commit">
                  {first && (
                    <>
                      <Avatar name={group.line.authorName} email={group.line.authorEmail} />
                      <button
                        type="button"
                        className="gsk-blame__title"
                        aria-label={labels.openBlameCommit(
                          group.line.summary,
                          group.line.authorName,
                          formatExactTime(when, locale),
                        )}
                        title={`${group.line.summary}\n${group.line.authorName} · ${formatExactTime(when, locale)}`}
                        disabled={!props.onSelectCommit}
                        onClick={() => props.onSelectCommit?.(group.commitSha)}
                      >
                        <BidiText text={group.line.summary} />
                      </button>
                      <RelativeTime
                        className="gsk-blame__when"
                        date={when}
                        now={now}
                        locale={locale}
                      />
                    </>
                  )}
                </span>
                <span
                  className={`gsk-blame__age gsk-blame__age--${group.age}`}
                  style={ageShade(group.age)}
                  aria-hidden="true"
                />
                <span className="gsk-blame__number" aria-hidden="true">
                  {item.index + 1}
                </span>
                <CodeLine
                  className="gsk-blame__text"
                  text={lines[item.index] as string}
                  tokens={tokens?.[item.index]}
                />
              </div>
            );
          })}
        </div>
      </section>
    </div>
  );
}

/** The age scale, oldest to newest, for a legend. */
export function BlameLegend(props: { older: string; newer: string }) {
  return (
    <span className="gsk-blame__legend">
      {props.older}
      {Array.from({ length: AGE_STEPS }, (_, age) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: the fixed steps of a scale.
          key={age}
          className={`gsk-blame__age gsk-blame__age--${age}`}
          style={ageShade(age)}
          aria-hidden="true"
        />
      ))}
      {props.newer}
    </span>
  );
}

/** The shade of an age step, as the stylesheet's `--gsk-age-mix` (10 % for 0 … 100 % for 9). */
function ageShade(age: number): CSSProperties {
  return { '--gsk-age-mix': `${(age + 1) * 10}%` } as CSSProperties;
}
