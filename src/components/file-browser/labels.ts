/** The file tree and file browser's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const fileBrowserLabels = {
  fileTree: 'Files',
  filterPlaceholder: 'Filter files',
  filterLabel: 'Filter files',
  filterPartial: (loaded: string) =>
    `Only the ${loaded} loaded entries are searched: open folders to search them too.`,
  loadingFolder: 'Loading…',
  folderError: (message: string) => `Could not load this folder: ${message}`,
  emptyFolder: 'Empty folder',
  emptyRepository: 'This repository has no files yet.',
  repositoryNotFound: (repoId: string) =>
    `There is no repository ${repoId}, or this sign-in cannot see it.`,
  loadMore: 'Load more…',
  loadingMore: 'Loading more…',
  symlink: 'symbolic link',
  submodule: 'submodule',
};

export type FileBrowserLabels = typeof fileBrowserLabels & SharedLabels;
