/**
 * The file tree's keyboard model, headless: which rows show (open folders, or the filter's
 * matches), which one is active, the virtualizer that mounts them, and the props for the element
 * that owns the tree (`role="tree"`, one tab stop through `aria-activedescendant`). `FileTree`
 * renders with it; an app can render its own rows with it and keep the WAI-ARIA tree behaviour
 * (arrows, Home/End, type-ahead, `*`, Enter/Space, Delete).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useControllable } from '../shared/use-controllable.js';
import { keepRowMounted, rowDomId } from '../shared/virtual-rows.js';
import {
  findByPrefix,
  PathTree,
  type TreeNode,
  type TreeRow,
  type TreeSource,
  visibleRows,
} from './tree-model.js';

export interface UseFileTreeOptions {
  source: TreeSource;
  expanded?: ReadonlySet<string> | undefined;
  defaultExpanded?: Iterable<string> | undefined;
  onExpandedChange?: ((expanded: ReadonlySet<string>) => void) | undefined;
  onSelectFile?: ((path: string, node: TreeNode) => void) | undefined;
  onSelectFolder?: ((path: string, node: TreeNode) => void) | undefined;
  onDeleteFile?: ((path: string) => void) | undefined;
  onRetry?: ((folder: string) => void) | undefined;
  onLoadMore?: ((folder: string) => void) | undefined;
  /** Row height in pixels (default 28). */
  rowHeight?: number | undefined;
}

export interface FileTreeModel {
  /** The rows to show, in order (a filter shows its matches with their folders). */
  rows: readonly TreeRow[];
  /** The active row (-1: none). */
  activeIndex: number;
  virtualizer: ReturnType<typeof useVirtualizer<HTMLDivElement, Element>>;
  expanded: ReadonlySet<string>;
  setExpanded: (next: ReadonlySet<string>) => void;
  /** The filter text, and the filtered tree while there is one. */
  query: string;
  setQuery: (query: string) => void;
  filtered: PathTree | null;
  /** What a click on a row does: makes it active and activates it (open, choose, retry, more). */
  choose: (index: number) => void;
  /** The DOM id of row `index` (from what it is, never its position). */
  rowId: (index: number) => string;
  /** A stable key for a row (React `key`). */
  rowKey: (row: TreeRow) => string;
  /** Spread on the element that owns the rows. */
  treeProps: {
    ref: RefObject<HTMLDivElement | null>;
    role: 'tree';
    tabIndex: 0;
    'aria-activedescendant': string | undefined;
    'aria-keyshortcuts': string | undefined;
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  };
}

const TYPEAHEAD_MS = 600;

/** The folder a row sits in ('' for the root). */
export function parentFolder(row: TreeRow): string {
  return row.type === 'node' ? row.parent : row.folder;
}

function rowKey(row: TreeRow): string {
  return row.type === 'node' ? `n:${row.path}` : `${row.type}:${row.folder}`;
}

/** The keyboard model of a file tree over `options.source` (see {@link FileTreeModel}). */
export function useFileTree(props: UseFileTreeOptions): FileTreeModel {
  const rowHeight = props.rowHeight ?? 28;
  const [expanded, setExpanded] = useControllable<ReadonlySet<string>>({
    value: props.expanded,
    defaultValue: () => new Set(props.defaultExpanded ?? []),
    onChange: props.onExpandedChange,
    name: 'FileTree expanded',
  });

  const [query, setQuery] = useState('');
  const filtered = useMemo(() => {
    const q = query.trim();
    if (!q) return null;
    const base = props.source instanceof PathTree ? props.source : null;
    const tree = base ?? loadedTree(props.source);
    return tree.filter(q);
  }, [props.source, query]);
  const rows = useMemo(
    () => (filtered ? filtered.rows(() => true) : visibleRows(props.source, expanded)),
    [filtered, props.source, expanded],
  );

  const [activeKey, setActiveKey] = useState<string | null>(null);
  const activeIndex = useMemo(() => {
    if (rows.length === 0) return -1;
    if (activeKey === null) return 0;
    const at = rows.findIndex((r) => rowKey(r) === activeKey);
    return Math.max(at, 0);
  }, [rows, activeKey]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // Lets the first rows render before layout is measured (and during server rendering).
    initialRect: { width: 320, height: rowHeight * 20 },
    rangeExtractor: keepRowMounted(activeIndex),
  });

  const moveTo = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return;
      setActiveKey(rowKey(row));
      virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [rows, virtualizer],
  );

  const toggle = useCallback(
    (path: string, open: boolean) => {
      const next = new Set(expanded);
      if (open) next.add(path);
      else next.delete(path);
      setExpanded(next);
    },
    [expanded, setExpanded],
  );

  const { onSelectFile, onSelectFolder, onRetry, onLoadMore } = props;
  const activate = useCallback(
    (row: TreeRow) => {
      if (row.type === 'node') {
        if (row.kind === 'folder') {
          if (!filtered) toggle(row.path, !row.expanded);
          onSelectFolder?.(row.path, row);
        } else onSelectFile?.(row.path, row);
      } else if (row.type === 'error') onRetry?.(row.folder);
      else if (row.type === 'more' && !row.busy) onLoadMore?.(row.folder);
    },
    [filtered, toggle, onSelectFile, onSelectFolder, onRetry, onLoadMore],
  );

  const typeahead = useRef({ text: '', at: 0 });
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const row = rows[activeIndex];
    if (!row) return;
    const node = row.type === 'node' ? row : null;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(Math.min(activeIndex + 1, rows.length - 1));
        break;
      case 'ArrowUp':
        moveTo(Math.max(activeIndex - 1, 0));
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (node?.kind === 'folder') {
          if (!node.expanded && !filtered) toggle(node.path, true);
          else if ((rows[activeIndex + 1]?.level ?? 0) > node.level) moveTo(activeIndex + 1);
        }
        break;
      case 'ArrowLeft': {
        if (node?.kind === 'folder' && node.expanded && !filtered) {
          toggle(node.path, false);
          break;
        }
        const parent = parentFolder(row);
        if (parent === '') break;
        const at = rows.findIndex((r) => r.type === 'node' && r.path === parent);
        if (at >= 0) moveTo(at);
        break;
      }
      case 'Enter':
      case ' ':
        activate(row);
        break;
      case 'Delete':
        if (!node || node.kind === 'folder' || node.kind === 'submodule' || !props.onDeleteFile) {
          return;
        }
        props.onDeleteFile(node.path);
        break;
      case '*': {
        if (filtered) break;
        const parent = parentFolder(row);
        const next = new Set(expanded);
        for (const r of rows) {
          if (r.type === 'node' && r.kind === 'folder' && r.parent === parent) next.add(r.path);
        }
        setExpanded(next);
        break;
      }
      default: {
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
        const now = Date.now();
        const ta = typeahead.current;
        ta.text = now - ta.at < TYPEAHEAD_MS ? ta.text + event.key : event.key;
        ta.at = now;
        // A longer prefix may still match the current row; a fresh letter moves past it.
        const at = findByPrefix(rows, ta.text.length > 1 ? activeIndex - 1 : activeIndex, ta.text);
        if (at >= 0) moveTo(at);
        break;
      }
    }
    event.preventDefault();
  };

  const baseId = useId();
  const rowId = (index: number) => rowDomId(`${baseId}-row`, rowKey(rows[index] as TreeRow));
  const choose = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActiveKey(rowKey(row));
    activate(row);
  };
  return {
    rows,
    activeIndex,
    virtualizer,
    expanded,
    setExpanded,
    query,
    setQuery,
    filtered,
    choose,
    rowId,
    rowKey,
    treeProps: {
      ref: scrollRef,
      role: 'tree',
      tabIndex: 0,
      'aria-activedescendant': activeIndex >= 0 ? rowId(activeIndex) : undefined,
      'aria-keyshortcuts': props.onDeleteFile ? 'Delete' : undefined,
      onKeyDown,
    },
  };
}

/** What a non-PathTree source has loaded so far, as one tree the filter can scan. */
function loadedTree(source: TreeSource): PathTree {
  const entries: { path: string; type: 'blob' | 'tree' | 'symlink' | 'submodule' }[] = [];
  const visit = (folder: string) => {
    const contents = source.folder(folder);
    if (contents.status !== 'ready') return;
    for (const node of contents.nodes) {
      entries.push({ path: node.path, type: KIND_TO_TYPE[node.kind] });
      if (node.kind === 'folder') visit(node.path);
    }
  };
  visit('');
  return PathTree.fromEntries(entries);
}

const KIND_TO_TYPE = {
  file: 'blob',
  folder: 'tree',
  symlink: 'symlink',
  submodule: 'submodule',
} as const;
