/**
 * Commits the resolution of a conflicted merge on the source branch, with the API Code Storage
 * has: it has no "commit with these two parents" call, so the merge commit comes from its merge
 * call, made clean by a first commit on the target's side.
 *
 * 1. `prep`, an ephemeral branch at the target tip the preview saw, gets one commit giving each
 *    conflicted file the source's version (or deleting it where the source deleted it).
 * 2. `work`, an ephemeral branch at the source tip the preview saw, merges `prep`: every
 *    conflicted file is now the same change on both sides, so the merge is clean, and the merge
 *    commit's parents are the source tip and (through `prep`) the target tip.
 * 3. `work` gets the resolution: one commit with each file as the user resolved it.
 * 4. The source branch fast-forwards to `work` only if it is still at the tip the preview saw;
 *    otherwise nothing on it moved, and the caller previews again.
 *
 * The source's first-parent history reads: its old tip, "Merge <target> into <source>", then
 * "Resolve conflicts". The scratch branches are deleted whatever happens.
 */
import { ValidationError } from '../errors.js';
import type { Repo } from '../repo.js';
import type { CommitSignature, FileSource } from '../types.js';

/** How one conflicted file ends up. */
export type ConflictFileResolution =
  /** The file's resolved content (text the user edited or assembled hunk by hunk). */
  | { path: string; content: FileSource }
  /** The whole file as one side has it: the source or the target branch (binary files). */
  | { path: string; take: 'source' | 'target' }
  /** The file deleted. */
  | { path: string; delete: true };

export interface CommitMergeResolutionOptions {
  sourceBranch: string;
  targetBranch: string;
  /** The tips the preview saw: nothing is written over a branch that moved since. */
  sourceTipSha: string;
  targetTipSha: string;
  /** Every conflicted file of the preview, each resolved. */
  files: readonly ConflictFileResolution[];
  /** For each conflicted path, whether the source side has the file (false: deleted there). */
  sourceHas: (path: string) => boolean;
  author: CommitSignature;
  /** Default "Resolve conflicts merging <target> into <source>". */
  message?: string;
  signal?: AbortSignal;
}

export interface MergeResolutionResult {
  /** The merge commit bringing the target into the source. */
  mergeCommitSha: string;
  /** The source's new tip: the resolution on top of the merge (or the merge, when it needed none). */
  headSha: string;
}

type ResolutionRepo = Pick<
  Repo,
  'createBranch' | 'deleteBranch' | 'createCommit' | 'merge' | 'getFileStream'
>;

function scratchName(kind: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `gsk-resolve/${kind}-${Date.now().toString(36)}-${random}`;
}

/** A file's bytes at a commit, streamed (never held whole). */
async function fileAt(repo: ResolutionRepo, path: string, ref: string, signal?: AbortSignal) {
  const response = await repo.getFileStream({ path, ref, ...(signal ? { signal } : {}) });
  if (!response.body) throw new ValidationError('files', `${path} could not be read at ${ref}`);
  return response.body;
}

export async function commitMergeResolution(
  repo: ResolutionRepo,
  options: CommitMergeResolutionOptions,
): Promise<MergeResolutionResult> {
  const { sourceBranch, targetBranch, sourceTipSha, targetTipSha, author, signal } = options;
  if (options.files.length === 0) {
    throw new ValidationError('files', 'there are no resolved files to commit');
  }
  const seen = new Set<string>();
  for (const file of options.files) {
    if (seen.has(file.path)) throw new ValidationError('files', `${file.path} is resolved twice`);
    seen.add(file.path);
  }
  const prep = scratchName('prep');
  const work = scratchName('work');
  const made: string[] = [];
  const sig = signal ? { signal } : {};
  try {
    await repo.createBranch({
      targetBranch: prep,
      baseRef: targetTipSha,
      targetIsEphemeral: true,
      ...sig,
    });
    made.push(prep);
    await repo.createBranch({
      targetBranch: work,
      baseRef: sourceTipSha,
      targetIsEphemeral: true,
      ...sig,
    });
    made.push(work);

    // 1. The target's side takes the source's version of every conflicted file.
    const prepCommit = repo.createCommit({
      targetBranch: prep,
      ephemeral: true,
      expectedHeadSha: targetTipSha,
      commitMessage: `Take ${sourceBranch}'s version of the conflicted files (resolved in the merge that follows)`,
      author,
    });
    for (const file of options.files) {
      if (options.sourceHas(file.path)) {
        prepCommit.addFile(file.path, await fileAt(repo, file.path, sourceTipSha, signal));
      } else {
        prepCommit.deletePath(file.path);
      }
    }
    await prepCommit.send(sig);

    // 2. The merge commit, clean by construction.
    const merged = await repo.merge({
      sourceBranch: prep,
      sourceIsEphemeral: true,
      targetBranch: work,
      targetIsEphemeral: true,
      strategy: 'merge',
      expectedTargetSha: sourceTipSha,
      commitMessage: `Merge ${targetBranch} into ${sourceBranch}`,
      author,
      committer: author,
      ...sig,
    });
    let head = merged.commitSha;

    // 3. The resolution, where it differs from the source's version.
    const resolution = repo.createCommit({
      targetBranch: work,
      ephemeral: true,
      expectedHeadSha: head,
      commitMessage:
        options.message?.trim() || `Resolve conflicts merging ${targetBranch} into ${sourceBranch}`,
      author,
    });
    let changes = 0;
    for (const file of options.files) {
      if ('content' in file) {
        resolution.addFile(file.path, file.content);
        changes++;
      } else if ('delete' in file) {
        if (options.sourceHas(file.path)) {
          resolution.deletePath(file.path);
          changes++;
        }
      } else if (file.take === 'target') {
        resolution.addFile(file.path, await fileAt(repo, file.path, targetTipSha, signal));
        changes++;
      }
    }
    if (changes > 0) head = (await resolution.send(sig)).commitSha;

    // 4. The source moves once, and only from the tip the preview saw.
    await repo.merge({
      sourceBranch: work,
      sourceIsEphemeral: true,
      targetBranch: sourceBranch,
      strategy: 'ff_only',
      expectedTargetSha: sourceTipSha,
      ...sig,
    });
    return { mergeCommitSha: merged.commitSha, headSha: head };
  } finally {
    await Promise.all(
      made.map((name) => repo.deleteBranch({ name, ephemeral: true }).catch(() => undefined)),
    );
  }
}
