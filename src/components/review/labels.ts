/** The review family's strings (comments, merge panel, conflicts), English by default. */
import type { SharedLabels } from '../shared/labels.js';

export const reviewLabels = {
  // Comments
  reviewHeading: 'Review',
  reviewLoading: 'Loading comments…',
  reviewError: (message: string) => `Could not load the comments: ${message}`,
  reviewSummary: (threads: string, open: string, outdated: string) =>
    threads === '0'
      ? 'No comments yet'
      : `${threads} ${threads === '1' ? 'thread' : 'threads'}, ${open} unresolved${outdated === '0' ? '' : `, ${outdated} outdated`}`,
  selectLinesHint:
    'Select a line number to comment on it; shift-select another to comment on a range.',
  commentOn: (lines: string, path: string) => `Comment on ${lines} of ${path}`,
  lineRange: (start: string, end: string, side: 'old' | 'new') =>
    `${start === end ? `line ${start}` : `lines ${start}–${end}`}${side === 'old' ? ' (before)' : ''}`,
  addComment: 'Comment',
  commentPlaceholder: 'Leave a comment (plain text)',
  replyTo: (author: string) => `Reply to ${author}`,
  reply: 'Reply',
  resolveThread: 'Resolve conversation',
  reopenThread: 'Reopen conversation',
  resolvedBy: (name: string) => `Resolved by ${name}`,
  outdated: 'Outdated',
  outdatedHeading: (count: string) =>
    `${count} outdated ${count === '1' ? 'conversation' : 'conversations'}: their lines changed since`,
  outdatedNote: 'The lines this conversation is about have changed since.',
  editComment: 'Edit',
  editCommentOf: (author: string) => `Edit comment by ${author}`,
  deleteComment: 'Delete',
  deleteCommentTitle: 'Delete this comment?',
  deleteCommentBody: 'The comment is removed for everyone; replies to it stay.',
  saveComment: 'Save',
  edited: 'edited',
  deletedComment: 'This comment was deleted.',
  commentFailed: (message: string) => `Not saved: ${message}`,
  signInToComment: 'Sign in to comment.',
  threadLabel: (path: string, lines: string) => `Conversation on ${lines} of ${path}`,
  commentsOnFile: (count: string) => `${count} ${count === '1' ? 'comment' : 'comments'}`,
  // Merge panel
  mergeHeading: 'Merge',
  mergeLoading: 'Checking whether the branches merge…',
  mergeError: (message: string) => `Could not check the merge: ${message}`,
  upToDate: (source: string, target: string) =>
    `${target} already has everything on ${source}: nothing to merge.`,
  canFastForward: (source: string, target: string) =>
    `${target} can fast-forward to ${source}: no merge commit is needed.`,
  canMerge: (source: string, target: string) =>
    `${source} merges into ${target} without conflicts.`,
  hasConflicts: (count: string, source: string, target: string) =>
    `${count} ${count === '1' ? 'file conflicts' : 'files conflict'} between ${source} and ${target}. Resolve ${count === '1' ? 'it' : 'them'} below, or on your machine.`,
  moreConflicts: (count: string) =>
    `${count} more conflicted ${count === '1' ? 'file is' : 'files are'} too many to show here: resolve them on your machine.`,
  commitsToMerge: (count: string) => `Commits to merge (${count})`,
  checksHeading: 'Checks',
  mergeMethod: 'Merge method',
  methodMerge: 'Create a merge commit',
  methodSquash: 'Squash and merge',
  methodFastForward: 'Fast-forward only',
  mergeButton: (source: string, target: string) => `Merge ${source} into ${target}…`,
  confirmMergeTitle: (source: string, target: string) => `Merge ${source} into ${target}?`,
  confirmMergeBody: (target: string, sha: string) =>
    `${target} moves to the result. It is merged only if ${target} is still at ${sha}.`,
  confirmMerge: 'Confirm merge',
  merging: 'Merging…',
  merged: (source: string, target: string, sha: string) =>
    `Merged ${source} into ${target}: ${target} is now at ${sha}.`,
  openMergeCommit: 'Open the commit',
  targetMoved: (target: string) =>
    `${target} moved since this preview. The preview is updated: check it and merge again.`,
  mergeFailed: (message: string) => `Not merged: ${message}`,
  // Conflicts
  conflictsHeading: 'Conflicts',
  conflictFile: (path: string, resolved: string, total: string) =>
    `${path}: ${resolved} of ${total} resolved`,
  conflictHunk: (n: string, total: string) => `Conflict ${n} of ${total}`,
  keepSide: (branch: string) => `Keep ${branch}`,
  keepBoth: (first: string, second: string) => `Keep both (${first}, then ${second})`,
  editResult: 'Edit',
  editedResult: 'Resolved text',
  baseVersion: 'Common ancestor',
  unchangedLines: (count: string) => `${count} unchanged ${count === '1' ? 'line' : 'lines'}`,
  deletedOn: (branch: string) => `Deleted on ${branch}`,
  wholeFile: (why: string) => `${why}: keep one side whole.`,
  binaryConflict: 'Binary file',
  tooLargeConflict: 'Too large to merge here',
  deleteConflict: 'Changed on one side, deleted on the other',
  deleteFile: 'Delete the file',
  resultPreview: 'Result',
  resolveProgress: (resolved: string, total: string) =>
    `${resolved} of ${total} conflicts resolved`,
  commitResolution: (source: string) => `Commit the merge to ${source}`,
  resolutionMessage: 'Commit message',
  defaultResolutionMessage: (source: string, target: string) =>
    `Resolve conflicts merging ${target} into ${source}`,
  committingResolution: 'Committing the resolution…',
  resolutionCommitted: (source: string) =>
    `The resolution is committed on ${source}; the merge below is checked again.`,
  resolutionFailed: (message: string) => `The resolution was not committed: ${message}`,
  resolutionMoved: (source: string, target: string) =>
    `${source} or ${target} moved while you resolved. Nothing was committed; the preview is updated and your choices are kept where the conflicts are the same.`,
  targetMovedDuring: (target: string) =>
    `${target} moved while you resolved: your merge brought in its earlier tip. The preview below is for its new tip.`,
};

export type ReviewLabels = typeof reviewLabels & SharedLabels;
