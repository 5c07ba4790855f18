/**
 * The file tree of a sorted path list, without building a tree: the children of a folder are the
 * range of paths under its prefix (two binary searches), and each sub-folder inside that range is
 * skipped with another binary search, so listing a folder costs O(children × log n) whatever the
 * size of the repository. Expanding a folder computes only its own children. Plain TypeScript,
 * no React: the FileBrowser renders what this returns.
 */

export type TreeNodeKind = 'file' | 'folder';

/** One entry of a folder. */
export interface TreeNode {
  /** Full path from the repository root (no trailing slash). */
  path: string;
  /** The last component. */
  name: string;
  kind: TreeNodeKind;
}

/** One visible row, with what a WAI-ARIA tree needs to announce it. */
export interface TreeRow extends TreeNode {
  /** 1 for the root's entries (`aria-level`). */
  level: number;
  /** Folders only: whether its children are shown (`aria-expanded`). */
  expanded: boolean;
  /** 1-based position among its siblings (`aria-posinset`). */
  posInSet: number;
  /** How many siblings, itself included (`aria-setsize`). */
  setSize: number;
}

/** Folders first, then files; each by name in plain string order (stable across locales). */
function compareNodes(a: TreeNode, b: TreeNode): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Sorts past every path that starts with `prefix` (all of them sort before prefix + U+FFFF). */
const AFTER = '\uffff';

export class PathTree {
  private readonly paths: readonly string[];
  private readonly cache = new Map<string, readonly TreeNode[]>();

  /** `paths`: every file of the tree (as `listFiles({ recursive: true })` gives them). */
  constructor(paths: readonly string[]) {
    let sorted = true;
    for (let i = 1; i < paths.length && sorted; i++) {
      if ((paths[i - 1] as string) > (paths[i] as string)) sorted = false;
    }
    this.paths = sorted ? paths : [...paths].sort();
  }

  /** How many files the tree holds. */
  get size(): number {
    return this.paths.length;
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
      if (slash < 0) {
        nodes.push({ path, name: path.slice(prefix.length), kind: 'file' });
        i++;
      } else {
        const sub = path.slice(0, slash);
        nodes.push({ path: sub, name: sub.slice(prefix.length), kind: 'folder' });
        i = this.lowerBound(`${sub}/${AFTER}`, i + 1); // skip the whole sub-folder
      }
    }
    nodes.sort(compareNodes);
    this.cache.set(folder, nodes);
    return nodes;
  }

  /** Whether `path` is a folder of this tree. */
  isFolder(path: string): boolean {
    const at = this.lowerBound(`${path}/`);
    return at < this.paths.length && (this.paths[at] as string).startsWith(`${path}/`);
  }

  /** The visible rows, depth first, with the folders in `expanded` open. */
  rows(expanded: ReadonlySet<string>): TreeRow[] {
    const rows: TreeRow[] = [];
    const visit = (folder: string, level: number): void => {
      const nodes = this.children(folder);
      nodes.forEach((node, i) => {
        const open = node.kind === 'folder' && expanded.has(node.path);
        rows.push({ ...node, level, expanded: open, posInSet: i + 1, setSize: nodes.length });
        if (open) visit(node.path, level + 1);
      });
    };
    visit('', 1);
    return rows;
  }
}
