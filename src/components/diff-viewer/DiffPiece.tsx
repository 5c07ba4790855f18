/**
 * One piece of a file's diff (at most `PIECE_ROWS` old and new lines, see diff-plan.ts) rendered
 * by react-diff-viewer-continued. The viewer numbers both sides from one offset, so the true old
 * and new line numbers are drawn in our own gutter (`renderGutter`), which also says in words what
 * each line is ("added, new line 12") and shows the sign; the viewer's own `+`/`-` marker column is
 * hidden, so a screen reader never hears a bare sign. Colours are `--gsk-…` variables, so the
 * stylesheet's light and dark themes apply without telling the viewer which one is on.
 */
import { type Component, type ComponentType, memo, type ReactElement } from 'react';
import ReactDiffViewer, {
  computeStyles,
  DiffMethod,
  defaultLightHighlightTheme,
  type HighlightTheme,
  type ReactDiffViewerProps,
  type ReactDiffViewerStylesOverride,
} from 'react-diff-viewer-continued';
import { revealBidi } from '../shared/bidi.js';
import { type LinesBlock, sourceLines } from './diff-plan.js';
import type { DiffViewerLabels } from './labels.js';

/**
 * Word-level highlighting is skipped for a pair of lines when either is longer than this (the
 * viewer's own bound, 500 characters): a word diff costs up to the product of the two lengths.
 */
export const WORD_DIFF_MAX_LINE = 500;

const v = (name: string) => `var(--gsk-diff-${name})`;
const themeVariables = {
  diffViewerBackground: 'var(--gsk-bg)',
  diffViewerColor: 'var(--gsk-fg)',
  addedBackground: v('added-bg'),
  addedColor: 'var(--gsk-fg)',
  removedBackground: v('removed-bg'),
  removedColor: 'var(--gsk-fg)',
  changedBackground: v('added-bg'),
  wordAddedBackground: v('word-added-bg'),
  wordRemovedBackground: v('word-removed-bg'),
  addedGutterBackground: v('added-gutter-bg'),
  removedGutterBackground: v('removed-gutter-bg'),
  gutterBackground: 'var(--gsk-bg)',
  gutterBackgroundDark: 'var(--gsk-bg)',
  highlightBackground: 'var(--gsk-diff-selected-bg)',
  highlightGutterBackground: 'var(--gsk-diff-selected-bg)',
  codeFoldGutterBackground: 'var(--gsk-bg-subtle)',
  codeFoldBackground: 'var(--gsk-bg-subtle)',
  emptyLineBackground: v('empty-bg'),
  gutterColor: 'var(--gsk-line-number)',
  addedGutterColor: 'var(--gsk-fg)',
  removedGutterColor: 'var(--gsk-fg)',
  codeFoldContentColor: 'var(--gsk-fg)',
  diffViewerTitleBackground: 'var(--gsk-bg-subtle)',
  diffViewerTitleColor: 'var(--gsk-fg)',
  diffViewerTitleBorderColor: 'var(--gsk-border)',
};

const ROW = { lineHeight: '20px', fontSize: 'var(--gsk-code-size)' };

/** One styles object for every piece (the viewer memoises its stylesheet by identity). */
const pieceStyles = {
  variables: { light: themeVariables, dark: themeVariables },
  diffContainer: {
    minWidth: 0,
    width: '100%',
    tableLayout: 'fixed',
    fontSize: 'var(--gsk-code-size)',
    pre: { lineHeight: '20px', fontFamily: 'var(--gsk-font-mono)' },
  },
  line: ROW,
  contentText: { fontFamily: 'var(--gsk-font-mono)', lineHeight: '20px' },
  // Block, not flex: a flex box per line cost layout time while scrolling fast. (The viewer
  // merges every one of its style keys; its type leaves this one out.)
  contentFlex: { display: 'block' },
  marker: { width: 0, padding: 0, overflow: 'hidden', pre: { visibility: 'hidden' } },
  gutter: { padding: 0, minWidth: 0, width: 'auto' },
  content: { paddingLeft: 4 },
  wordDiff: { padding: 0, borderRadius: 2 },
} as ReactDiffViewerStylesOverride;

/**
 * Syntax colours from the stylesheet (`--gsk-syntax-<token>`, else the text colour), for every
 * token the viewer knows, so both themes work without a prop and every colour passes contrast
 * on the added and removed backgrounds.
 */
const highlightTheme: HighlightTheme = Object.fromEntries(
  Object.keys(defaultLightHighlightTheme).map((t) => [t, `var(--gsk-syntax-${t}, var(--gsk-fg))`]),
) as HighlightTheme;

type StylesArgs = [ReactDiffViewerStylesOverride, boolean, string];
let sharedStyles: { args: StylesArgs; result: ReturnType<typeof computeStyles> } | null = null;

/**
 * The viewer builds its stylesheet per instance — a new emotion instance and new `<style>`
 * elements for every mount. With thousands of pieces mounting and unmounting as a long diff
 * scrolls, that piled up style elements in `<head>`; one shared stylesheet per (styles, theme,
 * nonce) keeps it at one. The viewer exports `computeStyles` for such reuse.
 */
function sharedComputeStyles(...args: StylesArgs): ReturnType<typeof computeStyles> {
  if (!sharedStyles || sharedStyles.args.some((a, i) => a !== args[i])) {
    sharedStyles = { args, result: computeStyles(...args) };
  }
  return sharedStyles.result;
}

/**
 * react-diff-viewer-continued with the shared stylesheet above: `computeStyles` is an instance
 * field of the viewer class, so a subclass field replaces it.
 */
const PieceViewer = class extends (ReactDiffViewer as unknown as new (
  props: ReactDiffViewerProps,
) => Component<ReactDiffViewerProps>) {
  computeStyles = sharedComputeStyles;
} as ComponentType<ReactDiffViewerProps>;

type GutterData = Parameters<NonNullable<ReactDiffViewerProps['renderGutter']>>[0];
const ADDED = 1;
const REMOVED = 2;

export interface DiffPieceProps {
  piece: LinesBlock;
  split: boolean;
  labels: DiffViewerLabels;
  /** Word-level highlighting inside changed pairs (default true). */
  wordDiff?: boolean;
  /** A language name or file extension for syntax highlighting, or undefined for none. */
  language?: string;
  nonce?: string;
  /** Rows shown selected, as the line renderer names them (`L-3`, `R-7`, from 1 in the piece). */
  highlighted?: readonly string[];
  /** Line numbers become buttons selecting their line (shift: stretch the selection). */
  onSelectLine?: (path: string, side: 'old' | 'new', line: number, extend: boolean) => void;
  /** The file's path, told to `onSelectLine`. */
  path?: string;
}

const text = (lines: readonly string[]) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

/** True when two line lists share a text: the viewer would pair those lines as unchanged. */
function shareALine(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const seen = new Set(a);
  return b.some((line) => seen.has(line));
}

/**
 * Memoised: a piece re-renders only when its own props change, not on every scroll event of the
 * list around it (the viewer rebuilds all its rows on each render).
 */
export const DiffPiece = memo(function DiffPiece(props: DiffPieceProps): ReactElement {
  const { piece } = props;
  // Bidirectional controls are shown as marks (`<U+202E>`), never obeyed (see shared/bidi.tsx).
  const oldLines = sourceLines(piece.source, piece.oldFrom, piece.oldTo).map(revealBidi);
  const newLines = piece.change
    ? sourceLines(piece.source, piece.newFrom, piece.newTo).map(revealBidi)
    : oldLines;
  if (piece.change && shareALine(oldLines, newLines)) {
    // Shown as removed lines, then added lines: the viewer must not pair equal texts.
    return (
      <>
        <PieceRows {...props} oldLines={oldLines} newLines={[]} />
        <PieceRows
          {...props}
          piece={{ ...piece, oldStart: piece.oldStart + oldLines.length }}
          oldLines={[]}
          newLines={newLines}
        />
      </>
    );
  }
  return <PieceRows {...props} oldLines={oldLines} newLines={newLines} />;
});

function PieceRows(
  props: DiffPieceProps & { oldLines: readonly string[]; newLines: readonly string[] },
): ReactElement {
  const { piece, split, labels, oldLines, newLines } = props;
  const gutter = (d: GutterData): ReactElement => {
    const kind = d.type === ADDED ? 'added' : d.type === REMOVED ? 'removed' : 'unchanged';
    let oldLine: number | undefined;
    let newLine: number | undefined;
    if (d.lineNumber) {
      if (d.prefix === 'L') oldLine = piece.oldStart + d.lineNumber - 1;
      else newLine = piece.newStart + d.lineNumber - 1;
    }
    if (d.additionalLineNumber) newLine = piece.newStart + d.additionalLineNumber - 1;
    if (oldLine === undefined && newLine === undefined) {
      return <td className="gsk-diff__gutter gsk-diff__gutter--empty" />;
    }
    const sign = kind === 'added' ? '+' : kind === 'removed' ? '−' : '';
    const cells = (
      <>
        <span className="gsk-visually-hidden">{labels.diffLine(kind, oldLine, newLine)}</span>
        {!split && (
          <span className="gsk-diff__number" aria-hidden="true">
            {oldLine ?? ''}
          </span>
        )}
        <span className="gsk-diff__number" aria-hidden="true">
          {split ? (oldLine ?? newLine) : (newLine ?? '')}
        </span>
        <span className="gsk-diff__sign" aria-hidden="true">
          {sign}
        </span>
      </>
    );
    const { onSelectLine, path } = props;
    if (!onSelectLine || path === undefined) {
      return <td className={`gsk-diff__gutter gsk-diff__gutter--${kind}`}>{cells}</td>;
    }
    // A removed line is selected on the old side; any other by its new line where it has one.
    const side = newLine !== undefined && kind !== 'removed' ? 'new' : 'old';
    const line = (side === 'new' ? newLine : oldLine) as number;
    const row = `${side === 'old' ? 'L' : 'R'}-${line - (side === 'old' ? piece.oldStart : piece.newStart) + 1}`;
    return (
      <td className={`gsk-diff__gutter gsk-diff__gutter--${kind}`}>
        <button
          type="button"
          className="gsk-diff__line-button"
          aria-pressed={props.highlighted?.includes(row) ?? false}
          onClick={(event) => onSelectLine(path, side, line, event.shiftKey)}
        >
          {cells}
        </button>
      </td>
    );
  };
  const long =
    oldLines.some((l) => l.length > WORD_DIFF_MAX_LINE) ||
    newLines.some((l) => l.length > WORD_DIFF_MAX_LINE);
  return (
    <PieceViewer
      oldValue={text(oldLines)}
      newValue={text(newLines)}
      splitView={split}
      hideLineNumbers
      hideSummary
      showDiffOnly={false}
      disableWorker
      disableWordDiff={!piece.change || props.wordDiff === false || long}
      compareMethod={DiffMethod.WORDS}
      renderGutter={gutter}
      {...(props.highlighted && props.highlighted.length > 0
        ? { highlightLines: props.highlighted as string[] }
        : {})}
      styles={pieceStyles}
      nonce={props.nonce ?? ''}
      {...(props.language ? { highlightLanguage: props.language, highlightTheme } : {})}
    />
  );
}
