/**
 * A commit being composed: staged files and deletions, message, author, and the state of sending
 * it (phase, progress, result, error). Framework-agnostic: adapters read it with `subscribe` /
 * `getSnapshot` (React's `useSyncExternalStore`, a Svelte store, a Vue ref), so a change staged
 * and committed in the same event handler, or after an `await`, is always part of the commit.
 */
import type { DraftPersistenceState } from './draft-persistence.js';
import { ValidationError } from './errors.js';
import { pathProblem } from './paths.js';
import type { Repo } from './repo.js';
import type {
  CommitProgress,
  CommitResult,
  CommitSignature,
  FileSource,
  GitFileMode,
} from './types.js';

/** A change waiting to be committed. */
export type StagedChange =
  | { kind: 'file'; path: string; source: FileSource; mode?: GitFileMode }
  | { kind: 'delete'; path: string };

/** `idle` until `commit()`; `uploading` / `committing` while sending; then `done` or `error`. */
export type CommitDraftPhase = 'idle' | 'uploading' | 'committing' | 'done' | 'error';

/** What a draft holds at one moment. A new object whenever anything changes. */
export interface CommitDraftSnapshot {
  /** In the order first staged; staging a path again replaces its change in place. */
  readonly staged: readonly StagedChange[];
  readonly message: string;
  readonly author: CommitSignature | undefined;
  /**
   * The branch's head when staging began (looked up on the first change staged; undefined until
   * known, or when the branch does not exist yet). Send it as `expectedHeadSha` to refuse
   * committing over changes made since.
   */
  readonly baseHeadSha: string | undefined;
  readonly phase: CommitDraftPhase;
  readonly progress: CommitProgress | undefined;
  readonly result: CommitResult | undefined;
  readonly error: unknown;
  /**
   * The draft's stored copy, when the client keeps drafts across reloads: what was restored
   * (and from when), and which staged files are not kept (no room in the browser's storage).
   */
  readonly persistence?: DraftPersistenceState | undefined;
}

export interface CommitDraftOptions {
  branch: string;
  /**
   * The author when none was set with `setAuthor`. May arrive late (a profile still loading):
   * `setOptions({ author })` fills it in.
   */
  author?: CommitSignature;
  /** Look up the branch head when staging begins (default true). */
  recordBaseHead?: boolean;
  /**
   * Awaited after a commit lands and before the draft reports it done (an adapter refreshes its
   * caches here, so whoever sees `done` sees the new state of the branch too).
   */
  onCommitted?: (result: CommitResult) => Promise<void> | void;
}

export interface DraftCommitOptions {
  /** Defaults to the draft's message. */
  message?: string;
  /** Defaults to the draft's author. */
  author?: CommitSignature;
  committer?: CommitSignature;
  /** Fail with `precondition_failed` unless the branch is at this commit. */
  expectedHeadSha?: string;
  /** Create the branch from this one if it does not exist yet. */
  baseBranch?: string;
  /** Send a commit with no changes (refused otherwise). */
  allowEmpty?: boolean;
}

/**
 * ```ts
 * const draft = new CommitDraft(repo, { branch: 'main', author });
 * draft.addFile('docs/intro.md', file);
 * draft.setMessage('Add the intro');
 * const result = await draft.commit({ expectedHeadSha: draft.getSnapshot().baseHeadSha });
 * ```
 */
export class CommitDraft {
  private snapshot: CommitDraftSnapshot;
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;
  /**
   * Bumped by every reset and every commit that lands: a late head lookup, or the outcome of a
   * commit the user reset while it was sent, never lands in a newer session.
   */
  private session = 0;
  /** `setAuthor` was called: the `author` option no longer decides. */
  private authorChosen = false;
  private options: CommitDraftOptions;

  constructor(
    private readonly repo: Repo,
    options: CommitDraftOptions,
  ) {
    this.options = { ...options };
    this.snapshot = {
      staged: [],
      message: '',
      author: options.author,
      baseHeadSha: undefined,
      phase: 'idle',
      progress: undefined,
      result: undefined,
      error: undefined,
    };
  }

  /**
   * Takes new options (the branch excepted: a draft belongs to one branch). An `author` given
   * here becomes the draft's author unless one was chosen with `setAuthor`.
   */
  setOptions(options: Partial<Omit<CommitDraftOptions, 'branch'>>): void {
    this.options = { ...this.options, ...options, branch: this.options.branch };
    if ('author' in options && !this.authorChosen) {
      const next = options.author;
      const current = this.snapshot.author;
      if (next?.name !== current?.name || next?.email !== current?.email) {
        this.update({ author: next });
      }
    }
  }

  /** The repository this draft commits to. */
  get repoId(): string {
    return this.repo.id;
  }

  /** The branch this draft commits to. */
  get branch(): string {
    return this.options.branch;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CommitDraftSnapshot => this.snapshot;

  private update(patch: Partial<CommitDraftSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  /**
   * Stages many changes in one update — a dropped folder of 10,000 files is one snapshot, not
   * 10,000 (each a copy of the list). All or nothing: a bad path throws a ValidationError before
   * anything is staged. A path staged again replaces its change in place.
   */
  stageAll(changes: readonly StagedChange[]): void {
    for (const change of changes) {
      const problem = pathProblem(change.path, {
        symlink: change.kind === 'file' && change.mode === '120000',
      });
      if (problem) throw new ValidationError('path', `${JSON.stringify(change.path)}: ${problem}`);
    }
    if (changes.length === 0) return;
    const staged = [...this.snapshot.staged];
    const at = new Map(staged.map((c, i) => [c.path, i]));
    for (const change of changes) {
      const i = at.get(change.path);
      if (i === undefined) {
        at.set(change.path, staged.length);
        staged.push(change);
      } else {
        staged[i] = change;
      }
    }
    const first = this.snapshot.staged.length === 0;
    this.update({ staged, ...(this.snapshot.phase === 'done' ? { phase: 'idle' } : {}) });
    if (first && this.options.recordBaseHead !== false) void this.recordBaseHead();
  }

  private stage(change: StagedChange): void {
    this.stageAll([change]);
  }

  private async recordBaseHead(): Promise<void> {
    const session = this.session;
    try {
      const { commit } = await this.repo.getCommit({ sha: this.options.branch });
      if (session === this.session && this.snapshot.baseHeadSha === undefined) {
        this.update({ baseHeadSha: commit.sha });
      }
    } catch {
      // A branch that does not exist yet has no head; the commit will say if that matters.
    }
  }

  /** Stages a file (replacing anything staged at `path`). Throws ValidationError for a bad path. */
  addFile(path: string, source: FileSource, options: { mode?: GitFileMode } = {}): void {
    this.stage({ kind: 'file', path, source, ...(options.mode ? { mode: options.mode } : {}) });
  }

  /** Stages a text file, encoded as UTF-8. */
  addText(path: string, text: string): void {
    this.addFile(path, text);
  }

  /** Stages the deletion of an existing file. */
  deletePath(path: string): void {
    this.stage({ kind: 'delete', path });
  }

  /**
   * Moves a staged file to another path, keeping its place in the list and its content. Throws a
   * ValidationError for a bad target, a target already staged, or a deletion (which names a path
   * on the branch and cannot be moved).
   */
  renameStaged(from: string, to: string): void {
    if (from === to) return;
    const index = this.snapshot.staged.findIndex((c) => c.path === from);
    const change = this.snapshot.staged[index];
    if (!change) throw new ValidationError('path', `${JSON.stringify(from)} is not staged`);
    if (change.kind === 'delete') {
      throw new ValidationError(
        'path',
        `${JSON.stringify(from)} is a deletion: unstage it instead`,
      );
    }
    const problem = pathProblem(to, { symlink: change.mode === '120000' });
    if (problem) throw new ValidationError('path', `${JSON.stringify(to)}: ${problem}`);
    if (this.snapshot.staged.some((c) => c.path === to)) {
      throw new ValidationError('path', `${JSON.stringify(to)} is already staged`);
    }
    const staged = [...this.snapshot.staged];
    staged[index] = { ...change, path: to };
    this.update({ staged });
  }

  /**
   * Takes `sha` as the head the staged changes were made against — after the branch moved and
   * the user chose to commit on top of the new head.
   */
  setBaseHeadSha(sha: string | undefined): void {
    this.update({ baseHeadSha: sha });
  }

  /** The stored copy's state (set by the draft store's persister). */
  setPersistence(state: DraftPersistenceState | undefined): void {
    this.update({ persistence: state });
  }

  /** Drops whatever is staged at `path`. */
  unstage(path: string): void {
    this.update({ staged: this.snapshot.staged.filter((c) => c.path !== path) });
  }

  setMessage(message: string): void {
    this.update({ message });
  }

  /** Chooses the author (undefined: back to the `author` option). */
  setAuthor(author: CommitSignature | undefined): void {
    this.authorChosen = author !== undefined;
    this.update({ author: author ?? this.options.author });
  }

  /**
   * Forgets everything staged and the last outcome, aborting a commit still uploading (one the
   * server is already writing lands, and the draft stays empty).
   */
  reset(): void {
    this.abort();
    this.controller = null;
    this.session++;
    this.update({
      staged: [],
      message: '',
      baseHeadSha: undefined,
      phase: 'idle',
      progress: undefined,
      result: undefined,
      error: undefined,
      persistence: undefined,
    });
  }

  /**
   * Stops a commit in flight: it rejects with an AbortError, the branch does not move, and
   * everything stays staged. Once the whole body is sent (phase `committing`) the server writes
   * the commit whatever the client does, so nothing is stopped and this returns false; it
   * returns true when an upload was stopped, false when there was nothing to stop.
   */
  abort(): boolean {
    if (!this.controller || this.snapshot.phase === 'committing') return false;
    this.controller.abort();
    return true;
  }

  /**
   * Sends what is staged now as one commit. Resolves with the result (and clears the staged
   * changes and message); rejects with a typed error and keeps everything staged. Nothing staged
   * is a ValidationError unless `allowEmpty`.
   */
  async commit(options: DraftCommitOptions = {}): Promise<CommitResult> {
    const { staged } = this.snapshot;
    if (this.controller) {
      throw new ValidationError('commit', 'a commit of this draft is already being sent');
    }
    if (staged.length === 0 && !options.allowEmpty) {
      const error = new ValidationError('staged', 'nothing is staged: add or delete a file first');
      this.update({ phase: 'error', error });
      throw error;
    }
    const controller = new AbortController();
    this.controller = controller;
    const session = this.session;
    this.update({ phase: 'uploading', progress: undefined, result: undefined, error: undefined });
    try {
      const author = options.author ?? this.snapshot.author;
      const builder = this.repo.createCommit({
        targetBranch: this.options.branch,
        commitMessage: options.message ?? this.snapshot.message,
        author: author as CommitSignature,
        ...(options.committer ? { committer: options.committer } : {}),
        ...(options.expectedHeadSha ? { expectedHeadSha: options.expectedHeadSha } : {}),
        ...(options.baseBranch ? { baseBranch: options.baseBranch } : {}),
      });
      for (const change of staged) {
        if (change.kind === 'delete') builder.deletePath(change.path);
        else builder.addFile(change.path, change.source, change.mode ? { mode: change.mode } : {});
      }
      const result = await builder.send({
        allowEmpty: options.allowEmpty === true,
        signal: controller.signal,
        // A transport may still report a write that completed after an abort: only progress
        // of the commit in flight counts.
        onProgress: (progress) => {
          if (
            this.controller === controller &&
            !controller.signal.aborted &&
            this.session === session
          ) {
            this.update({ progress, phase: progress.phase });
          }
        },
      });
      await this.options.onCommitted?.(result);
      // Reset while it was sent (too late to stop it): the commit landed, the draft stays empty.
      if (this.session !== session) return result;
      this.session++;
      this.release(controller);
      // Changes staged while this commit was in flight were not part of it: keep them.
      const sent = new Set(staged);
      this.update({
        staged: this.snapshot.staged.filter((c) => !sent.has(c)),
        message: '',
        baseHeadSha: undefined,
        phase: 'done',
        result,
        persistence: undefined,
      });
      return result;
    } catch (error) {
      this.release(controller);
      // A reset during the upload aborted it on purpose: the draft is idle, not failed.
      if (this.session === session) this.update({ phase: 'error', error });
      throw error;
    } finally {
      this.release(controller);
    }
  }

  /** Forgets `controller` if it is still the commit in flight (a newer commit keeps its own). */
  private release(controller: AbortController): void {
    if (this.controller === controller) this.controller = null;
  }
}
