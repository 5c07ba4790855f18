/** The compare view's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const compareLabels = {
  compare: 'Compare',
  compareBase: 'Base',
  compareHead: 'Compare',
  swapBranches: 'Swap base and compare',
  compareOf: (head: string, base: string) => `${head} compared with ${base}`,
  identical: (head: string, base: string) =>
    `${head} and ${base} are identical: there is nothing to compare.`,
  aheadBehind: (ahead: string, behind: string, head: string, base: string) =>
    `${head} is ${ahead} ${ahead === '1' ? 'commit' : 'commits'} ahead of and ${behind} ${behind === '1' ? 'commit' : 'commits'} behind ${base}.`,
  compareCommits: (count: string) => `Commits (${count})`,
  compareLoading: 'Comparing…',
  compareError: (message: string) => `Could not compare: ${message}`,
  pickBranches: 'Pick the two branches to compare.',
};

export type CompareLabels = typeof compareLabels & SharedLabels;
