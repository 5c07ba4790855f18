import { sourceSize } from './chunker.js';
import { sendUpload, type UploadTarget } from './commit-upload.js';
import { ValidationError } from './errors.js';
import { branchNameProblem, pathProblem } from './paths.js';
import type {
  CommitResult,
  CommitSignature,
  FileSource,
  GitFileMode,
  SendOptions,
} from './types.js';
import type { WireCommitMetadata } from './wire-types.js';

export interface CreateCommitOptions {
  /** The branch to commit to (`refs/heads/x` is accepted and shortened). */
  targetBranch: string;
  commitMessage: string;
  author: CommitSignature;
  committer?: CommitSignature;
  /** Fail with `precondition_failed` unless the branch is at this commit. */
  expectedHeadSha?: string;
  /** Create `targetBranch` from this branch's tip when it does not exist yet. */
  baseBranch?: string;
  /** `targetBranch` lives in the ephemeral namespace (never mirrored; see PROTOCOL.md §11). */
  ephemeral?: boolean;
  /** `baseBranch` is resolved in the ephemeral namespace (needs `baseBranch`). */
  ephemeralBase?: boolean;
}

interface Operation {
  path: string;
  contentId: string;
  source?: FileSource;
  mode?: GitFileMode;
}

let counter = 0;
function contentId(): string {
  const uuid = (globalThis.crypto as Crypto | undefined)?.randomUUID?.();
  return uuid ?? `cid-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

/** Checks a signature and returns it trimmed. */
export function checkSignature(value: CommitSignature | undefined, field: string): CommitSignature {
  const name = value?.name?.trim() ?? '';
  const email = value?.email?.trim() ?? '';
  if (!name || !email)
    throw new ValidationError(field, `${field} needs a non-empty name and email`);
  return { name, email };
}

/** Checks the options every commit upload shares; returns the wire metadata (without files). */
export function commitMetadata(options: CreateCommitOptions): WireCommitMetadata {
  const branch = options.targetBranch?.trim().replace(/^refs\/heads\//, '') ?? '';
  const branchProblem = branchNameProblem(branch);
  if (branchProblem) throw new ValidationError('targetBranch', `targetBranch: ${branchProblem}`);
  const message = options.commitMessage?.trim();
  if (!message)
    throw new ValidationError(
      'commitMessage',
      'commitMessage is required: say what the commit changes',
    );
  const metadata: WireCommitMetadata = {
    target_branch: branch,
    commit_message: message,
    author: checkSignature(options.author, 'author'),
  };
  if (options.committer) metadata.committer = checkSignature(options.committer, 'committer');
  const expected = options.expectedHeadSha?.trim();
  if (expected) metadata.expected_head_sha = expected;
  const base = options.baseBranch?.trim();
  if (base) {
    const baseProblem = branchNameProblem(base);
    if (baseProblem) throw new ValidationError('baseBranch', `baseBranch: ${baseProblem}`);
    metadata.base_branch = base;
  }
  if (options.ephemeralBase && !base) {
    throw new ValidationError('ephemeralBase', 'ephemeralBase needs baseBranch');
  }
  if (options.ephemeral) metadata.ephemeral = true;
  if (options.ephemeralBase) metadata.ephemeral_base = true;
  return metadata;
}

/**
 * Collects file additions and deletions, then sends them as one commit. Files are read lazily,
 * in 4 MiB chunks, only while sending.
 *
 * ```ts
 * const result = await repo
 *   .createCommit({ targetBranch: 'main', commitMessage: 'Add logo', author })
 *   .addFile('assets/logo.png', file)
 *   .deletePath('assets/old-logo.png')
 *   .send({ onProgress: (p) => console.log(p.phase, p.bytesSent, p.totalBytes) });
 * ```
 */
export class CommitBuilder {
  /** By path: adding or deleting a path again replaces what was staged for it. */
  private readonly operations = new Map<string, Operation>();
  private sent = false;
  private readonly metadata: WireCommitMetadata;

  constructor(
    private readonly target: UploadTarget,
    options: CreateCommitOptions,
  ) {
    this.metadata = commitMetadata(options);
  }

  private checkPath(path: string, mode?: GitFileMode): string {
    const problem = pathProblem(path, { symlink: mode === '120000' });
    if (problem) throw new ValidationError('path', `${JSON.stringify(path)}: ${problem}`);
    return path;
  }

  /**
   * Adds a file, or replaces what this builder already staged at `path` (a second `addFile` or a
   * `deletePath` of the same path). `source` is read only when the commit is sent.
   */
  addFile(path: string, source: FileSource, options: { mode?: GitFileMode } = {}): this {
    this.operations.set(this.checkPath(path, options.mode), {
      path,
      contentId: contentId(),
      source,
      mode: options.mode,
    });
    return this;
  }

  /** Adds (or replaces) a text file, encoded as UTF-8. */
  addFileFromString(path: string, text: string, options: { mode?: GitFileMode } = {}): this {
    return this.addFile(path, text, options);
  }

  /** Removes a file (and forgets anything this builder staged at `path`). */
  deletePath(path: string): this {
    this.operations.set(this.checkPath(path), { path, contentId: contentId() });
    return this;
  }

  /** Sends the commit. A builder sends once; make a new one for the next commit. */
  async send(options: SendOptions = {}): Promise<CommitResult> {
    if (this.sent)
      throw new ValidationError('send', 'this commit was already sent: create a new builder');
    if (this.operations.size === 0 && !options.allowEmpty) {
      throw new ValidationError(
        'send',
        'the commit changes nothing: add or delete a file (or pass allowEmpty: true)',
      );
    }
    this.sent = true;
    const metadata: WireCommitMetadata = {
      ...this.metadata,
      files: [...this.operations.values()].map((op) =>
        op.source === undefined
          ? { path: op.path, content_id: op.contentId, operation: 'delete' }
          : {
              path: op.path,
              content_id: op.contentId,
              operation: 'upsert',
              mode: op.mode ?? '100644',
            },
      ),
    };
    const uploads = [...this.operations.values()]
      .filter((op): op is Operation & { source: FileSource } => op.source !== undefined)
      .map((op) => ({
        path: op.path,
        contentId: op.contentId,
        source: op.source,
        size: sourceSize(op.source),
      }));
    return sendUpload(this.target, 'repos/commit-pack', metadata, 'blob_chunk', uploads, options);
  }
}
