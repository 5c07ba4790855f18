/**
 * One file of a diff: a region named by its heading (state, path, +/− counts, "viewed"), then its
 * blocks — hunk headers, folds, notes and pieces — mounted by a virtualizer that shares the
 * diff's scroll element (`scrollMargin` is where this file's body starts in it), so a
 * 100,000-line file mounts only the pieces in view.
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import {
  lazy,
  type ReactElement,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useRef,
} from 'react';
import { BidiText, hasBidiControls } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { formatBytes, formatNumber } from '../shared/format.js';
import { useLocale } from '../shared/labels.js';
import { blockHeight, type DiffEntry, FILE_HEADER_HEIGHT } from './diff-model.js';
import type { DiffBlock, FileFact, LinesBlock } from './diff-plan.js';
import type { DiffViewerLabels } from './labels.js';
import { loadedPieceRenderer, loadPieceRenderer } from './load-piece.js';
import type { DiffLineRange, FoldState } from './use-diff-view.js';

export interface DiffFileProps {
  entry: DiffEntry;
  blocks: readonly DiffBlock[];
  facts: readonly FileFact[];
  split: boolean;
  collapsed: boolean;
  viewed: boolean;
  labels: DiffViewerLabels;
  /** Where this file starts in the scroll element's content. */
  start: number;
  scrollElement: () => HTMLElement | null;
  onToggleCollapsed: () => void;
  onToggleViewed: () => void;
  /** Expanding folds is offered when given. */
  onExpand?: (foldKey: string) => void;
  folds: ReadonlyMap<string, FoldState>;
  /** Content of an annotation block, by id. */
  annotation?: (id: string) => ReactNode;
  /** The selected lines when they are in this file. */
  selected?: DiffLineRange | null;
  /** Line numbers are buttons that select lines when given. */
  onSelectLine?:
    | ((path: string, side: 'old' | 'new', line: number, extend: boolean) => void)
    | null;
  /** Bumped to move focus: to the heading, or to a block (scrolled into view first). */
  focusTarget?: { block: number | 'heading'; seq: number } | undefined;
  language?: string | undefined;
  nonce?: string | undefined;
  /** First rows to lay out before the scroll element is measured (server rendering, tests). */
  initialRect?: { width: number; height: number };
  /** The body of a binary or left-out file (sizes, images side by side). */
  renderUnshown?: (entry: DiffEntry) => ReactNode;
}

function factText(fact: FileFact, labels: DiffViewerLabels): string {
  switch (fact.kind) {
    case 'renamed':
      return labels.renamedFrom(fact.from, fact.similarity);
    case 'copied':
      return labels.copiedFrom(fact.from, fact.similarity);
    case 'modeChanged':
      return labels.modeChanged(fact.from, fact.to);
    case 'typeChanged':
      return labels.typeChanged(fact.from, fact.to);
    case 'symlink':
      return labels.symlinkTarget;
    case 'binary':
      return labels.binaryChanged;
    case 'empty':
      return labels.noTextChanges;
  }
}

export function DiffFile(props: DiffFileProps): ReactElement {
  const { entry, blocks, labels, split } = props;
  const locale = useLocale();
  const headingId = useId();
  const bodyStart = props.start + FILE_HEADER_HEIGHT;
  const virtualizer = useVirtualizer({
    count: props.collapsed ? 0 : blocks.length,
    getScrollElement: props.scrollElement,
    estimateSize: (i) => blockHeight(blocks[i] as DiffBlock, split),
    scrollMargin: bodyStart,
    scrollPaddingStart: FILE_HEADER_HEIGHT,
    overscan: 1,
    getItemKey: useCallback((i: number) => (blocks[i] as DiffBlock).key, [blocks]),
    ...(props.initialRect ? { initialRect: props.initialRect } : {}),
  });
  // Sizes depend on the layout: re-measure when it changes (not on mount: nothing is measured yet,
  // and a 100,000-line file has tens of thousands of blocks to lay out again).
  const laidOutSplit = useRef(split);
  useEffect(() => {
    if (laidOutSplit.current === split) return;
    laidOutSplit.current = split;
    virtualizer.measure();
  }, [split, virtualizer]);

  const headingRef = useRef<HTMLHeadingElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const target = props.focusTarget;
  // biome-ignore lint/correctness/useExhaustiveDependencies: seq is the trigger
  useEffect(() => {
    if (!target) return;
    if (target.block === 'heading') {
      headingRef.current?.focus({ preventScroll: true });
    } else {
      pendingFocus.current = target.block;
      virtualizer.scrollToIndex(target.block, { align: 'start' });
    }
  }, [target?.seq]);
  useEffect(() => {
    const wanted = pendingFocus.current;
    if (wanted === null) return;
    const el = bodyRef.current?.querySelector<HTMLElement>(`[data-block="${wanted}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const facts = props.facts.filter((f) => f.kind !== 'binary' && f.kind !== 'empty');
  const bodyNote = entry.filtered
    ? labels.diffFiltered(formatBytes(entry.bytes, locale))
    : props.facts.some((f) => f.kind === 'binary')
      ? labels.binaryChanged
      : props.facts.some((f) => f.kind === 'empty')
        ? labels.noTextChanges
        : null;
  const binary = entry.filtered || props.facts.some((f) => f.kind === 'binary');
  const unshown = binary && !props.collapsed ? (props.renderUnshown?.(entry) ?? null) : null;
  const title =
    entry.oldPath && entry.oldPath !== entry.path ? `${entry.oldPath} → ${entry.path}` : entry.path;

  return (
    <section className="gsk-diff-file" aria-labelledby={headingId}>
      <header className="gsk-diff-file__header" style={{ height: FILE_HEADER_HEIGHT }}>
        <button
          type="button"
          className="gsk-diff-file__toggle"
          aria-expanded={!props.collapsed}
          aria-label={
            props.collapsed ? labels.expandFile(entry.path) : labels.collapseFile(entry.path)
          }
          onClick={props.onToggleCollapsed}
        >
          <span aria-hidden="true">{props.collapsed ? '▸' : '▾'}</span>
        </button>
        <span className={`gsk-diff-badge gsk-diff-badge--${entry.state}`}>
          {labels.diffState(entry.state)}
        </span>
        <h3
          className="gsk-diff-file__path"
          id={headingId}
          tabIndex={-1}
          ref={headingRef}
          title={title}
        >
          {entry.oldPath && entry.oldPath !== entry.path ? (
            <>
              <BidiText text={entry.oldPath} ltr /> → <BidiText text={entry.path} ltr />
            </>
          ) : (
            <BidiText text={entry.path} ltr />
          )}
        </h3>
        {facts.length > 0 && (
          <span className="gsk-diff-file__facts">
            {facts.map((f) => factText(f, labels)).join(' · ')}
          </span>
        )}
        <span className="gsk-diff-file__spacer" />
        {!entry.filtered && (
          <span className="gsk-diff-file__counts">
            <span className="gsk-visually-hidden">
              {labels.lineCounts(entry.additions ?? 0, entry.deletions ?? 0)}
            </span>
            <span className="gsk-diff-count gsk-diff-count--added" aria-hidden="true">
              +{formatNumber(entry.additions ?? 0, locale)}
            </span>
            <span className="gsk-diff-count gsk-diff-count--removed" aria-hidden="true">
              −{formatNumber(entry.deletions ?? 0, locale)}
            </span>
          </span>
        )}
        <label className="gsk-diff-file__viewed">
          <input
            type="checkbox"
            checked={props.viewed}
            onChange={props.onToggleViewed}
            aria-label={labels.viewedFile(entry.path)}
          />
          {labels.viewed}
        </label>
      </header>
      {!props.collapsed && entry.raw !== undefined && hasBidiControls(entry.raw) && (
        <p className="gsk-bidi-warning" role="note">
          {labels.bidiWarning}
        </p>
      )}
      {!props.collapsed &&
        bodyNote &&
        (unshown ?? <p className="gsk-diff-file__placeholder">{bodyNote}</p>)}
      {!props.collapsed && blocks.length > 0 && (
        <div
          ref={bodyRef}
          className={cx('gsk-diff-file__body', split && 'gsk-diff-file__body--split')}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              data-index={item.index}
              data-block={item.index}
              ref={virtualizer.measureElement}
              className="gsk-diff-file__block"
              tabIndex={-1}
              style={{
                transform: `translateY(${item.start - bodyStart}px)`,
                // Annotations are the app's content: measured, never padded to the estimate.
                minHeight:
                  blocks[item.index]?.type === 'annotation'
                    ? undefined
                    : blockHeight(blocks[item.index] as DiffBlock, split),
              }}
            >
              <Block
                block={blocks[item.index] as DiffBlock}
                props={props}
                fold={props.folds.get((blocks[item.index] as DiffBlock).key)}
              />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * The line renderer (react-diff-viewer-continued with emotion, jsdiff and js-yaml: most of the
 * viewer's bytes) is its own chunk, asked for when the first diff view renders: the toolbar, the
 * file list and the headers draw at once, a piece's rows when it arrives (its block keeps its
 * height meanwhile, so nothing jumps).
 */
const LazyDiffPiece = lazy(() => loadPieceRenderer().then((m) => ({ default: m.DiffPiece })));

function Block(p: { block: DiffBlock; props: DiffFileProps; fold: FoldState | undefined }) {
  const { block, props, fold } = p;
  const { labels } = props;
  switch (block.type) {
    case 'lines': {
      // Drawn directly once the renderer is here; suspended (block height kept) until then.
      const DiffPiece = loadedPieceRenderer()?.DiffPiece ?? LazyDiffPiece;
      return (
        <Suspense fallback={null}>
          <DiffPiece
            piece={block}
            split={props.split}
            labels={labels}
            highlighted={highlightedRows(block, props.selected)}
            {...(props.onSelectLine
              ? { onSelectLine: props.onSelectLine, path: props.entry.path }
              : {})}
            {...(props.language ? { language: props.language } : {})}
            {...(props.nonce ? { nonce: props.nonce } : {})}
          />
        </Suspense>
      );
    }
    case 'hunk':
      return (
        <div className="gsk-diff-file__hunk">
          <span className="gsk-visually-hidden">
            {labels.hunkHeading(
              block.oldStart,
              block.oldCount,
              block.newStart,
              block.newCount,
              block.section,
            )}
          </span>
          <span aria-hidden="true">
            @@ −{block.oldStart},{block.oldCount} +{block.newStart},{block.newCount} @@{' '}
            {block.section}
          </span>
        </div>
      );
    case 'note':
      return <p className="gsk-diff-file__note">{labels.noNewline(block.note)}</p>;
    case 'annotation':
      return <div className="gsk-diff-file__annotation">{props.annotation?.(block.id)}</div>;
    case 'fold':
      return (
        <div className="gsk-diff-file__fold">
          {props.onExpand ? (
            <button
              type="button"
              className="gsk-diff-file__expand"
              disabled={fold?.loading}
              onClick={() => props.onExpand?.(block.key)}
            >
              {fold?.loading ? labels.expanding : labels.expandLines(block.count)}
            </button>
          ) : (
            <span>{labels.foldedLines(block.count)}</span>
          )}
          {fold?.error && (
            <span className="gsk-diff-file__fold-error" role="alert">
              {labels.expandFailed(fold.error)}
            </span>
          )}
        </div>
      );
  }
}

const NONE: readonly string[] = [];

/**
 * The piece's rows inside the selection, as the line renderer names them (`L-n` old, `R-n` new,
 * numbered from 1 within the piece); the same empty list when none, so the piece stays memoised.
 */
function highlightedRows(
  piece: LinesBlock,
  selected: DiffLineRange | null | undefined,
): readonly string[] {
  if (!selected) return NONE;
  const old = selected.side === 'old';
  const first = old ? piece.oldStart : piece.newStart;
  const count = old
    ? piece.oldTo - piece.oldFrom
    : piece.change
      ? piece.newTo - piece.newFrom
      : piece.oldTo - piece.oldFrom;
  const from = Math.max(selected.start, first);
  const to = Math.min(selected.end, first + count - 1);
  if (from > to) return NONE;
  const rows: string[] = [];
  for (let line = from; line <= to; line++) rows.push(`${old ? 'L' : 'R'}-${line - first + 1}`);
  return rows;
}
