/** The commit list and history's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const commitHistoryLabels = {
  history: 'History',
  historyFor: (path: string) => `History of ${path}`,
  commitsLoading: 'Loading history…',
  commitsError: (message: string) => `Could not load the history: ${message}`,
  noCommits: 'No commits yet.',
  copySha: (short: string) => `Copy commit id ${short}`,
  copied: 'Copied',
  commitsOn: (day: string) => `Commits on ${day}`,
  committedBy: (author: string, when: string) => `${author} committed ${when}`,
};

export type CommitHistoryLabels = typeof commitHistoryLabels & SharedLabels;
