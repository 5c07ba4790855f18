/**
 * The list of changed files beside a diff: a filter box and a listbox (WAI-ARIA listbox with
 * `aria-activedescendant`, virtualized for thousands of files). Arrow keys, Home and End move;
 * Enter, Space or a click jumps to the file. Each option says its state, path, line counts and
 * whether it was marked viewed, in words as well as signs.
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactElement, useEffect, useId, useRef, useState } from 'react';
import { BidiText } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { formatNumber } from '../shared/format.js';
import { useLocale } from '../shared/labels.js';
import { keepRowMounted, rowDomId } from '../shared/virtual-rows.js';
import type { DiffEntry } from './diff-model.js';
import type { DiffViewerLabels } from './labels.js';

const OPTION_HEIGHT = 32;

export interface DiffFileListProps {
  entries: readonly DiffEntry[];
  /** Indexes into `entries` of the files that pass the filter. */
  shown: readonly number[];
  filter: string;
  onFilterChange: (filter: string) => void;
  viewed: (index: number) => boolean;
  /** The file in view (highlighted). */
  current: number | null;
  onJump: (index: number) => void;
  labels: DiffViewerLabels;
  /** A short word on a file, shown after its counts (a review's "3 comments"). */
  fileBadge?: ((entry: DiffEntry) => string | undefined) | undefined;
  initialRect?: { width: number; height: number };
}

const STATE_LETTER: Record<string, string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  renamed: 'R',
  copied: 'C',
  type_changed: 'T',
  unmerged: 'U',
  unknown: '?',
};

export function DiffFileList(props: DiffFileListProps): ReactElement {
  const { entries, shown, labels } = props;
  const locale = useLocale();
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => OPTION_HEIGHT,
    overscan: 8,
    initialRect: props.initialRect ?? { width: 280, height: OPTION_HEIGHT * 12 },
    rangeExtractor: keepRowMounted(activeIndex),
  });
  // Follow the file in view, so the list shows where the reader is.
  const { current } = props;
  useEffect(() => {
    if (current === null) return;
    const at = shown.indexOf(current);
    if (at >= 0) setActive(at);
  }, [current, shown]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / OPTION_HEIGHT));
    const target = (): number | null => {
      switch (event.key) {
        case 'ArrowDown':
          return activeIndex + 1;
        case 'ArrowUp':
          return activeIndex - 1;
        case 'Home':
          return 0;
        case 'End':
          return shown.length - 1;
        case 'PageDown':
          return activeIndex + page;
        case 'PageUp':
          return activeIndex - page;
        default:
          return null;
      }
    };
    const to = target();
    const jump = event.key === 'Enter' || event.key === ' ';
    if (to === null && !jump) return;
    event.preventDefault();
    event.stopPropagation();
    if (to !== null) move(to);
    else if (shown[activeIndex] !== undefined) props.onJump(shown[activeIndex] as number);
  };
  const optionId = (i: number) =>
    rowDomId(`${id}-file`, (entries[shown[i] as number] as DiffEntry | undefined)?.path ?? '');

  return (
    <nav className="gsk-diff-files" aria-label={labels.changedFiles}>
      <input
        type="search"
        className="gsk-input gsk-diff-files__filter"
        placeholder={labels.filterFilesPlaceholder}
        aria-label={labels.filterChangedFiles}
        aria-controls={`${id}-list`}
        value={props.filter}
        onChange={(e) => props.onFilterChange(e.target.value)}
      />
      {shown.length === 0 ? (
        <p className="gsk-message">{labels.filterNoMatch}</p>
      ) : (
        <div
          ref={scrollRef}
          id={`${id}-list`}
          className="gsk-diff-files__list"
          role="listbox"
          tabIndex={0}
          aria-label={labels.changedFiles}
          aria-activedescendant={optionId(activeIndex)}
          onKeyDown={onKeyDown}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const index = shown[item.index] as number;
              const entry = entries[index] as DiffEntry;
              const viewed = props.viewed(index);
              const badge = props.fileBadge?.(entry);
              const slash = entry.path.lastIndexOf('/');
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox's onKeyDown handles the keys.
                // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the listbox, options are reached through aria-activedescendant.
                <div
                  key={entry.path}
                  id={optionId(item.index)}
                  role="option"
                  aria-selected={item.index === activeIndex}
                  aria-setsize={shown.length}
                  aria-posinset={item.index + 1}
                  className={cx(
                    'gsk-diff-files__option',
                    item.index === activeIndex && 'gsk-diff-files__option--active',
                    index === props.current && 'gsk-diff-files__option--current',
                    viewed && 'gsk-diff-files__option--viewed',
                  )}
                  style={{ transform: `translateY(${item.start}px)`, height: OPTION_HEIGHT }}
                  title={entry.path}
                  onClick={() => {
                    setActive(item.index);
                    props.onJump(index);
                  }}
                >
                  <span
                    className={`gsk-diff-letter gsk-diff-letter--${entry.state}`}
                    aria-hidden="true"
                  >
                    {STATE_LETTER[entry.state] ?? '?'}
                  </span>
                  <span className="gsk-diff-files__name">
                    <BidiText
                      className="gsk-diff-files__base"
                      text={entry.path.slice(slash + 1)}
                      ltr
                    />
                    {slash > 0 && (
                      <BidiText
                        className="gsk-diff-files__dir"
                        text={entry.path.slice(0, slash)}
                        ltr
                      />
                    )}
                  </span>
                  <span className="gsk-visually-hidden">
                    , {labels.diffState(entry.state)}
                    {entry.filtered
                      ? `, ${labels.notShown}`
                      : `, ${labels.lineCounts(entry.additions ?? 0, entry.deletions ?? 0)}`}
                    {viewed ? `, ${labels.viewed}` : ''}
                    {badge ? `, ${badge}` : ''}
                  </span>
                  {!entry.filtered && (
                    <span className="gsk-diff-files__counts" aria-hidden="true">
                      <span className="gsk-diff-count gsk-diff-count--added">
                        +{formatNumber(entry.additions ?? 0, locale)}
                      </span>
                      <span className="gsk-diff-count gsk-diff-count--removed">
                        −{formatNumber(entry.deletions ?? 0, locale)}
                      </span>
                    </span>
                  )}
                  {badge && (
                    <span className="gsk-diff-files__badge" aria-hidden="true">
                      {badge}
                    </span>
                  )}
                  {viewed && (
                    <span className="gsk-diff-files__viewed" aria-hidden="true">
                      ✓
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </nav>
  );
}
