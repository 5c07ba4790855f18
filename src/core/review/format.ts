/**
 * The review format: line comments kept as git notes (docs/REVIEW-FORMAT.md is the reference).
 *
 * A commit's note in the review notes ref (default `refs/notes/reviews`) is a log of events, one
 * JSON object per line, each written with the notes API's `append` (git separates appended
 * texts by a blank line). Replaying a note's events gives that commit's threads. An event log,
 * not a document rewritten in place, because two reviewers appending at once must both be kept:
 * an append never replaces what another reviewer wrote, and the notes ref's compare-and-swap
 * orders them.
 *
 * Every string here is the repository's data, written by whoever could write the notes ref:
 * parsing checks each field's type and size and skips what does not fit, so a hostile note can
 * leave a thread out but never break the reader.
 */

import type { CommitSignature } from '../types.js';

/** The format version this reader writes and understands; events of other versions are skipped. */
export const REVIEW_FORMAT_VERSION = 1;
/** Where reviews live unless told otherwise. */
export const DEFAULT_REVIEW_NOTES_REF = 'refs/notes/reviews';
/** Longest comment body kept, in UTF-16 code units (a longer one is refused on write). */
export const MAX_COMMENT_LENGTH = 20_000;
/** Lines of code a thread quotes to tell later whether its lines changed. */
export const MAX_QUOTED_LINES = 200;

export type ReviewSide = 'old' | 'new';

/** One comment of a thread; the first opened the thread. */
export interface ReviewComment {
  id: string;
  body: string;
  author: CommitSignature;
  /** ISO 8601 time the comment was written. */
  createdAt: string;
  /** Time of the last edit by its author, when edited. */
  editedAt?: string;
  /** Deleted by its author: the body is gone, the place in the thread is kept for the replies. */
  deleted: boolean;
}

/** A conversation on a range of lines of one side of one file. */
export interface ReviewThread {
  /** The id of its first comment. */
  id: string;
  /** The commit whose note holds the thread: the head that was reviewed when it was opened. */
  commit: string;
  /** The old side's commit then (the merge base of the review), when known. */
  base?: string;
  path: string;
  side: ReviewSide;
  /** First and last line commented on, inclusive, numbered on `side`. */
  start: number;
  end: number;
  /** The text of those lines when the thread was opened (up to MAX_QUOTED_LINES). */
  lines: readonly string[];
  resolved: boolean;
  /** Who resolved or reopened it last. */
  resolvedBy?: CommitSignature;
  comments: readonly ReviewComment[];
}

/** The events a note holds, one per line. `at` is an ISO 8601 time. */
export type ReviewEvent =
  | {
      v: 1;
      type: 'thread';
      id: string;
      path: string;
      side: ReviewSide;
      start: number;
      end: number;
      lines: string[];
      base?: string;
      body: string;
      author: CommitSignature;
      at: string;
    }
  | {
      v: 1;
      type: 'reply';
      id: string;
      thread: string;
      body: string;
      author: CommitSignature;
      at: string;
    }
  | { v: 1; type: 'edit'; comment: string; body: string; author: CommitSignature; at: string }
  | { v: 1; type: 'delete'; comment: string; author: CommitSignature; at: string }
  | {
      v: 1;
      type: 'resolve';
      thread: string;
      resolved: boolean;
      author: CommitSignature;
      at: string;
    };

/** What a note held: its threads, and how many lines were not review events this reader knows. */
export interface ParsedReviewNote {
  threads: ReviewThread[];
  skipped: number;
}

const str = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;
const lineNumber = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) > 0;

function signature(value: unknown): CommitSignature | null {
  if (!value || typeof value !== 'object') return null;
  const { name, email } = value as Record<string, unknown>;
  return str(name, 256) && str(email, 256) ? { name, email } : null;
}

/** The event a line holds, or null when it is not one this reader understands. */
export function parseReviewEvent(line: string): ReviewEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const e = raw as Record<string, unknown>;
  if (e.v !== REVIEW_FORMAT_VERSION) return null;
  const author = signature(e.author);
  if (!author || !str(e.at, 64)) return null;
  const at = e.at as string;
  switch (e.type) {
    case 'thread': {
      const { id, path, side, start, end, lines, base, body } = e;
      if (!str(id, 128) || !str(path, 4096) || (side !== 'old' && side !== 'new')) return null;
      if (!lineNumber(start) || !lineNumber(end) || end < start) return null;
      if (!str(body, MAX_COMMENT_LENGTH)) return null;
      if (!Array.isArray(lines) || lines.length > MAX_QUOTED_LINES) return null;
      if (!lines.every((l) => typeof l === 'string')) return null;
      if (base !== undefined && !str(base, 64)) return null;
      return {
        v: 1,
        type: 'thread',
        id,
        path,
        side,
        start,
        end,
        lines: lines as string[],
        ...(base ? { base: base as string } : {}),
        body,
        author,
        at,
      };
    }
    case 'reply':
      if (!str(e.id, 128) || !str(e.thread, 128) || !str(e.body, MAX_COMMENT_LENGTH)) return null;
      return { v: 1, type: 'reply', id: e.id, thread: e.thread, body: e.body, author, at };
    case 'edit':
      if (!str(e.comment, 128) || !str(e.body, MAX_COMMENT_LENGTH)) return null;
      return { v: 1, type: 'edit', comment: e.comment, body: e.body, author, at };
    case 'delete':
      if (!str(e.comment, 128)) return null;
      return { v: 1, type: 'delete', comment: e.comment, author, at };
    case 'resolve':
      if (!str(e.thread, 128) || typeof e.resolved !== 'boolean') return null;
      return { v: 1, type: 'resolve', thread: e.thread, resolved: e.resolved, author, at };
    default:
      return null;
  }
}

/** The line an event is written as (no newline inside: JSON escapes them). */
export function serializeReviewEvent(event: ReviewEvent): string {
  return JSON.stringify(event);
}

const sameAuthor = (a: CommitSignature, b: CommitSignature) =>
  a.email.trim().toLowerCase() === b.email.trim().toLowerCase();

/** The comment a thread's first event or a reply holds. */
function commentOf(event: { id: string; body: string; author: CommitSignature; at: string }) {
  const comment: ReviewComment = {
    id: event.id,
    body: event.body,
    author: event.author,
    createdAt: event.at,
    deleted: false,
  };
  return comment;
}

/**
 * Replays the note of `commit` into threads, in the order they were opened. Edits and deletions
 * count only from the comment's own author; a reply to a thread this note does not hold, or a
 * second event with an id already used, is skipped. A thread whose every comment is deleted is
 * left out.
 */
export function parseReviewNote(commit: string, note: string): ParsedReviewNote {
  type Draft = Omit<ReviewThread, 'comments'> & { comments: ReviewComment[] };
  const threads = new Map<string, Draft>();
  const comments = new Map<string, { comment: ReviewComment; thread: Draft }>();
  let skipped = 0;
  for (const rawLine of note.split('\n')) {
    const line = rawLine.trim();
    if (!line) continue;
    const event = parseReviewEvent(line);
    if (!event) {
      skipped++;
      continue;
    }
    switch (event.type) {
      case 'thread': {
        if (comments.has(event.id)) {
          skipped++;
          break;
        }
        const comment = commentOf(event);
        const thread: Draft = {
          id: event.id,
          commit,
          ...(event.base ? { base: event.base } : {}),
          path: event.path,
          side: event.side,
          start: event.start,
          end: event.end,
          lines: event.lines,
          resolved: false,
          comments: [comment],
        };
        threads.set(event.id, thread);
        comments.set(event.id, { comment, thread });
        break;
      }
      case 'reply': {
        const thread = threads.get(event.thread);
        if (!thread || comments.has(event.id)) {
          skipped++;
          break;
        }
        const comment = commentOf(event);
        thread.comments.push(comment);
        comments.set(event.id, { comment, thread });
        break;
      }
      case 'edit':
      case 'delete': {
        const found = comments.get(event.comment);
        if (!found || found.comment.deleted || !sameAuthor(found.comment.author, event.author)) {
          skipped++;
          break;
        }
        if (event.type === 'edit') {
          found.comment.body = event.body;
          found.comment.editedAt = event.at;
        } else {
          found.comment.body = '';
          found.comment.deleted = true;
        }
        break;
      }
      case 'resolve': {
        const thread = threads.get(event.thread);
        if (!thread) {
          skipped++;
          break;
        }
        thread.resolved = event.resolved;
        thread.resolvedBy = event.author;
        break;
      }
    }
  }
  const live = [...threads.values()].filter((t) => t.comments.some((c) => !c.deleted));
  return { threads: live, skipped };
}
