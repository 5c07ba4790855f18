/** The blame view's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const blameLabels = {
  blameOf: (path: string) => `Blame of ${path}`,
  blameLines: (path: string) => `Lines of ${path} with the commit of each`,
  blameLoading: 'Loading blame…',
  blameError: (message: string) => `Could not load the blame: ${message}`,
  blameEmpty: 'This file has no lines to blame.',
  openBlameCommit: (title: string, author: string, when: string) =>
    `${title}, by ${author}, ${when}: open the commit`,
  blameLegend: 'Older',
  blameLegendNewer: 'Newer',
  blameTextMismatch: 'The file changed while its blame was read: reload to see both at one commit.',
};

export type BlameLabels = typeof blameLabels & SharedLabels;
