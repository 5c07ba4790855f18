/** Code search's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const codeSearchLabels = {
  codeSearch: 'Code search',
  searchQuery: 'Search code',
  searchPlaceholder: 'Text to find',
  searchPaths: 'In paths',
  searchPathsPlaceholder: 'e.g. src/**/*.ts',
  searchRegex: 'Regular expression',
  searchCase: 'Match case',
  searchSubmit: 'Search',
  searching: 'Searching…',
  searchError: (message: string) => `The search failed: ${message}`,
  searchNoResults: (query: string) => `Nothing matches “${query}”.`,
  searchSummary: (lines: string, files: string, more: boolean) =>
    `${lines} matching ${lines === '1' ? 'line' : 'lines'} in ${files} ${files === '1' ? 'file' : 'files'}${more ? ' so far' : ''}`,
  searchMore: 'More results',
  searchResultsFor: (query: string) => `Results for ${query}`,
  lineWord: 'line',
  searchHint: 'Type text to find in every file of this branch, then press Enter.',
};

export type CodeSearchLabels = typeof codeSearchLabels & SharedLabels;
