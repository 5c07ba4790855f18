/**
 * The diff view's model without its markup: which files are listed (and filtered), split or
 * unified, viewed and collapsed files, unfolded lines, annotations and the selected lines, and
 * the keyboard model (`]`/`[` next/previous file, `n`/`p` next/previous change) with what it says
 * in a live region. `DiffView` is this hook and a rendering; an app that wants other markup spreads
 * `rootProps` and `scrollProps` on its own elements and renders `virtualizer`'s items.
 *
 * Every per-file state is keyed by what the file's diff is (path and both blob ids), never by
 * its path or position alone, so a refetched diff never shows text from an older one.
 */
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type GitStorageLabels, useFamilyLabels } from '../shared/labels.js';
import { useControllable } from '../shared/use-controllable.js';
import { useStoredState } from '../shared/use-stored-state.js';
import {
  type DiffData,
  type DiffEntry,
  diffEntries,
  fileHeight,
  type Position,
  planOf,
  stepChange,
} from './diff-model.js';
import {
  annotatePlan,
  diffViewKey,
  type FilePlan,
  type FoldBlock,
  fileIdentity,
  isNewBlob,
  type LineAnchor,
} from './diff-plan.js';
import { diffViewerLabels } from './labels.js';

/** App content drawn under a line of a file's diff (a review comment, a lint finding, …). */
export interface DiffAnnotation {
  /** Unique among the annotations given. */
  key: string;
  path: string;
  /** The old (removed) or the new side's line number the content follows. */
  side: 'old' | 'new';
  line: number;
  content: ReactNode;
}

/** A range of lines of one side of one file, as a reader selects them by their numbers. */
export interface DiffLineRange {
  path: string;
  side: 'old' | 'new';
  /** First and last line, inclusive; `start <= end`. */
  start: number;
  end: number;
}

/** Loading or failed state of one fold being unfolded. */
export interface FoldState {
  loading?: boolean;
  error?: string;
}

export interface UseDiffViewOptions {
  diff?: DiffData | null | undefined;
  /** Names the diff for the browser's memory of viewed files; none: nothing is remembered. */
  diffKey?: string | undefined;
  split?: boolean | undefined;
  onSplitChange?: ((split: boolean) => void) | undefined;
  viewed?: readonly string[] | undefined;
  onViewedChange?: ((viewed: readonly string[]) => void) | undefined;
  collapsed?: readonly string[] | undefined;
  onCollapsedChange?: ((collapsed: readonly string[]) => void) | undefined;
  filter?: string | undefined;
  defaultFilter?: string | undefined;
  onFilterChange?: ((filter: string) => void) | undefined;
  loadNewText?: ((entry: DiffEntry) => Promise<string>) | undefined;
  annotations?: readonly DiffAnnotation[] | undefined;
  /** The selected lines (controlled); `null` for none. */
  selectedLines?: DiffLineRange | null | undefined;
  /** Told of a new selection. Given (or `selectedLines` given), line numbers become buttons. */
  onSelectedLinesChange?: ((range: DiffLineRange | null) => void) | undefined;
  labels?: Partial<GitStorageLabels> | undefined;
  initialRect?: { width: number; height: number } | undefined;
}

export interface DiffViewModel {
  /** Every file of the diff, in git's order. */
  entries: readonly DiffEntry[];
  /** Indexes into `entries` of the files the filter lets through, in order. */
  shown: readonly number[];
  filter: string;
  setFilter: (filter: string) => void;
  split: boolean;
  setSplit: (split: boolean) => void;
  isViewed: (index: number) => boolean;
  toggleViewed: (index: number) => void;
  viewedCount: number;
  isCollapsed: (index: number) => boolean;
  setCollapsed: (index: number, collapsed: boolean) => void;
  /** File `index`'s blocks: hunks, folds (or their unfolded lines), pieces, annotations. */
  planFor: (index: number) => FilePlan;
  /** Content of an annotation block, by its `id`. */
  annotation: (id: string) => ReactNode;
  /** Unfolds a fold of file `index` (needs `loadNewText`); `canExpand` says whether it can. */
  expand: (index: number, foldKey: string) => Promise<void>;
  canExpand: boolean;
  foldState: (index: number) => ReadonlyMap<string, FoldState>;
  selectedLines: DiffLineRange | null;
  /** Selects a line; `extend` (shift-click) stretches the selection of the same file and side. */
  selectLine: ((path: string, side: 'old' | 'new', line: number, extend: boolean) => void) | null;
  /** The file at the top of the scroll view, as an index into `entries`. */
  currentFile: number | null;
  stepFile: (direction: 1 | -1) => void;
  stepChange: (direction: 1 | -1) => void;
  jumpToFile: (index: number) => void;
  /** Where the last step landed, in words: render in a polite live region. */
  announcement: string;
  /** Where focus should go next: a file's heading or one of its blocks (bump: `seq`). */
  focusTarget: { path: string; block: number | 'heading'; seq: number } | null;
  /** Spread on the element around the view: the `]`/`[`/`n`/`p` keys. */
  rootProps: { onKeyDown: (event: KeyboardEvent) => void };
  /** Spread on the scrolling element; its `ref` is the virtualizer's scroll element. */
  scrollProps: {
    ref: RefObject<HTMLElement | null>;
    onWheel: () => void;
    onTouchStart: () => void;
    onPointerDown: () => void;
  };
  /** Virtualizes `shown` (one item per file) in the scrolling element. */
  virtualizer: Virtualizer<HTMLElement, Element>;
  getScrollElement: () => HTMLElement | null;
}

const SPLIT_KEY = 'gsk-diff-split';
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' ']);
const NO_VIEWED: readonly string[] = [];
const EMPTY_FOLDS: ReadonlyMap<string, FoldState> = new Map();
const NO_ANCHORS: readonly LineAnchor[] = [];

/** A copy of a per-file map of per-fold values with one value set. */
function withEntry<T>(
  all: ReadonlyMap<string, ReadonlyMap<string, T>>,
  path: string,
  key: string,
  value: T,
): ReadonlyMap<string, ReadonlyMap<string, T>> {
  return new Map(all).set(path, new Map(all.get(path)).set(key, value));
}

/** Annotated plans, per planned file, for one set of anchors (a new array: planned again). */
const annotated = new WeakMap<FilePlan, { anchors: readonly LineAnchor[]; plan: FilePlan }>();

export function useDiffView(options: UseDiffViewOptions): DiffViewModel {
  const labels = useFamilyLabels(diffViewerLabels, options.labels);
  const entries = useMemo(() => (options.diff ? diffEntries(options.diff) : []), [options.diff]);

  const [storedSplit, setStoredSplit] = useStoredState<boolean>(SPLIT_KEY, false);
  const split = options.split ?? storedSplit;
  const setSplit = (next: boolean) => {
    if (options.split === undefined) setStoredSplit(next);
    options.onSplitChange?.(next);
  };

  const [storedViewed, setStoredViewed] = useStoredState<readonly string[]>(
    options.diffKey ? `gsk-diff-viewed:${options.diffKey}` : undefined,
    NO_VIEWED,
  );
  const viewedList = options.viewed ?? storedViewed;
  const controlledViewed = options.viewed !== undefined;
  const setViewedList = (update: (list: readonly string[]) => readonly string[]) => {
    const next = update(viewedList);
    if (!controlledViewed) setStoredViewed(next);
    options.onViewedChange?.(next);
  };
  const identities = useMemo(() => entries.map((e) => fileIdentity(e)), [entries]);
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
    options.collapsed
      ? options.collapsed.includes(identities[i] as string)
      : (collapsedChoice.get(viewKeys[i] as string) ?? isViewed(i));
  const setCollapsed = (i: number, value: boolean) => {
    if (!options.collapsed) {
      setCollapsedChoice((m) => new Map(m).set(viewKeys[i] as string, value));
    }
    options.onCollapsedChange?.(identities.filter((_, j) => (j === i ? value : isCollapsed(j))));
  };

  const [expansions, setExpansions] = useState<
    ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>
  >(new Map());
  const [folds, setFolds] = useState<ReadonlyMap<string, ReadonlyMap<string, FoldState>>>(
    new Map(),
  );

  // Annotations by path, as anchors (one array per path per annotations prop).
  const { annotations } = options;
  const byPath = useMemo(() => {
    const anchors = new Map<string, LineAnchor[]>();
    const content = new Map<string, ReactNode>();
    for (const a of annotations ?? []) {
      const list = anchors.get(a.path) ?? [];
      list.push({ side: a.side, line: a.line, id: a.key });
      anchors.set(a.path, list);
      content.set(a.key, a.content);
    }
    return { anchors, content };
  }, [annotations]);

  const planFor = (i: number): FilePlan => {
    const entry = entries[i] as DiffEntry;
    const plan = planOf(entry, expansions.get(viewKeys[i] as string), !!options.loadNewText);
    const anchors = byPath.anchors.get(entry.path) ?? NO_ANCHORS;
    if (anchors.length === 0) return plan;
    const cached = annotated.get(plan);
    if (cached?.anchors === anchors) return cached.plan;
    const result = annotatePlan(plan, anchors);
    annotated.set(plan, { anchors, plan: result });
    return result;
  };

  const [filter, setFilter] = useControllable<string>({
    value: options.filter,
    defaultValue: options.defaultFilter ?? '',
    onChange: options.onFilterChange,
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

  const selecting =
    options.onSelectedLinesChange !== undefined || options.selectedLines !== undefined;
  const [selectedLines, setSelectedLines] = useControllable<DiffLineRange | null>({
    value: options.selectedLines,
    defaultValue: null,
    onChange: options.onSelectedLinesChange,
    name: 'DiffView selectedLines',
  });
  // Where a shift-click stretches from: the line last clicked without shift.
  const selectionAnchor = useRef<number | null>(null);
  const selectLine = useCallback(
    (path: string, side: 'old' | 'new', line: number, extend: boolean) => {
      setSelectedLines((current) => {
        const sameSide = current?.path === path && current.side === side;
        if (extend && sameSide && selectionAnchor.current !== null) {
          const from = selectionAnchor.current;
          return { path, side, start: Math.min(from, line), end: Math.max(from, line) };
        }
        selectionAnchor.current = line;
        // A second click on the one selected line clears the selection.
        if (sameSide && current.start === line && current.end === line) return null;
        return { path, side, start: line, end: line };
      });
    },
    [setSelectedLines],
  );

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
    ...(options.initialRect ? { initialRect: options.initialRect } : {}),
  });
  const items = virtualizer.getVirtualItems();
  const offset = virtualizer.scrollOffset ?? 0;
  const topItem = items.find((item) => item.end > offset) ?? items[0];
  const currentFile = topItem ? (shown[topItem.index] as number) : null;

  const [announcement, setAnnouncement] = useState('');
  const [focusTarget, setFocusTarget] = useState<DiffViewModel['focusTarget']>(null);
  const seq = useRef(0);
  const position = useRef<Position | null>(null);

  const reveal = (i: number, block: number | 'heading') => {
    const entry = entries[i] as DiffEntry;
    if (isCollapsed(i) && block !== 'heading') setCollapsed(i, false);
    const at = shown.indexOf(i);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: 'start' });
    setFocusTarget({ path: entry.path, block, seq: ++seq.current });
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
    const next = (here()?.file ?? -1) + direction;
    if (next < 0 || next >= shown.length) {
      setAnnouncement(direction === 1 ? labels.noNextFile : labels.noPreviousFile);
      return;
    }
    jumpToFile(shown[next] as number);
  };

  const stepChangeBy = (direction: 1 | -1) => {
    const next = stepChange(
      shown.length,
      (k) => planFor(shown[k] as number).changeStarts,
      here(),
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

  const { loadNewText } = options;
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
  const scrolledByReader = useCallback(() => {
    position.current = null;
  }, []);
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

  return {
    entries,
    shown,
    filter,
    setFilter,
    split,
    setSplit,
    isViewed,
    toggleViewed,
    viewedCount,
    isCollapsed,
    setCollapsed,
    planFor,
    annotation: (id) => byPath.content.get(id),
    expand,
    canExpand: !!loadNewText,
    foldState: (i) => folds.get(viewKeys[i] as string) ?? EMPTY_FOLDS,
    selectedLines,
    selectLine: selecting ? selectLine : null,
    currentFile,
    stepFile,
    stepChange: stepChangeBy,
    jumpToFile,
    announcement,
    focusTarget,
    rootProps: { onKeyDown },
    scrollProps: {
      ref: scrollRef,
      onWheel: scrolledByReader,
      onTouchStart: scrolledByReader,
      onPointerDown: scrolledByReader,
    },
    virtualizer,
    getScrollElement,
  };
}
