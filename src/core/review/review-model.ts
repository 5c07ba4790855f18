/**
 * A review of a branch: line comments read from and appended to git notes (review-format.ts),
 * framework-agnostic like the commit draft — adapters read it with `subscribe` / `getSnapshot`.
 *
 * Threads are opened on the head being reviewed: its note holds them. Older heads' notes (the
 * branch's earlier commits, given as `commits`) are read too, so comments survive a push; a
 * thread from an older head whose quoted lines no longer read the same on the current head is
 * marked `outdated`. Every write is an `append` guarded by the notes ref's tip as last read: a
 * stale tip (another reviewer wrote meanwhile) re-reads and tries again, so both are kept.
 */
import { ApiError, RefUpdateError, ValidationError } from '../errors.js';
import { notesRefName } from '../paths.js';
import type { Repo } from '../repo.js';
import type { CommitSignature } from '../types.js';
import {
  DEFAULT_REVIEW_NOTES_REF,
  MAX_COMMENT_LENGTH,
  MAX_QUOTED_LINES,
  parseReviewNote,
  type ReviewEvent,
  type ReviewSide,
  type ReviewThread,
  serializeReviewEvent,
} from './format.js';

export interface ReviewOptions {
  /** The commit under review: new threads are written to its note. */
  head: string;
  /** The old side of the diff under review (the merge base), to tell outdated old-side comments. */
  base?: string | undefined;
  /** Earlier commits whose notes may hold threads too (the branch's commits since its base). */
  commits?: readonly string[] | undefined;
  /** The notes ref (default `refs/notes/reviews`). */
  notesRef?: string | undefined;
  /** Who writes; needed to comment. Edits and deletions are allowed on this author's comments. */
  author?: CommitSignature | undefined;
}

/** A thread as the review shows it now. */
export interface ReviewThreadState extends ReviewThread {
  /** Opened on another head and its lines read differently now (or are gone). */
  outdated: boolean;
}

export interface ReviewSnapshot {
  /** `loading` until the first read; `error` when a read failed (`error` says why). */
  readonly status: 'loading' | 'ready' | 'error';
  readonly threads: readonly ReviewThreadState[];
  readonly error: unknown;
  /** Lines of the notes that were not review events this reader understands. */
  readonly skipped: number;
  readonly head: string;
}

/** Reads a file's text at a commit; null when it is not there. */
type ReadText = (commit: string, path: string) => Promise<string | null>;

const MAX_WRITE_ATTEMPTS = 5;
/** Notes read at once when a review spans many commits. */
const READ_CONCURRENCY = 6;

function newId(): string {
  const uuid = (globalThis.crypto as Crypto | undefined)?.randomUUID?.();
  return uuid ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

function checkBody(body: string): string {
  const text = body.trim();
  if (!text) throw new ValidationError('body', 'a comment cannot be empty');
  if (text.length > MAX_COMMENT_LENGTH) {
    throw new ValidationError('body', `a comment is at most ${MAX_COMMENT_LENGTH} characters`);
  }
  return text;
}

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;
const isStaleRef = (error: unknown) =>
  error instanceof RefUpdateError &&
  (error.reason === 'precondition_failed' || error.reason === 'conflict');

export class ReviewModel {
  private options: ReviewOptions;
  private snapshot: ReviewSnapshot;
  private readonly listeners = new Set<() => void>();
  /** Each commit's threads as last read. */
  private readonly notes = new Map<string, ReviewThread[]>();
  private readonly skippedBy = new Map<string, number>();
  /** The notes ref's tip as last seen (the compare-and-swap guard of the next write). */
  private refSha: string | undefined;
  private readonly texts = new Map<string, Promise<string | null>>();
  private readonly readText: ReadText;
  /** What the last full read covered (notes ref, base and commits) and the notes tip then. */
  private lastRead: { key: string; tip: string | undefined } | null = null;
  /** Bumped by every read started; a read that finishes after a newer one started is dropped. */
  private generation = 0;

  constructor(
    private readonly repo: Pick<Repo, 'getNote' | 'appendNote' | 'getFileStream' | 'listNotesRefs'>,
    options: ReviewOptions,
    init: { readText?: ReadText } = {},
  ) {
    this.options = options;
    this.snapshot = {
      status: 'loading',
      threads: [],
      error: undefined,
      skipped: 0,
      head: options.head,
    };
    this.readText =
      init.readText ??
      (async (commit, path) => {
        try {
          const response = await repo.getFileStream({ path, ref: commit });
          return await response.text();
        } catch (error) {
          if (isNotFound(error)) return null;
          throw error;
        }
      });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReviewSnapshot => this.snapshot;

  /** The notes ref in full (`reviews` → `refs/notes/reviews`). */
  get notesRef(): string {
    return notesRefName(this.options.notesRef?.trim() || DEFAULT_REVIEW_NOTES_REF);
  }

  /**
   * New options (a new head after a push, the author arriving late). Call `refresh()` after a
   * change of what is reviewed (head, base, commits): the threads are read again then.
   */
  setOptions(options: ReviewOptions): void {
    const ref = (o: ReviewOptions) => notesRefName(o.notesRef?.trim() || DEFAULT_REVIEW_NOTES_REF);
    if (ref(options) !== ref(this.options)) {
      this.notes.clear();
      this.refSha = undefined;
    }
    this.options = options;
  }

  /**
   * Reads the review's notes again (another reviewer may have written). When the notes ref has
   * not moved since the last read of the same commits, that is one request, not one per commit.
   */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const { head } = this.options;
    const commits = [...new Set([head, ...(this.options.commits ?? [])])];
    const key = [this.notesRef, this.options.base ?? '', ...commits].join('\0');
    try {
      // The tip before reading: a write landing while the notes are read moves it, so the next
      // refresh reads again rather than trusting a read that may have missed it.
      const tip = await this.notesTip();
      if (
        tip !== null &&
        this.lastRead?.key === key &&
        this.lastRead.tip === tip &&
        this.snapshot.status === 'ready'
      ) {
        return;
      }
      const read = await mapLimit(commits, READ_CONCURRENCY, (commit) => this.readNote(commit));
      if (generation !== this.generation) return;
      for (const [i, commit] of commits.entries()) {
        const result = read[i];
        if (result) this.notes.set(commit, result);
      }
      this.lastRead = tip === null ? null : { key, tip };
      await this.publish(generation);
    } catch (error) {
      if (generation !== this.generation) return;
      this.set({ ...this.snapshot, status: 'error', error });
    }
  }

  /** Opens a thread on lines `start`–`end` of `side` of `path`, quoting them as they read now. */
  async startThread(input: {
    path: string;
    side: ReviewSide;
    start: number;
    end: number;
    body: string;
  }): Promise<string> {
    const author = this.author();
    const body = checkBody(input.body);
    const { path, side } = input;
    if (!path) throw new ValidationError('path', 'a comment needs the file it is on');
    if (!Number.isSafeInteger(input.start) || input.start < 1 || input.end < input.start) {
      throw new ValidationError('start', 'lines are numbered from 1 and start <= end');
    }
    const { head, base } = this.options;
    const at = side === 'new' ? head : base;
    const text = at ? await this.text(at, path) : null;
    const lines = text === null ? [] : quote(text, input.start, input.end);
    const id = newId();
    await this.append(head, {
      v: 1,
      type: 'thread',
      id,
      path,
      side,
      start: input.start,
      end: input.end,
      lines,
      ...(base ? { base } : {}),
      body,
      author,
      at: new Date().toISOString(),
    });
    return id;
  }

  async reply(threadId: string, body: string): Promise<string> {
    const thread = this.thread(threadId);
    const id = newId();
    await this.append(thread.commit, {
      v: 1,
      type: 'reply',
      id,
      thread: threadId,
      body: checkBody(body),
      author: this.author(),
      at: new Date().toISOString(),
    });
    return id;
  }

  async resolve(threadId: string, resolved = true): Promise<void> {
    const thread = this.thread(threadId);
    await this.append(thread.commit, {
      v: 1,
      type: 'resolve',
      thread: threadId,
      resolved,
      author: this.author(),
      at: new Date().toISOString(),
    });
  }

  /** Changes the body of one of the author's own comments. */
  async edit(commentId: string, body: string): Promise<void> {
    const { thread } = this.ownComment(commentId);
    await this.append(thread.commit, {
      v: 1,
      type: 'edit',
      comment: commentId,
      body: checkBody(body),
      author: this.author(),
      at: new Date().toISOString(),
    });
  }

  /** Deletes one of the author's own comments (its replies stay). */
  async remove(commentId: string): Promise<void> {
    const { thread } = this.ownComment(commentId);
    await this.append(thread.commit, {
      v: 1,
      type: 'delete',
      comment: commentId,
      author: this.author(),
      at: new Date().toISOString(),
    });
  }

  /** Whether a comment is the current author's (edit and delete are offered on those). */
  isOwn(comment: { author: CommitSignature }): boolean {
    const me = this.options.author?.email.trim().toLowerCase();
    return !!me && comment.author.email.trim().toLowerCase() === me;
  }

  private author(): CommitSignature {
    const author = this.options.author;
    if (!author?.name?.trim() || !author.email?.trim()) {
      throw new ValidationError('author', 'sign in to comment: the review needs an author');
    }
    return { name: author.name.trim(), email: author.email.trim() };
  }

  private thread(threadId: string): ReviewThread {
    const thread = this.snapshot.threads.find((t) => t.id === threadId);
    if (!thread) throw new ValidationError('thread', `no thread ${threadId} in this review`);
    return thread;
  }

  private ownComment(commentId: string) {
    for (const thread of this.snapshot.threads) {
      const comment = thread.comments.find((c) => c.id === commentId);
      if (!comment) continue;
      if (comment.deleted) throw new ValidationError('comment', 'that comment was deleted');
      if (!this.isOwn(comment)) {
        throw new ValidationError('comment', 'only its author can change a comment');
      }
      return { thread, comment };
    }
    throw new ValidationError('comment', `no comment ${commentId} in this review`);
  }

  /**
   * Appends one event to `commit`'s note, guarded by the notes ref's tip as last seen. When the
   * tip moved (another reviewer wrote), reads the note again and retries: both writes are kept.
   */
  private async append(commit: string, event: ReviewEvent): Promise<void> {
    const note = serializeReviewEvent(event);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.repo.appendNote({
          sha: commit,
          ref: this.notesRef,
          note,
          ...(this.refSha ? { expectedRefSha: this.refSha } : {}),
          author: gitSignature(event.author),
        });
        this.refSha = result.newRefSha || this.refSha;
        // Only this write moved the tip since the last read: that read stays current.
        if (this.lastRead && result.baseCommit === this.lastRead.tip) {
          this.lastRead = { ...this.lastRead, tip: result.newRefSha };
        }
        break;
      } catch (error) {
        if (!isStaleRef(error) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
        // Someone else wrote: learn the new tip from a fresh read, then append again.
        this.refSha = undefined;
        await this.readNote(commit).then((threads) => {
          if (threads) this.notes.set(commit, threads);
        });
      }
    }
    const threads = await this.readNote(commit);
    if (threads) this.notes.set(commit, threads);
    await this.publish(this.generation);
  }

  /**
   * The notes ref's tip (undefined: the ref does not exist yet), or null when the server cannot
   * list notes refs (then every refresh reads every note).
   */
  private async notesTip(): Promise<string | undefined | null> {
    try {
      const { refs } = await this.repo.listNotesRefs({ prefix: this.notesRef, limit: 100 });
      return refs.find((r) => r.ref === this.notesRef)?.sha;
    } catch {
      return null;
    }
  }

  /** A commit's threads, or [] when it has no note; learns the notes ref's tip on the way. */
  private async readNote(commit: string): Promise<ReviewThread[]> {
    try {
      const { note, refSha } = await this.repo.getNote({ sha: commit, ref: this.notesRef });
      if (refSha) this.refSha = refSha;
      const parsed = parseReviewNote(commit, note);
      this.skippedBy.set(commit, parsed.skipped);
      return parsed.threads;
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  private text(commit: string, path: string): Promise<string | null> {
    const key = `${commit}\0${path}`;
    let text = this.texts.get(key);
    if (!text) {
      text = this.readText(commit, path);
      text.catch(() => this.texts.delete(key));
      this.texts.set(key, text);
    }
    return text;
  }

  /** Whether a thread's lines read differently where the review now looks. */
  private async isOutdated(thread: ReviewThread): Promise<boolean> {
    const { head, base } = this.options;
    const now = thread.side === 'new' ? head : base;
    const then = thread.side === 'new' ? thread.commit : thread.base;
    if (!now || now === then) return false;
    const text = await this.text(now, thread.path).catch(() => null);
    if (text === null) return true;
    const lines = quote(text, thread.start, thread.end);
    return lines.length !== thread.lines.length || lines.some((l, i) => l !== thread.lines[i]);
  }

  private async publish(generation: number): Promise<void> {
    const { head } = this.options;
    const order = [head, ...(this.options.commits ?? [])];
    const threads = [...new Set(order)].flatMap((c) => this.notes.get(c) ?? []);
    const states = await Promise.all(
      threads.map(
        async (t): Promise<ReviewThreadState> => ({ ...t, outdated: await this.isOutdated(t) }),
      ),
    );
    if (generation !== this.generation) return;
    let skipped = 0;
    for (const c of order) skipped += this.skippedBy.get(c) ?? 0;
    this.set({ status: 'ready', threads: states, error: undefined, skipped, head });
  }

  private set(snapshot: ReviewSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * The note commit's author: git refuses `<`, `>` and newlines in a signature, which a display
 * name may hold; the event keeps the name exactly as given.
 */
function gitSignature(author: CommitSignature): CommitSignature {
  const clean = (s: string) => s.replace(/[<>\r\n]+/g, ' ').trim() || 'unknown';
  return { name: clean(author.name), email: clean(author.email) };
}

/** Lines `start`–`end` (from 1) of a text, at most MAX_QUOTED_LINES. */
function quote(text: string, start: number, end: number): string[] {
  const lines = text.split('\n');
  return lines.slice(start - 1, Math.min(end, start - 1 + MAX_QUOTED_LINES));
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
