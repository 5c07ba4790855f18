/**
 * The presentational file tree: a WAI-ARIA tree (one tab stop through `aria-activedescendant`,
 * every row with level / set size / position because rows are virtualized) over any
 * {@link TreeSource}. Data comes in props; nothing here reads from a server.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { cx } from '../shared/cx.js';
import { formatNumber } from '../shared/format.js';
import { KindIcon } from '../shared/icons.js';
import { type GitStorageLabels, useLabels, useLocale } from '../shared/labels.js';
import { useControllable } from '../shared/use-controllable.js';
import { keepRowMounted, rowDomId } from '../shared/virtual-rows.js';
import {
  findByPrefix,
  PathTree,
  type TreeNode,
  type TreeNodeRow,
  type TreeRow,
  type TreeSource,
  visibleRows,
} from './tree-model.js';

export interface FileTreeProps {
  /** What each folder holds: `new PathTree(paths)`, `PathTree.fromEntries(entries)`, or your own. */
  source: TreeSource;
  /** Open folders (controlled). Leave out and use `defaultExpanded` to let the tree keep them. */
  expanded?: ReadonlySet<string>;
  defaultExpanded?: Iterable<string>;
  onExpandedChange?: (expanded: ReadonlySet<string>) => void;
  /** The file shown as selected (`aria-selected`). */
  selectedPath?: string | null;
  /** A file, symlink or submodule was chosen (click, Enter or Space). */
  onSelectFile?: (path: string, node: TreeNode) => void;
  /**
   * The Delete key was pressed on a file (the repository browser stages its deletion in the
   * commit composer). Without it the key does nothing.
   */
  onDeleteFile?: (path: string) => void;
  /** A folder that failed to load asks to be read again. */
  onRetry?: (folder: string) => void;
  /** A folder with more entries on the server asks for its next page (when that row shows). */
  onLoadMore?: (folder: string) => void;
  /** Extra content at the end of an entry's row (a badge, a status); keep it non-interactive. */
  renderRowDecoration?: (row: TreeNodeRow) => ReactNode;
  /** Show the filter box (default true). */
  filterable?: boolean;
  /** Whether every entry of the repository is in `source` (the filter says so when not). */
  complete?: boolean;
  /** Message shown when the root is empty. */
  emptyMessage?: ReactNode;
  /** Row height in pixels (default 28); rows are virtualized at this fixed height. */
  rowHeight?: number;
  /** Accessible name of the tree (default "Files"). */
  'aria-label'?: string;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

const TYPEAHEAD_MS = 600;

/** The folder a row sits in ('' for the root). */
function parentFolder(row: TreeRow): string {
  return row.type === 'node' ? row.parent : row.folder;
}

function rowKey(row: TreeRow): string {
  return row.type === 'node' ? `n:${row.path}` : `${row.type}:${row.folder}`;
}

export function FileTree(props: FileTreeProps) {
  const labels = useLabels(props.labels);
  const locale = useLocale();
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
  const virtualizer = useVirtualizer({
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

  const { onSelectFile, onRetry, onLoadMore } = props;
  const activate = useCallback(
    (row: TreeRow) => {
      if (row.type === 'node') {
        if (row.kind === 'folder') {
          if (!filtered) toggle(row.path, !row.expanded);
        } else onSelectFile?.(row.path, row);
      } else if (row.type === 'error') onRetry?.(row.folder);
      else if (row.type === 'more' && !row.busy) onLoadMore?.(row.folder);
    },
    [filtered, toggle, onSelectFile, onRetry, onLoadMore],
  );

  const typeahead = useRef({ text: '', at: 0 });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
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
  const treeLabel = props['aria-label'] ?? labels.fileTree;
  const showFilter = props.filterable ?? true;
  const partial = filtered !== null && props.complete === false;

  return (
    <div className={cx('gsk-file-tree', props.className)}>
      {showFilter && (
        <div className="gsk-file-tree__filter">
          <input
            type="search"
            className="gsk-input"
            aria-label={labels.filterLabel}
            placeholder={labels.filterPlaceholder}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {partial && (
            <p className="gsk-file-tree__note" role="status">
              {labels.filterPartial(formatNumber(filtered.size, locale))}
            </p>
          )}
        </div>
      )}
      {rows.length === 0 || (rows.length === 1 && rows[0]?.type === 'empty') ? (
        <p className="gsk-file-tree__empty" role="status">
          {filtered ? labels.filterNoMatch : (props.emptyMessage ?? labels.emptyRepository)}
        </p>
      ) : (
        <div
          ref={scrollRef}
          className="gsk-file-tree__scroll"
          role="tree"
          aria-label={treeLabel}
          tabIndex={0}
          aria-activedescendant={activeIndex >= 0 ? rowId(activeIndex) : undefined}
          aria-keyshortcuts={props.onDeleteFile ? 'Delete' : undefined}
          onKeyDown={onKeyDown}
        >
          <div className="gsk-file-tree__rows" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index] as TreeRow;
              return (
                <TreeRowView
                  key={rowKey(row)}
                  id={rowId(item.index)}
                  row={row}
                  top={item.start}
                  height={rowHeight}
                  active={item.index === activeIndex}
                  selected={row.type === 'node' && row.path === props.selectedPath}
                  labels={labels}
                  decoration={row.type === 'node' ? props.renderRowDecoration?.(row) : undefined}
                  onClick={() => {
                    setActiveKey(rowKey(row));
                    activate(row);
                  }}
                  onVisibleMore={onLoadMore}
                />
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
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

function TreeRowView(props: {
  id: string;
  row: TreeRow;
  top: number;
  height: number;
  active: boolean;
  selected: boolean;
  labels: GitStorageLabels;
  decoration: ReactNode;
  onClick: () => void;
  onVisibleMore: ((folder: string) => void) | undefined;
}) {
  const { row, labels, onVisibleMore } = props;
  // A "more" row that scrolls into view asks for the next page by itself.
  const wantsMore = row.type === 'more' && !row.busy && !row.error;
  const folder = parentFolder(row);
  useEffect(() => {
    if (wantsMore) onVisibleMore?.(folder);
  }, [wantsMore, onVisibleMore, folder]);

  const style = {
    transform: `translateY(${props.top}px)`,
    height: props.height,
    '--gsk-level': row.level,
  } as CSSProperties;
  const className = cx(
    'gsk-file-tree__row',
    `gsk-file-tree__row--${row.type === 'node' ? row.kind : row.type}`,
    props.active && 'gsk-file-tree__row--active',
    props.selected && 'gsk-file-tree__row--selected',
  );

  if (row.type !== 'node') {
    const text =
      row.type === 'loading'
        ? labels.loadingFolder
        : row.type === 'empty'
          ? labels.emptyFolder
          : row.type === 'error'
            ? `${labels.folderError(row.error?.message ?? '')} ${labels.retry}`
            : row.error
              ? `${labels.folderError(row.error.message)} ${labels.retry}`
              : row.busy
                ? labels.loadingMore
                : labels.loadMore;
    return (
      // Status rows are treeitems so the keyboard reaches them (Enter retries or loads more).
      // biome-ignore lint/a11y/useKeyWithClickEvents: the tree's onKeyDown handles Enter for every row.
      // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the tree, rows are reached through aria-activedescendant.
      <div
        id={props.id}
        role="treeitem"
        aria-level={row.level}
        aria-selected={false}
        aria-busy={row.type === 'loading' || row.busy ? true : undefined}
        className={className}
        style={style}
        onClick={props.onClick}
      >
        <span className="gsk-file-tree__status">{text}</span>
      </div>
    );
  }

  const kindNote =
    row.kind === 'symlink' ? labels.symlink : row.kind === 'submodule' ? labels.submodule : null;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tree's onKeyDown handles the keyboard.
    // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the tree, rows are reached through aria-activedescendant.
    <div
      id={props.id}
      role="treeitem"
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={row.kind === 'folder' ? row.expanded : undefined}
      aria-selected={props.selected}
      className={className}
      style={style}
      title={row.path}
      onClick={props.onClick}
    >
      <span className="gsk-file-tree__chevron" aria-hidden="true">
        {row.kind === 'folder' ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      <KindIcon kind={row.kind} open={row.expanded} />
      <span className="gsk-file-tree__name">{row.name}</span>
      {kindNote && <span className="gsk-badge">{kindNote}</span>}
      {props.decoration}
    </div>
  );
}
