/**
 * Every default string of every family in one object, and `useLabels` over all of them: for an
 * app that draws its own UI beside the kit's and wants the same words. Importing this bundles
 * every family's strings; the components themselves import only their own.
 */
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
import { repositoryBrowserLabels } from '../repository-browser/labels.js';
import { reviewLabels } from '../review/labels.js';
import { type GitStorageLabels, sharedLabels, useFamilyLabels } from './labels.js';

export const defaultLabels: GitStorageLabels = {
  ...sharedLabels,
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
  ...reviewLabels,
};

/** The labels in force (defaults, then the provider's, then `own`), every string of the kit. */
export function useLabels(own?: Partial<GitStorageLabels>): GitStorageLabels {
  return useFamilyLabels(defaultLabels, own);
}
