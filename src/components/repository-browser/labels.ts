/** The repository browser's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import { blameLabels } from '../blame/labels.js';
import { branchPickerLabels } from '../branch-picker/labels.js';
import { codeSearchLabels } from '../code-search/labels.js';
import { commitComposerLabels } from '../commit-composer/labels.js';
import { commitHistoryLabels } from '../commit-history/labels.js';
import { commitViewLabels } from '../commit-view/labels.js';
import { compareLabels } from '../compare/labels.js';
import { diffViewerLabels } from '../diff-viewer/labels.js';
import { fileBrowserLabels } from '../file-browser/labels.js';
import { fileViewLabels } from '../file-view/labels.js';
import type { SharedLabels } from '../shared/labels.js';

export const repositoryBrowserLabels = {
  repository: (repoId: string) => `Repository ${repoId}`,
  showHistory: 'History',
  showFile: 'Code',
  showChanges: 'Changes',
  showSearch: 'Search',
  loadingView: 'Loading…',
  showCompare: 'Compare',
  blame: 'Blame',
  blameFile: (path: string) => `Blame of ${path}: who changed each line`,
  commitChanges: (short: string) => `Changes in ${short}`,
  atCommit: (short: string) => `at commit ${short}`,
  backToBranch: (branch: string) => `Back to ${branch}`,
  newCommit: (staged: number) => (staged > 0 ? `New commit (${staged} staged)` : 'New commit'),
  emptyRepositoryHowTo: (newCommit: string) =>
    `This repository has no files yet. Add the first ones with “${newCommit}”, or push to it with git.`,
  readOnlyNote: 'Read only: this sign-in can browse, not commit.',
  stageDeletionOf: (path: string) => `Stage deletion of ${path}`,
};

export type RepositoryBrowserLabels = typeof repositoryBrowserLabels & SharedLabels;

/** The strings of every family the browser shows (its views are those families' components). */
export const browserLabels = {
  ...fileBrowserLabels,
  ...fileViewLabels,
  ...blameLabels,
  ...codeSearchLabels,
  ...compareLabels,
  ...branchPickerLabels,
  ...commitHistoryLabels,
  ...commitViewLabels,
  ...diffViewerLabels,
  ...commitComposerLabels,
  ...repositoryBrowserLabels,
};
