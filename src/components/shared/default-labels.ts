/**
 * Every default string of every family in one object, and `useLabels` over all of them: for an
 * app that draws its own UI beside the kit's and wants the same words. Importing this bundles
 * every family's strings; the components themselves import only their own.
 */
import { browserLabels } from '../repository-browser/labels.js';
import { reviewLabels } from '../review/labels.js';
import { type GitStorageLabels, sharedLabels, useFamilyLabels } from './labels.js';

export const defaultLabels: GitStorageLabels = {
  ...sharedLabels,
  ...browserLabels,
  ...reviewLabels,
};

/** The labels in force (defaults, then the provider's, then `own`), every string of the kit. */
export function useLabels(own?: Partial<GitStorageLabels>): GitStorageLabels {
  return useFamilyLabels(defaultLabels, own);
}
