import { type CSSProperties, type ReactNode, useEffect } from 'react';
import { BidiText } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { formatNumber } from '../shared/format.js';
import { KindIcon } from '../shared/icons.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { type FileBrowserLabels, fileBrowserLabels } from './labels.js';
import type { TreeNode, TreeNodeRow, TreeRow, TreeSource } from './tree-model.js';
import { parentFolder, useFileTree } from './use-file-tree.js';

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
   * A folder was activated (click, Enter or Space): it opens or closes as well. The repository
   * browser shows the folder's README.
   */
  onSelectFolder?: (path: string, node: TreeNode) => void;
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

export function FileTree(props: FileTreeProps) {
  const labels = useFamilyLabels(fileBrowserLabels, props.labels);
  const locale = useLocale();
  const rowHeight = props.rowHeight ?? 28;
  const tree = useFileTree(props);
  const { rows, activeIndex, virtualizer, query, setQuery, filtered, rowId, rowKey } = tree;
  const { onLoadMore } = props;
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
      {rows.length === 1 && rows[0]?.type === 'error' && rows[0].folder === '' ? (
        // The whole listing failed: the sentence in full, wrapped, with Retry beside it.
        <div className="gsk-file-tree__failed">
          <ErrorMessage
            onRetry={props.onRetry ? () => props.onRetry?.('') : undefined}
            retryLabel={labels.retry}
          >
            {labels.folderError(rows[0].error?.message ?? '')}
          </ErrorMessage>
        </div>
      ) : rows.length === 0 || (rows.length === 1 && rows[0]?.type === 'empty') ? (
        <p className="gsk-file-tree__empty" role="status">
          {filtered ? labels.filterNoMatch : (props.emptyMessage ?? labels.emptyRepository)}
        </p>
      ) : (
        <div
          {...tree.treeProps}
          role="tree"
          className="gsk-file-tree__scroll"
          aria-label={treeLabel}
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
                  onClick={() => tree.choose(item.index)}
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

function TreeRowView(props: {
  id: string;
  row: TreeRow;
  top: number;
  height: number;
  active: boolean;
  selected: boolean;
  labels: FileBrowserLabels;
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
        {row.error || row.type === 'error' ? (
          // The message may be cut to fit the row; the whole of it is the row's title, and
          // "Retry" never shrinks out of sight.
          <span className="gsk-file-tree__status" title={text}>
            <span className="gsk-file-tree__status-text">
              {labels.folderError(row.error?.message ?? '')}
            </span>{' '}
            <span className="gsk-file-tree__retry">{labels.retry}</span>
          </span>
        ) : (
          <span className="gsk-file-tree__status">{text}</span>
        )}
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
      <BidiText className="gsk-file-tree__name" text={row.name} ltr />
      {kindNote && <span className="gsk-badge">{kindNote}</span>}
      {props.decoration}
    </div>
  );
}
