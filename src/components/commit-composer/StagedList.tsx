/**
 * The staged changes: a virtualized list (10,000 dropped files mount a screenful of rows), each
 * row saying what the change does to the branch (new, replaces, edited, deleted), its size, its
 * upload progress while sending, and the actions on it: edit, rename (the new path checked with
 * the core's path rules as it is typed), unstage.
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import type { NotKeptReason } from '../../core/browser.js';
import { type CommitProgress, pathProblem, type StagedChange } from '../../core/browser.js';
import { BidiText } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { formatBytes } from '../shared/format.js';
import { useLocale } from '../shared/labels.js';
import type { CommitComposerLabels } from './labels.js';
import { EDITABLE_MAX_BYTES, stagedBytes, stagedKind } from './staging.js';

const ROW_HEIGHT = 36;

export interface StagedListProps {
  staged: readonly StagedChange[];
  /** Whether a path is on the branch (undefined while unknown). */
  exists: (path: string) => boolean | undefined;
  /** While sending: per-file bytes. */
  progress?: CommitProgress | undefined;
  /** Sending: the list cannot change. */
  busy?: boolean;
  onUnstage: (path: string) => void;
  /** Throws (a ValidationError) to refuse; its message is shown. */
  onRename: (from: string, to: string) => void;
  onEdit?: (path: string) => void;
  /** Files not kept across reloads, and why. */
  notKept?: ReadonlyMap<string, NotKeptReason>;
  labels: CommitComposerLabels;
  initialRect?: { width: number; height: number };
}

function canEdit(change: StagedChange): boolean {
  if (change.kind === 'delete') return false;
  const bytes = stagedBytes(change);
  return bytes !== undefined && bytes <= EDITABLE_MAX_BYTES;
}

export function StagedList(props: StagedListProps): ReactElement {
  const { staged, labels } = props;
  const locale = useLocale();
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);
  const [renameError, setRenameError] = useState<string | null>(null);
  const [refocus, setRefocus] = useState<number | null>(null);
  const virtualizer = useVirtualizer({
    count: staged.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: props.initialRect ?? { width: 600, height: ROW_HEIGHT * 8 },
  });

  // A row's buttons vanish with the row: focus goes to the row that took its place.
  useEffect(() => {
    if (refocus === null) return;
    setRefocus(null);
    const index = Math.min(refocus, staged.length - 1);
    const target =
      index >= 0
        ? scrollRef.current?.querySelector<HTMLElement>(
            `[data-index="${index}"] .gsk-staged__unstage`,
          )
        : null;
    (target ?? document.getElementById(`${id}-title`))?.focus();
  }, [refocus, staged.length, id]);

  const typedProblem = (() => {
    if (!renaming || renaming.to === renaming.from) return null;
    const problem = pathProblem(renaming.to);
    if (problem) return labels.invalidPath(problem);
    if (staged.some((c) => c.path === renaming.to)) return labels.alreadyStaged;
    return null;
  })();
  const shownProblem = typedProblem ?? renameError;
  const finishRename = () => {
    if (!renaming) return;
    if (typedProblem) return;
    try {
      props.onRename(renaming.from, renaming.to);
      const index = staged.findIndex((c) => c.path === renaming.from);
      setRenaming(null);
      setRenameError(null);
      requestAnimationFrame(() =>
        scrollRef.current
          ?.querySelector<HTMLElement>(`[data-index="${index}"] .gsk-staged__rename`)
          ?.focus(),
      );
    } catch (error) {
      setRenameError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="gsk-staged" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="gsk-staged__title" tabIndex={-1}>
        {labels.staged}
      </h3>
      {staged.length === 0 ? (
        <p className="gsk-message">{labels.nothingStaged}</p>
      ) : (
        <div ref={scrollRef} className="gsk-staged__scroll">
          <ul
            className="gsk-staged__list"
            aria-labelledby={`${id}-title`}
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const change = staged[item.index] as StagedChange;
              const kind = stagedKind(change, props.exists(change.path));
              const bytes = stagedBytes(change);
              const sent = props.progress?.files[change.path];
              const percent = sent?.totalBytes
                ? Math.floor((sent.bytesSent / sent.totalBytes) * 100)
                : sent && change.kind === 'file' && bytes === 0
                  ? 100
                  : undefined;
              const isRenaming = renaming?.from === change.path;
              return (
                <li
                  key={change.path}
                  data-index={item.index}
                  aria-setsize={staged.length}
                  aria-posinset={item.index + 1}
                  ref={virtualizer.measureElement}
                  className={cx('gsk-staged__row', `gsk-staged__row--${kind}`)}
                  // Measured: a narrow composer lays a row out on two lines (styles.css).
                  style={{ transform: `translateY(${item.start}px)`, minHeight: ROW_HEIGHT }}
                >
                  <span className={`gsk-staged__kind gsk-staged__kind--${kind}`}>
                    {labels.stagedKind(kind)}
                  </span>
                  {isRenaming ? (
                    <input
                      className={cx('gsk-input', 'gsk-staged__path-input')}
                      aria-label={labels.newPath(change.path)}
                      aria-invalid={shownProblem ? true : undefined}
                      aria-describedby={shownProblem ? `${id}-rename-error` : undefined}
                      // biome-ignore lint/a11y/noAutofocus: the input replaces the Rename button just pressed.
                      autoFocus
                      value={renaming.to}
                      spellCheck={false}
                      onChange={(e) => {
                        setRenaming({ from: change.path, to: e.target.value });
                        setRenameError(null);
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          finishRename();
                        } else if (e.key === 'Escape') {
                          e.preventDefault();
                          e.stopPropagation();
                          setRenaming(null);
                          setRenameError(null);
                        }
                      }}
                      onBlur={() => {
                        if (!typedProblem && !renameError) finishRename();
                      }}
                    />
                  ) : (
                    <span className="gsk-staged__path" title={change.path}>
                      <BidiText text={change.path} ltr />
                    </span>
                  )}
                  {props.notKept?.has(change.path) && (
                    <span
                      className="gsk-staged__not-kept"
                      title={labels.notKept(props.notKept.get(change.path) as NotKeptReason)}
                    >
                      {labels.notKept(props.notKept.get(change.path) as NotKeptReason)}
                    </span>
                  )}
                  {percent !== undefined && props.busy ? (
                    <span
                      className="gsk-progress gsk-staged__progress"
                      role="progressbar"
                      aria-label={labels.fileProgress(change.path)}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={percent}
                    >
                      <span className="gsk-progress__bar" style={{ width: `${percent}%` }} />
                    </span>
                  ) : (
                    <span className="gsk-staged__size">
                      {bytes !== undefined && change.kind === 'file'
                        ? formatBytes(bytes, locale)
                        : ''}
                    </span>
                  )}
                  <span className="gsk-staged__actions" hidden={props.busy && !!props.progress}>
                    {props.onEdit && canEdit(change) && (
                      <button
                        type="button"
                        className="gsk-button gsk-button--small"
                        aria-label={labels.editStaged(change.path)}
                        disabled={props.busy}
                        onClick={() => props.onEdit?.(change.path)}
                      >
                        {labels.edit}
                      </button>
                    )}
                    {change.kind === 'file' && !isRenaming && (
                      <button
                        type="button"
                        className="gsk-button gsk-button--small gsk-staged__rename"
                        aria-label={labels.renameStaged(change.path)}
                        disabled={props.busy}
                        onClick={() => {
                          setRenaming({ from: change.path, to: change.path });
                          setRenameError(null);
                        }}
                      >
                        {labels.rename}
                      </button>
                    )}
                    <button
                      type="button"
                      className="gsk-button gsk-button--small gsk-staged__unstage"
                      aria-label={labels.unstage(change.path)}
                      disabled={props.busy}
                      onClick={() => {
                        props.onUnstage(change.path);
                        setRefocus(item.index);
                      }}
                    >
                      {labels.unstageShort}
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {renaming && shownProblem && (
        <p id={`${id}-rename-error`} className="gsk-message gsk-message--error" role="alert">
          {shownProblem}
        </p>
      )}
    </section>
  );
}
