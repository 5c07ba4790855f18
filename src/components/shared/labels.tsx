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

  // DiffView / DiffViewer
  changes: 'Changes',
  diffLoading: 'Loading changes…',
  diffError: (message: string) => `Could not load the changes: ${message}`,
  noChanges: 'No changes.',
  /** `fileCount` is the number `files` says, for plural rules. */
  diffTotals: (files: string, additions: string, deletions: string, fileCount?: number) =>
    `${files} ${(fileCount ?? Number(files)) === 1 ? 'file' : 'files'} changed, ${additions} additions, ${deletions} deletions`,
  diffLayout: 'Layout',
  unified: 'Unified',
  split: 'Split',
  diffNavigation: 'Go to',
  previousFile: 'Previous file',
  nextFile: 'Next file',
  previousChange: 'Previous change',
  nextChange: 'Next change',
  noNextFile: 'This is the last file.',
  noPreviousFile: 'This is the first file.',
  noNextChange: 'No more changes below.',
  noPreviousChange: 'No more changes above.',
  filesLeft: (left: string, total: string) => `${left} of ${total} files left to view`,
  changedFiles: 'Changed files',
  filterChangedFiles: 'Filter changed files',
  filterFilesPlaceholder: 'Filter changed files',
  diffOfFiles: (count: number) => `Diff of ${count} ${count === 1 ? 'file' : 'files'}`,
  diffState: (state: string) =>
    (
      ({
        added: 'added',
        modified: 'modified',
        deleted: 'deleted',
        renamed: 'renamed',
        copied: 'copied',
        type_changed: 'type changed',
        unmerged: 'unmerged',
      }) as Record<string, string>
    )[state] ?? 'changed',
  lineCounts: (additions: number, deletions: number) =>
    `${additions} ${additions === 1 ? 'addition' : 'additions'}, ${deletions} ${deletions === 1 ? 'deletion' : 'deletions'}`,
  notShown: 'not shown',
  viewed: 'Viewed',
  viewedFile: (path: string) => `Viewed ${path}`,
  expandFile: (path: string) => `Show ${path}`,
  collapseFile: (path: string) => `Hide ${path}`,
  renamedFrom: (from: string, similarity?: number) =>
    `renamed from ${from}${similarity === undefined ? '' : ` (${similarity} % similar)`}`,
  copiedFrom: (from: string, similarity?: number) =>
    `copied from ${from}${similarity === undefined ? '' : ` (${similarity} % similar)`}`,
  modeChanged: (from: string, to: string) =>
    `mode ${from} → ${to}${to === '100755' ? ' (now executable)' : from === '100755' ? ' (no longer executable)' : ''}`,
  typeChanged: (from: 'file' | 'symlink', to: 'file' | 'symlink') =>
    `was a ${from === 'symlink' ? 'symbolic link' : 'file'}, now a ${to === 'symlink' ? 'symbolic link' : 'file'}`,
  symlinkTarget: 'symbolic link: the lines are its target',
  binaryChanged: 'Binary file changed. Its content is not shown.',
  noTextChanges: 'No lines changed.',
  diffFiltered: (size: string) =>
    `Not shown: the server left this diff out (binary, or too large at ${size}).`,
  diffLine: (kind: 'added' | 'removed' | 'unchanged', oldLine?: number, newLine?: number) =>
    kind === 'added'
      ? `added, new line ${newLine}: `
      : kind === 'removed'
        ? `removed, old line ${oldLine}: `
        : oldLine !== undefined && newLine !== undefined
          ? `unchanged, old line ${oldLine}, new line ${newLine}: `
          : `unchanged, ${oldLine !== undefined ? `old line ${oldLine}` : `new line ${newLine}`}: `,
  hunkHeading: (
    oldStart: number,
    oldCount: number,
    newStart: number,
    newCount: number,
    section: string,
  ) =>
    `Hunk: old lines ${oldStart} to ${oldStart + Math.max(oldCount, 1) - 1}, new lines ${newStart} to ${newStart + Math.max(newCount, 1) - 1}${section ? `, in ${section}` : ''}`,
  noNewline: (note: 'noNewlineOld' | 'noNewlineNew' | 'noNewlineBoth') =>
    note === 'noNewlineBoth'
      ? 'No newline at end of file'
      : note === 'noNewlineOld'
        ? 'The old file had no newline at its end'
        : 'The new file has no newline at its end',
  expandLines: (count: number | null) =>
    count === null
      ? 'Show the rest of the file'
      : `Show ${count} unchanged ${count === 1 ? 'line' : 'lines'}`,
  foldedLines: (count: number | null) =>
    count === null
      ? 'Unchanged lines follow'
      : `${count} unchanged ${count === 1 ? 'line' : 'lines'}`,
  expanding: 'Loading lines…',
  expandFailed: (message: string) => `Could not load the lines: ${message}`,
  contextTooBig: 'the file is too large to unfold here',
  diffOutdated: 'the file changed since this diff was made; refresh the diff to see it',
  fileAnnouncement: (n: number, total: number, path: string, state: string) =>
    `File ${n} of ${total}: ${path}, ${state}`,
  changeAnnouncement: (n: number, total: number, path: string) =>
    `Change ${n} of ${total} in ${path}`,
  viewedAnnouncement: (path: string, viewed: boolean, left: number) =>
    `${path} ${viewed ? 'marked viewed' : 'no longer marked viewed'}. ${left} ${left === 1 ? 'file' : 'files'} left to view.`,
  expandedAnnouncement: (count: number) =>
    `Showing ${count} more unchanged ${count === 1 ? 'line' : 'lines'}`,
  nothingMoreAnnouncement: 'The file ends here: there are no more unchanged lines.',

  // CommitComposer
  composer: 'Commit changes',
  composerFor: (branch: string) => `Commit to ${branch}`,
  dropZone: 'Drop files or folders here',
  dropZoneHint: (folder: string) =>
    folder ? `They are added under ${folder}/.` : 'They are added at the repository root.',
  dropZoneActive: 'Drop to stage these files',
  chooseFiles: 'Choose files…',
  chooseFolder: 'Choose a folder…',
  newTextFile: 'New text file…',
  existingFile: 'Edit or delete a file…',
  existingFilePath: (branch: string) => `Path of a file on ${branch}`,
  stageDeletion: 'Stage deletion',
  notOnBranch: (path: string, branch: string) => `${path} is not on ${branch}.`,
  staged: 'Staged changes',
  nothingStaged: 'Nothing staged yet. Drop files here, choose them, or paste text.',
  stagedSummary: (files: string, parts: string, size: string, fileCount?: number) =>
    `${files} ${(fileCount ?? Number(files)) === 1 ? 'change' : 'changes'} staged: ${parts} (${size})`,
  stagedKind: (kind: 'add' | 'replace' | 'edit' | 'delete') =>
    ({ add: 'new', replace: 'replaces', edit: 'edited', delete: 'deleted' })[kind],
  stagedKindCount: (kind: 'add' | 'replace' | 'edit' | 'delete', count: string) =>
    `${count} ${{ add: 'new', replace: 'replaced', edit: 'edited', delete: 'deleted' }[kind]}`,
  skippedFiles: (count: number) => `${count} ${count === 1 ? 'file was' : 'files were'} skipped:`,
  dismiss: 'Dismiss',
  unstage: (path: string) => `Unstage ${path}`,
  unstageShort: 'Unstage',
  edit: 'Edit',
  rename: 'Rename',
  unstageAll: 'Unstage all',
  renameStaged: (path: string) => `Rename ${path}`,
  editStaged: (path: string) => `Edit ${path}`,
  newPath: (path: string) => `New path for ${path}`,
  invalidPath: (reason: string) => `Not a valid path: ${reason}`,
  alreadyStaged: 'That path is already staged.',
  save: 'Save',
  editorTitle: (path: string) => (path ? `Edit ${path}` : 'New text file'),
  editorPath: 'Path',
  editorText: (path: string) => (path ? `Contents of ${path}` : 'Contents'),
  stageEdit: 'Stage',
  editorLoading: 'Loading the file…',
  notEditable: (path: string) =>
    `${path} is not a text file of at most 1 MB: it cannot be edited here.`,
  commitMessage: 'Commit message',
  commitMessagePlaceholder: 'Say what this commit changes and why',
  author: (name: string, email: string) => `Author: ${name} <${email}>`,
  commit: 'Commit',
  cancelUpload: 'Cancel',
  needMessage: 'Write a commit message first.',
  needChanges: 'Stage a change first.',
  overallProgress: 'Upload progress',
  fileProgress: (path: string) => `Upload of ${path}`,
  uploadingPercent: (percent: string) => `Uploading ${percent} %…`,
  uploading: 'Uploading…',
  committing: 'Committing…',
  transferFigures: (sent: string, total: string, speed: string, left: string) =>
    [`${sent} of ${total}`, speed && `${speed}/s`, left && `${left} left`]
      .filter(Boolean)
      .join(' · '),
  committed: (short: string, title: string) => `Committed ${short}: ${title}`,
  commitCancelled: 'Cancelled: nothing was committed, and your changes are still staged.',
  signInExpired:
    'Your sign-in has expired. Sign in again, then press Commit: your changes are still staged.',
  noWritePermission:
    'You do not have permission to commit to this repository. Ask its owner for write access; your changes are still staged.',
  policyRefused: (detail: string) =>
    `The repository's rules refuse this commit (${detail}). Commit to another branch or ask an owner; your changes are still staged.`,
  fileTooBig: (detail: string) =>
    `The server refused a file as too large (${detail}). Unstage it and try again.`,
  networkLost:
    'The connection to the server was lost. Check your network and press Commit again: your changes are still staged.',
  commitInvalid: (detail: string) => `The commit was not sent: ${detail}.`,
  commitRefused: (detail: string) =>
    `The server did not move the branch: ${detail}. Your changes are still staged.`,
  commitFailed: (detail: string) =>
    `The commit failed: ${detail}. Your changes are still staged; try again.`,
  branchMoved: (branch: string, count: string, authors: string, commitCount?: number) =>
    `${branch} moved while you were working: ${count} new ${(commitCount ?? Number(count)) === 1 ? 'commit' : 'commits'} by ${authors}.`,
  branchMovedLoading: (branch: string) =>
    `${branch} moved while you were working. Looking at what changed…`,
  branchMovedTouched: (count: number) =>
    `${count === 1 ? 'One of your staged files was' : `${count} of your staged files were`} changed there too:`,
  branchMovedUntouched: 'None of your staged files were changed there.',
  branchMovedKept: 'Nothing was committed and nothing is lost: your changes are still staged.',
  commitOnTop: 'Commit on top',
  reviewTheirChanges: 'Review their changes',
  hideTheirChanges: 'Hide their changes',
  theirChanges: (branch: string) => `New changes on ${branch}`,
  leaveWhileUploading: 'A commit is being uploaded. Leave the page and cancel it?',

  // RepositoryBrowser
  repository: (repoId: string) => `Repository ${repoId}`,
  showHistory: 'History',
  showFile: 'File',
  showChanges: 'Changes',
  commitChanges: (short: string) => `Changes in ${short}`,
  atCommit: (short: string) => `at commit ${short}`,
  backToBranch: (branch: string) => `Back to ${branch}`,
  newCommit: (staged: number) => (staged > 0 ? `New commit (${staged} staged)` : 'New commit'),
  stageDeletionOf: (path: string) => `Stage deletion of ${path}`,
};

export type GitStorageLabels = typeof defaultLabels;

const LabelsContext = createContext<Partial<GitStorageLabels> | null>(null);
const LocaleContext = createContext<string | undefined>(undefined);

/**
 * The BCP 47 locale numbers, sizes and times are shown in: a component's own `locale` prop, else
 * the nearest labels provider's, else the user's (the runtime default).
 */
export function useLocale(own?: string): string | undefined {
  const provided = useContext(LocaleContext);
  return own ?? provided;
}

/**
 * Replaces strings for every component below it. Providers nest: an inner one changes what it
 * names and keeps what the outer ones set.
 */
export function GitStorageLabelsProvider(props: {
  labels?: Partial<GitStorageLabels>;
  /** One locale for every number, size and time the components below show. */
  locale?: string;
  children?: ReactNode;
}) {
  const outer = useContext(LabelsContext);
  const outerLocale = useContext(LocaleContext);
  const merged = useMemo(() => ({ ...outer, ...props.labels }), [outer, props.labels]);
  return (
    <LabelsContext.Provider value={merged}>
      <LocaleContext.Provider value={props.locale ?? outerLocale}>
        {props.children}
      </LocaleContext.Provider>
    </LabelsContext.Provider>
  );
}

/** The labels in force: defaults, then the provider's, then the component's own prop. */
export function useLabels(own?: Partial<GitStorageLabels>): GitStorageLabels {
  const provided = useContext(LabelsContext);
  return useMemo(() => ({ ...defaultLabels, ...provided, ...own }), [provided, own]);
}
