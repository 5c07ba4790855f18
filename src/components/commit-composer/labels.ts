/** The commit composer's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const commitComposerLabels = {
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
  restoredDraft: (changes: string, time: string, count: number) =>
    `Restored ${changes} staged ${count === 1 ? 'change' : 'changes'} from ${time}.`,
  discardDraft: 'Discard',
  notKept: (reason: 'quota' | 'unsupported' | 'failed') =>
    reason === 'quota'
      ? 'not kept across reloads: not enough browser storage'
      : reason === 'unsupported'
        ? 'not kept across reloads: a stream cannot be stored'
        : 'not kept across reloads: the browser refused to store it',
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
  commitOnTopEllipsis: 'Commit on top…',
  branchMovedOverwrites: (count: number) =>
    `Committing on top replaces their version of ${count === 1 ? 'that file' : 'those files'} with yours. Review their changes first.`,
  replaceTheirChangesTitle: (count: number) =>
    `Replace their changes to ${count === 1 ? 'one file' : `${count} files`}?`,
  replaceTheirChangesBody: (branch: string, authors: string, count: number) =>
    `Your staged ${count === 1 ? 'version replaces' : 'versions replace'} what ${authors} committed to ${branch} in:`,
  reviewTheirChanges: 'Review their changes',
  hideTheirChanges: 'Hide their changes',
  theirChanges: (branch: string) => `New changes on ${branch}`,
  leaveWhileUploading: 'A commit is being uploaded. Leave the page and cancel it?',
};

export type CommitComposerLabels = typeof commitComposerLabels & SharedLabels;
