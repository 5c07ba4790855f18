/**
 * The file tree of a sorted path list, without building a tree: the children of a folder are the
 * range of paths under its prefix (two binary searches), and each sub-folder inside that range is
 * skipped with another binary search, so listing a folder costs O(children × log n) whatever the
 * size of the repository. Expanding a folder computes only its own children. Plain TypeScript,
 * no React: the FileTree renders what this returns.
 *
 * Trees that arrive one folder at a time (large repositories) implement the same
 * {@link TreeSource}, so the rows, keyboard moves and ARIA numbers are computed one way for both.
 */

/** Symlinks and submodules are shown as what they are and never followed. */
export type TreeNodeKind = 'file' | 'folder' | 'symlink' | 'submodule';

/** One entry of a folder. */
export interface TreeNode {
  /** Full path from the repository root (no trailing slash). */
  path: string;
  /** The last component. */
  name: string;
  kind: TreeNodeKind;
}

/** A listing entry as the core gives it (`listFiles().entries`). */
export interface TreeEntryLike {
  path: string;
  type: 'blob' | 'tree' | 'symlink' | 'submodule';
}

/** What is known of one folder's entries. */
export type FolderContents =
  | {
      status: 'ready';
      nodes: readonly TreeNode[];
      /** More entries exist on the server (a huge folder read page by page). */
      hasMore?: boolean;
      /** The next page is on its way. */
      loadingMore?: boolean;
      /** The next page failed. */
      moreError?: Error;
    }
  | { status: 'loading' }
  | { status: 'error'; error: Error };

/** Anything that can say what a folder holds ('' is the root). */
export interface TreeSource {
  folder(path: string): FolderContents;
}

/** A row for an entry, with what a WAI-ARIA tree needs to announce it. */
export interface TreeNodeRow extends TreeNode {
  type: 'node';
  /** 1 for the root's entries (`aria-level`). */
  level: number;
  /** Folders only: whether its children are shown (`aria-expanded`). */
  expanded: boolean;
  /** 1-based position among its siblings (`aria-posinset`). */
  posInSet: number;
  /** How many siblings, itself included (`aria-setsize`). */
  setSize: number;
  /** The folder holding it ('' for the root). */
  parent: string;
}

/** A row that stands for a folder's state instead of an entry. */
export interface TreeStatusRow {
  type: 'loading' | 'error' | 'empty' | 'more';
  /** The folder it belongs to ('' for the root). */
  folder: string;
  level: number;
  error?: Error;
  /** For 'more': the next page is being read. */
  busy?: boolean;
}

export type TreeRow = TreeNodeRow | TreeStatusRow;

/**
 * How a name sorts, as people sort files (and GitHub does): case-insensitive, with runs of
 * digits compared as numbers (`file2` before `file10`). Made once per name and compared as plain
 * strings, so the order is the same in every locale and a folder of 100,000 entries sorts in
 * plain string time. Hand-written: `Intl.Collator` gives this order but depends on the locale and
 * is several times slower per comparison.
 */
export function nameSortKey(name: string): string {
  return name.toLowerCase().replace(/\d+/g, (digits) => {
    const trimmed = digits.replace(/^0+(?=\d)/, '');
    // The length first, so 9 < 10 < 100; then the digits themselves.
    return `${String.fromCharCode(0x30 + Math.min(trimmed.length, 40))}${trimmed}`;
  });
}

/** Sorts nodes in place: folders first, then files, each in `nameSortKey` order (ties: by name). */
export function sortNodes(nodes: TreeNode[]): TreeNode[] {
  const keys = new Map(nodes.map((n) => [n, nameSortKey(n.name)]));
  return nodes.sort((a, b) => {
    const af = a.kind === 'folder';
    if (af !== (b.kind === 'folder')) return af ? -1 : 1;
    const ka = keys.get(a) as string;
    const kb = keys.get(b) as string;
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** Sorts past every path that starts with `prefix` (all of them sort before prefix + U+FFFF). */
const AFTER = '\uffff';

function isSorted(paths: readonly string[]): boolean {
  for (let i = 1; i < paths.length; i++) {
    if ((paths[i - 1] as string) > (paths[i] as string)) return false;
  }
  return true;
}

/** The file tree of a whole listing, held as one sorted array of paths. */
export class PathTree implements TreeSource {
  private readonly paths: readonly string[];
  /** Paths that are not plain files (folders given explicitly, symlinks, submodules). */
  private readonly kinds: ReadonlyMap<string, TreeNodeKind>;
  private readonly cache = new Map<string, readonly TreeNode[]>();

  /**
   * `paths`: every file of the tree (as `listFiles({ recursive: true }).paths` gives them).
   * `kinds`: the paths that are not plain files; a folder named here is shown even when empty.
   */
  constructor(paths: readonly string[], kinds: ReadonlyMap<string, TreeNodeKind> = new Map()) {
    this.paths = isSorted(paths) ? paths : [...paths].sort();
    this.kinds = kinds;
  }

  /** A tree from listing entries; folders come from the entries' own paths, trees included. */
  static fromEntries(entries: readonly TreeEntryLike[]): PathTree {
    const paths: string[] = [];
    const kinds = new Map<string, TreeNodeKind>();
    for (const entry of entries) {
      paths.push(entry.path);
      if (entry.type !== 'blob')
        kinds.set(entry.path, entry.type === 'tree' ? 'folder' : entry.type);
    }
    return new PathTree(paths, kinds);
  }

  /** How many paths the tree holds. */
  get size(): number {
    return this.paths.length;
  }

  /** Every path, sorted. */
  allPaths(): readonly string[] {
    return this.paths;
  }

  kindOf(path: string): TreeNodeKind {
    return this.kinds.get(path) ?? 'file';
  }

  /** The first index whose path is not below `value`. */
  private lowerBound(value: string, from = 0): number {
    let lo = from;
    let hi = this.paths.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.paths[mid] as string) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The entries of `folder` ('' for the root), folders first. Remembered per folder. */
  children(folder: string): readonly TreeNode[] {
    const known = this.cache.get(folder);
    if (known) return known;
    const prefix = folder === '' ? '' : `${folder}/`;
    const nodes: TreeNode[] = [];
    const end = prefix === '' ? this.paths.length : this.lowerBound(prefix + AFTER);
    for (let i = this.lowerBound(prefix); i < end; ) {
      const path = this.paths[i] as string;
      const slash = path.indexOf('/', prefix.length);
      const kind = slash < 0 ? (this.kinds.get(path) ?? 'file') : 'folder';
      if (kind !== 'folder') {
        nodes.push({ path, name: path.slice(prefix.length), kind });
        i++;
      } else {
        const sub = slash < 0 ? path : path.slice(0, slash);
        nodes.push({ path: sub, name: sub.slice(prefix.length), kind: 'folder' });
        i = this.lowerBound(`${sub}/${AFTER}`, i + 1); // skip the whole sub-folder
      }
    }
    sortNodes(nodes);
    this.cache.set(folder, nodes);
    return nodes;
  }

  folder(path: string): FolderContents {
    return { status: 'ready', nodes: this.children(path) };
  }

  /** Whether `path` is a folder of this tree. */
  isFolder(path: string): boolean {
    if (this.kinds.get(path) === 'folder') return true;
    const at = this.lowerBound(`${path}/`);
    return at < this.paths.length && (this.paths[at] as string).startsWith(`${path}/`);
  }

  /** The visible rows, depth first, with the folders in `expanded` open. */
  rows(expanded: ReadonlySet<string> | ((path: string) => boolean)): TreeRow[] {
    return visibleRows(this, expanded);
  }

  /**
   * The tree narrowed to paths containing `query` (case-insensitive), with every folder on the
   * way kept. One pass over the paths: 100,000 paths take a few milliseconds.
   */
  filter(query: string): PathTree {
    const needle = query.toLowerCase();
    if (needle === '') return this;
    const kept = this.paths.filter((p) => p.toLowerCase().includes(needle));
    const kinds = new Map<string, TreeNodeKind>();
    for (const p of kept) {
      const kind = this.kinds.get(p);
      if (kind) kinds.set(p, kind);
    }
    return new PathTree(kept, kinds);
  }
}

/** Every folder of `path`'s ancestry, outermost first ('a/b/c' → ['a', 'a/b']). */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) {
    out.push(path.slice(0, at));
  }
  return out;
}

/** The folder holding `path` ('' for the root's entries). */
export function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

/**
 * The rows a tree shows, depth first: each open folder's entries, or a row saying it is loading,
 * failed, empty, or has more to read. O(visible rows).
 */
export function visibleRows(
  source: TreeSource,
  expanded: ReadonlySet<string> | ((path: string) => boolean),
): TreeRow[] {
  const isOpen = typeof expanded === 'function' ? expanded : (p: string) => expanded.has(p);
  const rows: TreeRow[] = [];
  const visit = (folder: string, level: number): void => {
    const contents = source.folder(folder);
    if (contents.status === 'loading') {
      rows.push({ type: 'loading', folder, level });
      return;
    }
    if (contents.status === 'error') {
      rows.push({ type: 'error', folder, level, error: contents.error });
      return;
    }
    const { nodes } = contents;
    if (nodes.length === 0 && !contents.hasMore) {
      rows.push({ type: 'empty', folder, level });
      return;
    }
    const setSize = nodes.length;
    for (let i = 0; i < setSize; i++) {
      const node = nodes[i] as TreeNode;
      const open = node.kind === 'folder' && isOpen(node.path);
      rows.push({
        type: 'node',
        ...node,
        level,
        expanded: open,
        posInSet: i + 1,
        setSize,
        parent: folder,
      });
      if (open) visit(node.path, level + 1);
    }
    if (contents.hasMore) {
      const more: TreeStatusRow = { type: 'more', folder, level, busy: !!contents.loadingMore };
      if (contents.moreError) more.error = contents.moreError;
      rows.push(more);
    }
  };
  visit('', 1);
  return rows;
}

/**
 * Type-ahead: the next entry row after `from` (wrapping) whose name starts with `prefix`,
 * ignoring case; -1 when none does.
 */
export function findByPrefix(rows: readonly TreeRow[], from: number, prefix: string): number {
  const needle = prefix.toLowerCase();
  for (let k = 1; k <= rows.length; k++) {
    const i = (from + k) % rows.length;
    const row = rows[i] as TreeRow;
    if (row.type === 'node' && row.name.toLowerCase().startsWith(needle)) return i;
  }
  return -1;
}
