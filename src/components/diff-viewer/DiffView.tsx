/**
 * The presentational diff: a toolbar (totals, unified/split, next/previous file and change, files
 * left to view), the list of changed files, and the files themselves in one scroll element. Files
 * mount as they scroll into view and each mounts only the pieces in view, so a 100,000-line file
 * costs what a small one does. Keys: `]`/`[` next/previous file, `n`/`p` next/previous change.
 * Where the reader lands is said in a live region.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  type ReactElement,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useCspNonce } from '../../react/context.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { formatNumber } from '../shared/format.js';
import { type GitStorageLabels, useLabels, useLocale } from '../shared/labels.js';
import { useControllable } from '../shared/use-controllable.js';
import { useStoredState } from '../shared/use-stored-state.js';
import { DiffFile, type FoldState } from './DiffFile.js';
import { DiffFileList } from './DiffFileList.js';
import {
  type DiffData,
  type DiffEntry,
  diffEntries,
  factsOf,
  fileHeight,
  languageFor,
  type Position,
  planOf,
  stepChange,
} from './diff-model.js';
import type { FoldBlock } from './diff-plan.js';
import { diffViewKey, fileIdentity, isNewBlob } from './diff-plan.js';

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

const SPLIT_KEY = 'gsk-diff-split';
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' ']);
const NO_VIEWED: readonly string[] = [];
const EMPTY_FOLDS: ReadonlyMap<string, FoldState> = new Map();

type FocusTarget = { path: string; block: number | 'heading'; seq: number };

/** A copy of a per-file map of per-fold values with one value set. */
function withEntry<T>(
  all: ReadonlyMap<string, ReadonlyMap<string, T>>,
  path: string,
  key: string,
  value: T,
): ReadonlyMap<string, ReadonlyMap<string, T>> {
  return new Map(all).set(path, new Map(all.get(path)).set(key, value));
}

export function DiffView(props: DiffViewProps): ReactElement {
  const labels = useLabels(props.labels);
  const locale = useLocale();
  const entries = useMemo(() => (props.diff ? diffEntries(props.diff) : []), [props.diff]);
  // The nonce given here, else the provider's, else the page's <meta property="csp-nonce">.
  const providerNonce = useCspNonce();
  const nonce = props.nonce ?? providerNonce ?? pageNonce();

  const [storedSplit, setStoredSplit] = useStoredState<boolean>(SPLIT_KEY, false);
  const split = props.split ?? storedSplit;
  const setSplit = (next: boolean) => {
    if (props.split === undefined) setStoredSplit(next);
    props.onSplitChange?.(next);
  };

  const [storedViewed, setStoredViewed] = useStoredState<readonly string[]>(
    props.diffKey ? `gsk-diff-viewed:${props.diffKey}` : undefined,
    NO_VIEWED,
  );
  const viewedList = props.viewed ?? storedViewed;
  const { onViewedChange } = props;
  const controlledViewed = props.viewed !== undefined;
  const setViewedList = (update: (list: readonly string[]) => readonly string[]) => {
    const next = update(viewedList);
    if (!controlledViewed) setStoredViewed(next);
    onViewedChange?.(next);
  };
  const identities = useMemo(() => entries.map((e) => fileIdentity(e)), [entries]);
  // Per-view state (collapse choices, folds, unfolded text) is keyed by what the file's diff is
  // (path and both blob ids), never by the path alone: a refetched diff of the same path with
  // other content starts fresh instead of splicing old lines into new hunks.
  const viewKeys = useMemo(() => entries.map((e) => diffViewKey(e)), [entries]);
  const viewedSet = useMemo(() => new Set(viewedList), [viewedList]);
  const isViewed = useCallback(
    (i: number) => viewedSet.has(identities[i] as string),
    [viewedSet, identities],
  );
  const viewedCount = identities.filter((id) => viewedSet.has(id)).length;

  // Collapsed by choice; a file marked viewed starts collapsed.
  const [collapsedChoice, setCollapsedChoice] = useState<ReadonlyMap<string, boolean>>(new Map());
  const isCollapsed = (i: number) =>
    props.collapsed
      ? props.collapsed.includes(identities[i] as string)
      : (collapsedChoice.get(viewKeys[i] as string) ?? isViewed(i));
  /** Collapses or opens file `i`: kept here, or told to the parent that owns `collapsed`. */
  const setCollapsed = (i: number, value: boolean) => {
    if (!props.collapsed) {
      setCollapsedChoice((m) => new Map(m).set(viewKeys[i] as string, value));
    }
    props.onCollapsedChange?.(identities.filter((_, j) => (j === i ? value : isCollapsed(j))));
  };

  const [expansions, setExpansions] = useState<
    ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>
  >(new Map());
  const [folds, setFolds] = useState<ReadonlyMap<string, ReadonlyMap<string, FoldState>>>(
    new Map(),
  );
  const planFor = (i: number) => {
    const entry = entries[i] as DiffEntry;
    return planOf(entry, expansions.get(viewKeys[i] as string), !!props.loadNewText);
  };

  const [filter, setFilter] = useControllable<string>({
    value: props.filter,
    defaultValue: props.defaultFilter ?? '',
    onChange: props.onFilterChange,
    name: 'DiffView filter',
  });
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = entries.map((_, i) => i);
    return needle
      ? all.filter((i) => {
          const e = entries[i] as DiffEntry;
          return (
            e.path.toLowerCase().includes(needle) || !!e.oldPath?.toLowerCase().includes(needle)
          );
        })
      : all;
  }, [entries, filter]);

  const scrollRef = useRef<HTMLElement>(null);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement,
    estimateSize: (k) => {
      const i = shown[k] as number;
      return fileHeight(entries[i] as DiffEntry, split, isCollapsed(i));
    },
    overscan: 1,
    // Files are tall: mounting the next one a frame later is invisible, and scroll events then
    // do not render the whole view synchronously (a file's own list of pieces still does).
    useFlushSync: false,
    getItemKey: useCallback(
      (k: number) => (entries[shown[k] as number] as DiffEntry).path,
      [entries, shown],
    ),
    ...(props.initialRect ? { initialRect: props.initialRect } : {}),
  });
  const items = virtualizer.getVirtualItems();
  const offset = virtualizer.scrollOffset ?? 0;
  const topItem = items.find((item) => item.end > offset) ?? items[0];
  const currentFile = topItem ? (shown[topItem.index] as number) : null;

  const [announcement, setAnnouncement] = useState('');
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  const seq = useRef(0);
  const position = useRef<Position | null>(null);

  const reveal = (i: number, block: number | 'heading') => {
    const entry = entries[i] as DiffEntry;
    if (isCollapsed(i) && block !== 'heading') {
      setCollapsed(i, false);
    }
    const at = shown.indexOf(i);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: 'start' });
    setFocus({ path: entry.path, block, seq: ++seq.current });
  };

  const jumpToFile = (i: number) => {
    const entry = entries[i] as DiffEntry;
    position.current = { file: shown.indexOf(i), change: -1 };
    reveal(i, 'heading');
    setAnnouncement(
      labels.fileAnnouncement(
        shown.indexOf(i) + 1,
        shown.length,
        entry.path,
        labels.diffState(entry.state),
      ),
    );
  };

  /** Where the reader is: the last place stepped to, unless they scrolled since; else the top file. */
  const here = (): Position | null => {
    if (position.current) return position.current;
    const top = currentFile === null ? -1 : shown.indexOf(currentFile);
    return top >= 0 ? { file: top, change: -1 } : null;
  };

  const stepFile = (direction: 1 | -1) => {
    const from = here()?.file ?? -1;
    const next = from + direction;
    if (next < 0 || next >= shown.length) {
      setAnnouncement(direction === 1 ? labels.noNextFile : labels.noPreviousFile);
      return;
    }
    jumpToFile(shown[next] as number);
  };

  const stepChangeBy = (direction: 1 | -1) => {
    const from = here();
    const next = stepChange(
      shown.length,
      (k) => planFor(shown[k] as number).changeStarts,
      from,
      direction,
    );
    if (!next) {
      setAnnouncement(direction === 1 ? labels.noNextChange : labels.noPreviousChange);
      return;
    }
    position.current = next;
    const i = shown[next.file] as number;
    const plan = planFor(i);
    reveal(i, plan.changeStarts[next.change] as number);
    setAnnouncement(
      labels.changeAnnouncement(
        next.change + 1,
        plan.changeStarts.length,
        (entries[i] as DiffEntry).path,
      ),
    );
  };

  const toggleViewed = (i: number) => {
    const id = identities[i] as string;
    const entry = entries[i] as DiffEntry;
    const nowViewed = !viewedSet.has(id);
    const current = new Set(identities);
    setViewedList((list) => {
      // Keep only marks of files still in this diff, so the stored list cannot grow forever.
      const kept = list.filter((x) => x !== id && current.has(x));
      return nowViewed ? [...kept, id] : kept;
    });
    setCollapsed(i, nowViewed);
    const left = entries.length - viewedCount - (nowViewed ? 1 : -1);
    setAnnouncement(labels.viewedAnnouncement(entry.path, nowViewed, left));
  };

  const { loadNewText } = props;
  const expand = async (i: number, foldKey: string) => {
    if (!loadNewText) return;
    const entry = entries[i] as DiffEntry;
    const key = viewKeys[i] as string;
    const fold = planFor(i).blocks.find((b) => b.key === foldKey) as FoldBlock | undefined;
    if (!fold) return;
    const setFold = (state: FoldState) => setFolds((all) => withEntry(all, key, foldKey, state));
    setFold({ loading: true });
    try {
      const text = await loadNewText(entry);
      // The text is read by ref, which may have moved since the diff was computed: lines are
      // spliced in only when they are the blob the diff names.
      if (!(await isNewBlob(entry, text))) throw new Error(labels.diffOutdated);
      const lines = text.split('\n');
      if (lines.at(-1) === '') lines.pop();
      const from = fold.newFrom - 1;
      const slice = lines.slice(from, fold.count === null ? undefined : from + fold.count);
      setExpansions((all) => withEntry(all, key, foldKey, slice));
      setFold({});
      // "The rest of the file" may turn out to be nothing: the fold goes, and that is said.
      setAnnouncement(
        slice.length === 0
          ? labels.nothingMoreAnnouncement
          : labels.expandedAnnouncement(slice.length),
      );
    } catch (error) {
      setFold({ error: error instanceof Error ? error.message : String(error) });
    }
  };

  /** The reader scrolls on their own: the next step starts from what is in view. */
  const scrolledByReader = () => {
    position.current = null;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (SCROLL_KEYS.has(event.key)) scrolledByReader();
    if (
      event.altKey ||
      event.ctrlKey ||
      event.metaKey ||
      target.closest('input, textarea, select, [contenteditable="true"]')
    ) {
      return;
    }
    const actions: Record<string, () => void> = {
      ']': () => stepFile(1),
      '[': () => stepFile(-1),
      n: () => stepChangeBy(1),
      p: () => stepChangeBy(-1),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

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
          filter={filter}
          onFilterChange={setFilter}
          viewed={isViewed}
          current={currentFile}
          onJump={jumpToFile}
          labels={labels}
          {...(props.initialRect ? { initialRect: props.initialRect } : {})}
        />
        <section
          ref={scrollRef}
          className="gsk-diff__scroll"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
          tabIndex={0}
          aria-label={labels.diffOfFiles(shown.length)}
          onWheel={scrolledByReader}
          onTouchStart={scrolledByReader}
          onPointerDown={scrolledByReader}
        >
          <div className="gsk-diff__files" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
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
                    blocks={planFor(i).blocks}
                    facts={factsOf(entry)}
                    split={split}
                    collapsed={isCollapsed(i)}
                    viewed={isViewed(i)}
                    labels={labels}
                    start={item.start}
                    scrollElement={getScrollElement}
                    onToggleCollapsed={() => setCollapsed(i, !isCollapsed(i))}
                    onToggleViewed={() => toggleViewed(i)}
                    {...(loadNewText ? { onExpand: (key: string) => void expand(i, key) } : {})}
                    folds={folds.get(viewKeys[i] as string) ?? EMPTY_FOLDS}
                    focusTarget={focus?.path === entry.path ? focus : undefined}
                    language={props.highlight === false ? undefined : languageFor(entry)}
                    nonce={nonce}
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
      className={cx('gsk-diff', split && 'gsk-diff--split', props.className)}
      aria-label={heading}
      onKeyDown={onKeyDown}
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
                aria-pressed={!split}
                onClick={() => setSplit(false)}
              >
                {labels.unified}
              </button>
              <button
                type="button"
                className="gsk-button"
                aria-pressed={split}
                onClick={() => setSplit(true)}
              >
                {labels.split}
              </button>
            </fieldset>
            <fieldset className="gsk-diff__nav">
              <legend className="gsk-visually-hidden">{labels.diffNavigation}</legend>
              {(
                [
                  [labels.previousFile, '[', () => stepFile(-1)],
                  [labels.nextFile, ']', () => stepFile(1)],
                  [labels.previousChange, 'p', () => stepChangeBy(-1)],
                  [labels.nextChange, 'n', () => stepChangeBy(1)],
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
            <p className="gsk-diff__left">
              {labels.filesLeft(
                formatNumber(entries.length - viewedCount, locale),
                formatNumber(entries.length, locale),
              )}
            </p>
          </>
        )}
      </div>
      {body}
      <p className="gsk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/** The nonce a page announces with `<meta property="csp-nonce" nonce="…">`, if any. */
function pageNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  // The `nonce` property, not the attribute: browsers hide nonce attributes from script.
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || undefined;
}
