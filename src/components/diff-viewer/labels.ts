/** The diff view and viewer's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const diffViewerLabels = {
  changes: 'Changes',
  jumpToFile: 'Jump to file',
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
  binaryLoading: 'Reading the file’s sizes…',
  binarySizes: (before: string | null, after: string | null) =>
    before && after
      ? `Binary file: ${before} before, ${after} after.`
      : after
        ? `Binary file added: ${after}.`
        : before
          ? `Binary file deleted: ${before}.`
          : 'Binary file changed. Its content is not shown.',
  largeSizes: (before: string | null, after: string | null) =>
    `Not shown: too large to show as a diff (${[
      before && `${before} before`,
      after && `${after} after`,
    ]
      .filter(Boolean)
      .join(', ')}).`,
  before: 'Before',
  after: 'After',
  imageBefore: (path: string) => `${path} before`,
  imageAfter: (path: string) => `${path} after`,
  noImageOnSide: 'Not on this side',
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
};

export type DiffViewerLabels = typeof diffViewerLabels & SharedLabels;
