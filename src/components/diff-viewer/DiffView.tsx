/**
 * The presentational diff: a toolbar (totals, unified/split, next/previous file and change, files
 * left to view), the list of changed files, and the files themselves in one scroll element. Files
 * mount as they scroll into view and each mounts only the pieces in view, so a 100,000-line file
 * costs what a small one does. Keys: `]`/`[` next/previous file, `n`/`p` next/previous change.
 * Where the reader lands is said in a live region.
 */
import {
  type ReactElement,
  type ReactNode,
  type RefObject,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useCspNonce } from '../../react/context.js';
import { revealBidi } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { formatNumber } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { DiffFile } from './DiffFile.js';
import { DiffFileList } from './DiffFileList.js';
import { type DiffData, type DiffEntry, factsOf, languageFor } from './diff-model.js';
import { diffViewerLabels } from './labels.js';
import { loadPieceRenderer } from './load-piece.js';
import { type DiffAnnotation, type DiffLineRange, useDiffView } from './use-diff-view.js';

// The line renderer is a chunk of its own (it is most of the viewer's bytes), fetched as soon as
// this module runs in a browser: it arrives while the app starts and the diff is fetched, so the
// first diff does not wait for it, and it never blocks the app's first paint.
if (typeof window !== 'undefined') void loadPieceRenderer();

export interface DiffViewProps {
  /** What `getBranchDiff` / `getCommitDiff` (or `useDiff`) returned. */
  diff?: DiffData | null | undefined;
  loading?: boolean;
  error?: Error | null;
  onRetry?: () => void;
  /**
   * Names this diff for the browser's memory: files marked "viewed" are remembered under it
   * (a file's mark lapses when its content changes). No key: nothing is remembered.
   */
  diffKey?: string;
  /** Split (side by side) or unified. Uncontrolled by default, and then remembered. */
  split?: boolean;
  onSplitChange?: (split: boolean) => void;
  /**
   * Files marked viewed (controlled), as `fileIdentity` names them (path and new blob, so a mark
   * lapses when the file changes again): a review app keeps them on its server. Left out, they
   * are remembered in the browser under `diffKey`.
   */
  viewed?: readonly string[];
  onViewedChange?: (viewed: readonly string[]) => void;
  /**
   * Files shown collapsed (controlled), named as `viewed` names them. Left out, the view keeps
   * them (a file marked viewed starts collapsed).
   */
  collapsed?: readonly string[];
  onCollapsedChange?: (collapsed: readonly string[]) => void;
  /** The changed-file filter text (controlled); `defaultFilter` to start with one. */
  filter?: string;
  defaultFilter?: string;
  onFilterChange?: (filter: string) => void;
  /**
   * The text of a file on the new side, to unfold unchanged lines between hunks. Without it,
   * folds only say how many lines they hide.
   */
  loadNewText?: (entry: DiffEntry) => Promise<string>;
  /**
   * What to show for a file whose lines are not in the diff (binary, or left out for size):
   * the connected viewer shows both sizes, and images before and after side by side. Without
   * it (or when it returns null) a sentence says the file is not shown.
   */
  renderUnshown?: (entry: DiffEntry) => ReactNode;
  /**
   * App content under lines (review comments, findings): each after its line, between the rows,
   * on the side it names. Lines the diff does not show (folded) show none.
   */
  annotations?: readonly DiffAnnotation[];
  /**
   * The selected lines (controlled; `null`: none). With this or `onSelectedLinesChange`, line
   * numbers become buttons: a click selects a line, a shift-click stretches the selection, a
   * second click on the one selected line clears it. Selected rows are highlighted.
   */
  selectedLines?: DiffLineRange | null;
  onSelectedLinesChange?: (range: DiffLineRange | null) => void;
  /** A short word on a file in the changed-file list, after its counts ("3 comments"). */
  fileBadge?: (entry: DiffEntry) => string | undefined;
  /** Syntax highlighting by file extension (default true; off for big patches). */
  highlight?: boolean;
  /**
   * Nonce for the `<style>` elements the line renderer inserts, for a strict CSP. Default: the
   * `nonce` of the nearest `GitStorageProvider`, else the page's
   * `<meta property="csp-nonce" nonce="…">` (the convention Vite's `html.cspNonce` follows), so
   * a viewer deep inside `RepositoryBrowser` or `CommitComposer` gets it too.
   */
  nonce?: string;
  /** The heading (default "Changes"). */
  heading?: string;
  className?: string;
  labels?: Partial<GitStorageLabels>;
  /** Viewport to lay out before the browser measured one (server rendering, tests). */
  initialRect?: { width: number; height: number };
}

export function DiffView(props: DiffViewProps): ReactElement {
  const labels = useFamilyLabels(diffViewerLabels, props.labels);
  const locale = useLocale();
  // The nonce given here, else the provider's, else the page's <meta property="csp-nonce">.
  const providerNonce = useCspNonce();
  const nonce = props.nonce ?? providerNonce ?? pageNonce();
  const view = useDiffView(props);
  const rootRef = useRef<HTMLElement>(null);
  const narrow = useNarrow(rootRef, NARROW_PX);
  const { entries, shown, virtualizer, selectedLines, selectLine } = view;

  const heading = props.heading ?? labels.changes;
  const totals = useMemo(
    () =>
      entries.reduce(
        (t, e) => ({
          additions: t.additions + (e.additions ?? 0),
          deletions: t.deletions + (e.deletions ?? 0),
        }),
        { additions: 0, deletions: 0 },
      ),
    [entries],
  );

  let body: ReactElement;
  if (props.error) {
    body = (
      <ErrorMessage onRetry={props.onRetry} retryLabel={labels.retry}>
        {labels.diffError(props.error.message)}
      </ErrorMessage>
    );
  } else if (!props.diff) {
    body = (
      <p className="gsk-message" role="status">
        {props.loading === false ? labels.noChanges : labels.diffLoading}
      </p>
    );
  } else if (entries.length === 0) {
    body = <p className="gsk-message">{labels.noChanges}</p>;
  } else {
    body = (
      <div className="gsk-diff__body">
        <DiffFileList
          entries={entries}
          shown={shown}
          filter={view.filter}
          onFilterChange={view.setFilter}
          viewed={view.isViewed}
          current={view.currentFile}
          onJump={view.jumpToFile}
          labels={labels}
          fileBadge={props.fileBadge}
          {...(props.initialRect ? { initialRect: props.initialRect } : {})}
        />
        <section
          {...view.scrollProps}
          className="gsk-diff__scroll"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
          tabIndex={0}
          aria-label={labels.diffOfFiles(shown.length)}
        >
          <div className="gsk-diff__files" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const i = shown[item.index] as number;
              const entry = entries[i] as DiffEntry;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="gsk-diff__file"
                  // `top`, not a transform: Chromium places a sticky header by its untransformed
                  // position, which pinned every file's header to the bottom of its file.
                  style={{ top: item.start }}
                >
                  <DiffFile
                    entry={entry}
                    blocks={view.planFor(i).blocks}
                    facts={factsOf(entry)}
                    split={view.split}
                    collapsed={view.isCollapsed(i)}
                    viewed={view.isViewed(i)}
                    labels={labels}
                    start={item.start}
                    scrollElement={view.getScrollElement}
                    onToggleCollapsed={() => view.setCollapsed(i, !view.isCollapsed(i))}
                    onToggleViewed={() => view.toggleViewed(i)}
                    {...(view.canExpand
                      ? { onExpand: (key: string) => void view.expand(i, key) }
                      : {})}
                    folds={view.foldState(i)}
                    annotation={view.annotation}
                    selected={selectedLines?.path === entry.path ? selectedLines : null}
                    onSelectLine={selectLine}
                    focusTarget={
                      view.focusTarget?.path === entry.path ? view.focusTarget : undefined
                    }
                    language={props.highlight === false ? undefined : languageFor(entry)}
                    nonce={nonce}
                    {...(props.renderUnshown ? { renderUnshown: props.renderUnshown } : {})}
                    {...(props.initialRect ? { initialRect: props.initialRect } : {})}
                  />
                </div>
              );
            })}
          </div>
        </section>
      </div>
    );
  }

  const hasFiles = entries.length > 0 && !props.error;
  return (
    <section
      ref={rootRef}
      className={cx('gsk-diff', view.split && 'gsk-diff--split', props.className)}
      aria-label={heading}
      {...view.rootProps}
    >
      <div className="gsk-diff__toolbar">
        <h2 className="gsk-diff__heading">{heading}</h2>
        {hasFiles && (
          <>
            <p className="gsk-diff__totals">
              {labels.diffTotals(
                formatNumber(entries.length, locale),
                formatNumber(totals.additions, locale),
                formatNumber(totals.deletions, locale),
                entries.length,
              )}
            </p>
            <fieldset className="gsk-diff__layout">
              <legend className="gsk-visually-hidden">{labels.diffLayout}</legend>
              <button
                type="button"
                className="gsk-button"
                aria-pressed={!view.split}
                onClick={() => view.setSplit(false)}
              >
                {labels.unified}
              </button>
              <button
                type="button"
                className="gsk-button"
                aria-pressed={view.split}
                onClick={() => view.setSplit(true)}
              >
                {labels.split}
              </button>
            </fieldset>
            <fieldset className="gsk-diff__nav">
              <legend className="gsk-visually-hidden">{labels.diffNavigation}</legend>
              {(
                [
                  [labels.previousFile, '[', () => view.stepFile(-1)],
                  [labels.nextFile, ']', () => view.stepFile(1)],
                  [labels.previousChange, 'p', () => view.stepChange(-1)],
                  [labels.nextChange, 'n', () => view.stepChange(1)],
                ] as const
              ).map(([label, key, action]) => (
                <button
                  key={key}
                  type="button"
                  className="gsk-button"
                  aria-keyshortcuts={key}
                  title={`${label} (${key})`}
                  onClick={action}
                >
                  {label}
                </button>
              ))}
            </fieldset>
            {/* Under 720 px the file list gives its room to the diff: a native select instead
                (rendered only then: a 10,000-file diff would otherwise carry 10,000 options). */}
            {narrow && (
              <select
                className="gsk-input gsk-diff__jump"
                aria-label={labels.jumpToFile}
                value={view.currentFile ?? ''}
                onChange={(event) => {
                  if (event.target.value !== '') view.jumpToFile(Number(event.target.value));
                }}
              >
                {shown.map((i) => (
                  <option key={(entries[i] as DiffEntry).path} value={i}>
                    {revealBidi((entries[i] as DiffEntry).path)}
                  </option>
                ))}
              </select>
            )}
            <p className="gsk-diff__left">
              {labels.filesLeft(
                formatNumber(entries.length - view.viewedCount, locale),
                formatNumber(entries.length, locale),
              )}
            </p>
          </>
        )}
      </div>
      {body}
      <p className="gsk-visually-hidden" role="status" aria-live="polite">
        {view.announcement}
      </p>
    </section>
  );
}

/** Where the diff's layout changes (the container query in styles.css says the same). */
const NARROW_PX = 720;

/** Whether the element is at most `px` wide, followed as it resizes (false before layout). */
function useNarrow(ref: RefObject<HTMLElement | null>, px: number): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.borderBoxSize?.[0]?.inlineSize ?? element.offsetWidth;
      setNarrow(width > 0 && width <= px);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, px]);
  return narrow;
}

/** The nonce a page announces with `<meta property="csp-nonce" nonce="…">`, if any. */
function pageNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  // The `nonce` property, not the attribute: browsers hide nonce attributes from script.
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || undefined;
}
