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
  /** What the main pane shows; `changes` is the diff of `commit`, `commit` the commit composer. */
  view?: 'file' | 'history' | 'changes' | 'commit';
}

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
  if (view === 'history' || view === 'file' || view === 'changes' || view === 'commit') {
    location.view = view;
  }
  return location;
}

export function formatLocationHash(location: RepositoryLocation): string {
  const params = new URLSearchParams();
  if (location.branch) params.set('branch', location.branch);
  if (location.commit) params.set('commit', location.commit);
  if (location.path) params.set('path', location.path);
  if (location.view && location.view !== 'file') params.set('view', location.view);
  const text = params.toString();
  return text ? `#${text}` : '';
}
