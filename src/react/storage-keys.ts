/**
 * Hierarchical query keys: repository → ref → resource. Invalidating `storageKeys.ref(repo, b)`
 * refreshes everything a commit on branch `b` can change (its tree, files, history and diffs).
 * Reads that name no ref live under {@link DEFAULT_REF}, which writes invalidate too.
 */
export const DEFAULT_REF = '@default';

export const storageKeys = {
  all: ['git-storage'] as const,
  repo: (repoId: string) => [...storageKeys.all, repoId] as const,
  repoInfo: (repoId: string) => [...storageKeys.repo(repoId), 'info'] as const,
  /** Every branch listing of a repository (invalidate this); `branchList` is one page size. */
  branches: (repoId: string) => [...storageKeys.repo(repoId), 'branches'] as const,
  branchList: (repoId: string, o: { limit?: number } = {}) =>
    [...storageKeys.branches(repoId), { limit: o.limit ?? null }] as const,
  tags: (repoId: string) => [...storageKeys.repo(repoId), 'tags'] as const,
  tagList: (repoId: string, o: { limit?: number } = {}) =>
    [...storageKeys.tags(repoId), { limit: o.limit ?? null }] as const,
  ref: (repoId: string, ref: string | undefined) =>
    [...storageKeys.repo(repoId), 'ref', ref || DEFAULT_REF] as const,
  files: (
    repoId: string,
    o: { ref?: string; path?: string; recursive?: boolean; cursor?: string; limit?: number } = {},
  ) =>
    [
      ...storageKeys.ref(repoId, o.ref),
      'files',
      {
        path: o.path ?? '',
        recursive: o.recursive ?? false,
        cursor: o.cursor ?? '',
        limit: o.limit ?? null,
      },
    ] as const,
  file: (repoId: string, o: { ref?: string; path: string }) =>
    [...storageKeys.ref(repoId, o.ref), 'file', o.path] as const,
  fileMetadata: (repoId: string, o: { ref?: string; path: string }) =>
    [...storageKeys.ref(repoId, o.ref), 'file-metadata', o.path] as const,
  blame: (repoId: string, o: { ref?: string; path: string; ranges?: readonly string[] }) =>
    [...storageKeys.ref(repoId, o.ref), 'blame', o.path, { ranges: o.ranges ?? [] }] as const,
  grep: (repoId: string, o: { ref?: string } & Record<string, unknown>) => {
    const { ref, signal: _signal, ...rest } = o;
    return [...storageKeys.ref(repoId, ref), 'grep', rest] as const;
  },
  /** Page size is part of the key: pages of different sizes must not share a cached list. */
  commits: (repoId: string, o: { branch?: string; path?: string; limit?: number } = {}) =>
    [
      ...storageKeys.ref(repoId, o.branch),
      'commits',
      { path: o.path ?? '', limit: o.limit ?? null },
    ] as const,
  branchDiff: (repoId: string, o: { branch: string; base?: string }) =>
    [...storageKeys.ref(repoId, o.branch), 'diff', { base: o.base ?? '' }] as const,
  /** Merge previews depend on two branches: every branch move invalidates them all. */
  mergePreviews: (repoId: string) => [...storageKeys.repo(repoId), 'merge-preview'] as const,
  mergePreview: (
    repoId: string,
    o: { sourceBranch: string; targetBranch: string; includeContent?: boolean },
  ) =>
    [
      ...storageKeys.mergePreviews(repoId),
      o.sourceBranch,
      o.targetBranch,
      { includeContent: o.includeContent ?? false },
    ] as const,
  /** Notes by notes ref (`refs/notes/commits` unless given), then by commit. */
  notes: (repoId: string, ref?: string) =>
    [
      ...storageKeys.repo(repoId),
      'notes',
      ref?.replace(/^(?:refs\/)?notes\//, '') || 'commits',
    ] as const,
  note: (repoId: string, o: { sha: string; ref?: string }) =>
    [...storageKeys.notes(repoId, o.ref), o.sha] as const,
  /** Commits are immutable: their keys live outside any ref and never need invalidating. */
  commit: (repoId: string, sha: string) => [...storageKeys.repo(repoId), 'commit', sha] as const,
  /** The commit a branch, tag or other revision names now: under its ref, so moves refresh it. */
  revision: (repoId: string, rev: string) => [...storageKeys.ref(repoId, rev), 'commit'] as const,
  commitDiff: (repoId: string, o: { sha: string; baseSha?: string }) =>
    [...storageKeys.commit(repoId, o.sha), 'diff', { baseSha: o.baseSha ?? '' }] as const,
};
