/**
 * The place in a repository (branch, commit, path, view) as a URL hash, so a reload or a shared
 * link lands in the same spot: `#branch=main&path=src%2Fa.ts&view=history`. Plain TypeScript.
 */

export interface RepositoryLocation {
  branch?: string;
  /** Browsing the tree as of this commit instead of the branch head. */
  commit?: string;
  /** A file, or a folder written with a trailing `/` (`src/`): a folder shows its README. */
  path?: string;
  /**
   * What the main pane shows: `changes` is the page of `commit`, `commit` the commit composer,
   * `blame` the blame of `path`, `search` code search (`query`), `compare` the branch against
   * `base`.
   */
  view?: RepositoryView;
  /** A line of `path` to scroll to and mark (a search result). */
  line?: number;
  /** The code search's text (view `search`). */
  query?: string;
  /** What the branch is compared with (view `compare`; the default branch when left out). */
  base?: string;
}

export type RepositoryView =
  | 'file'
  | 'history'
  | 'changes'
  | 'commit'
  | 'blame'
  | 'search'
  | 'compare';

const VIEWS: ReadonlySet<string> = new Set<RepositoryView>([
  'file',
  'history',
  'changes',
  'commit',
  'blame',
  'search',
  'compare',
]);

export function parseLocationHash(hash: string): RepositoryLocation {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const location: RepositoryLocation = {};
  const branch = params.get('branch');
  if (branch) location.branch = branch;
  const commit = params.get('commit');
  if (commit && /^[0-9a-f]{4,64}$/i.test(commit)) location.commit = commit;
  const path = params.get('path');
  if (path) location.path = path;
  const view = params.get('view');
  if (view && VIEWS.has(view)) location.view = view as RepositoryView;
  const line = Number(params.get('line'));
  if (Number.isInteger(line) && line > 0) location.line = line;
  const query = params.get('q');
  if (query) location.query = query;
  const base = params.get('base');
  if (base) location.base = base;
  return location;
}

export function formatLocationHash(location: RepositoryLocation): string {
  const params = new URLSearchParams();
  if (location.branch) params.set('branch', location.branch);
  if (location.commit) params.set('commit', location.commit);
  if (location.path) params.set('path', location.path);
  if (location.view && location.view !== 'file') params.set('view', location.view);
  if (location.line) params.set('line', String(location.line));
  if (location.query) params.set('q', location.query);
  if (location.base) params.set('base', location.base);
  const text = params.toString();
  return text ? `#${text}` : '';
}
