/**
 * Every string the components show, English by default. Replace any of them with the `labels`
 * prop of a component or, for a whole app, with `<GitStorageLabelsProvider labels={…}>`; the
 * prop wins over the provider, the provider over the defaults. Functions get the numbers and
 * names they talk about, already formatted for the user's locale where that applies.
 */
import { createContext, type ReactNode, useContext, useMemo } from 'react';

export const defaultLabels = {
  // FileTree / FileBrowser
  fileTree: 'Files',
  filterPlaceholder: 'Filter files',
  filterLabel: 'Filter files',
  filterPartial: (loaded: string) =>
    `Only the ${loaded} loaded entries are searched: open folders to search them too.`,
  filterNoMatch: 'No file matches the filter.',
  loadingFolder: 'Loading…',
  folderError: (message: string) => `Could not load this folder: ${message}`,
  retry: 'Retry',
  emptyFolder: 'Empty folder',
  emptyRepository: 'This repository has no files yet.',
  loadMore: 'Load more…',
  loadingMore: 'Loading more…',
  symlink: 'symbolic link',
  submodule: 'submodule',

  // FilePreview / FileView
  noFileSelected: 'Select a file to see it here.',
  loadingFile: 'Loading file…',
  fileError: (message: string) => `Could not load the file: ${message}`,
  fileContent: (path: string) => `Contents of ${path}`,
  download: 'Download',
  downloading: 'Downloading…',
  downloadFailed: (message: string) => `Download failed: ${message}`,
  binaryFile: (size: string, type: string) => `Binary file (${type}), ${size}. It is not shown.`,
  unknownType: 'unknown type',
  truncated: (shown: string, size: string) => `Showing the first ${shown} of ${size}.`,
  loadAll: 'Load all',
  tooBigToLoad: (size: string) => `The file is ${size}: download it to see all of it.`,
  emptyFile: 'This file is empty.',
  imageAlt: (path: string) => `Preview of ${path}`,
  lastCommit: 'Last commit',
  lines: (count: string) => `${count} lines`,

  // BranchCombobox / BranchPicker
  branch: 'Branch',
  branchesLoading: 'Loading branches…',
  branchesError: (message: string) => `Could not load branches: ${message}`,
  noBranchMatch: 'No branch matches.',
  defaultBranch: 'default',
  createBranch: (name: string, from: string) => `Create branch ${name} from ${from}`,
  invalidBranchName: (reason: string) => `Not a valid branch name: ${reason}`,
  deleteBranch: 'Delete branch…',
  deleteBranchTitle: (name: string) => `Delete branch ${name}?`,
  deleteBranchBody: (name: string) =>
    `The branch ${name} will be removed. Commits only it reaches can no longer be browsed.`,
  confirmDelete: 'Delete',
  cancel: 'Cancel',
  branchActionFailed: (message: string) => `That did not work: ${message}`,

  // CommitList / CommitHistory
  history: 'History',
  historyFor: (path: string) => `History of ${path}`,
  commitsLoading: 'Loading history…',
  commitsError: (message: string) => `Could not load the history: ${message}`,
  noCommits: 'No commits yet.',
  copySha: (short: string) => `Copy commit id ${short}`,
  copied: 'Copied',
  committedBy: (author: string, when: string) => `${author} committed ${when}`,

  // RepositoryBrowser
  repository: (repoId: string) => `Repository ${repoId}`,
  showHistory: 'History',
  showFile: 'File',
  atCommit: (short: string) => `at commit ${short}`,
  backToBranch: (branch: string) => `Back to ${branch}`,
};

export type GitStorageLabels = typeof defaultLabels;

const LabelsContext = createContext<Partial<GitStorageLabels> | null>(null);

/** Replaces strings for every component below it. */
export function GitStorageLabelsProvider(props: {
  labels: Partial<GitStorageLabels>;
  children?: ReactNode;
}) {
  return <LabelsContext.Provider value={props.labels}>{props.children}</LabelsContext.Provider>;
}

/** The labels in force: defaults, then the provider's, then the component's own prop. */
export function useLabels(own?: Partial<GitStorageLabels>): GitStorageLabels {
  const provided = useContext(LabelsContext);
  return useMemo(() => ({ ...defaultLabels, ...provided, ...own }), [provided, own]);
}
