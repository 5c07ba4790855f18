/**
 * git-storage-kit/components/repository-browser: The repository browser: everything above in one view, and its location. Importing one family
 * bundles only it (and what it uses).
 */

export type { RepositoryBrowserLabels } from './labels.js';
export {
  formatLocationHash,
  parseLocationHash,
  type RepositoryLocation,
} from './location.js';
export {
  RepositoryBrowser,
  type RepositoryBrowserProps,
} from './RepositoryBrowser.js';
