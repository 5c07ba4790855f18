/** The commit view's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const commitViewLabels = {
  commitLoading: 'Loading commit…',
  commitError: (message: string) => `Could not load the commit: ${message}`,
  commitChanges: (short: string) => `Changes in ${short}`,
  authored: 'authored',
  committerIs: 'committed by',
  onBranch: (branch: string) => `on ${branch}`,
  parents: (count: number) => (count === 1 ? '1 parent' : `${count} parents`),
  noParents: 'no parent (the first commit)',
  openParent: (short: string) => `Open parent commit ${short}`,
  commitId: 'Commit',
  copySha: (short: string) => `Copy commit id ${short}`,
  copied: 'Copied',
  browseFiles: 'Browse files',
  browseFilesAt: (short: string) => `Browse files at ${short}`,
};

export type CommitViewLabels = typeof commitViewLabels & SharedLabels;
