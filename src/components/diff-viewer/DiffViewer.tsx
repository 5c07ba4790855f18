/**
 * The connected diff: what a branch changed since its base (`{ branch, base }`) or what a commit
 * changed (`{ sha, baseSha }`), read with `useDiff` and shown by `DiffView`. Folded unchanged
 * lines are read on request from the new side (the commit, or the branch), through the query
 * cache.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useCallback } from 'react';
import type { GetBranchDiffResult, GetCommitDiffResult } from '../../core/browser.js';
import {
  type BranchDiffOptions,
  type CommitDiffOptions,
  storageQueries,
  useDiff,
  useGitStorage,
} from '../../react/index.js';
import { useFamilyLabels, useLocale } from '../shared/labels.js';
import { DiffView, type DiffViewProps } from './DiffView.js';
import type { DiffEntry } from './diff-model.js';
import { diffViewerLabels } from './labels.js';
import { type ReadSide, UnshownFile } from './UnshownFile.js';

/** Unfolding reads at most this much of a file; a larger file stays folded with a message. */
export const CONTEXT_MAX_BYTES = 16 * 1024 * 1024;

export type DiffViewerProps = Omit<
  DiffViewProps,
  'diff' | 'loading' | 'error' | 'onRetry' | 'loadNewText' | 'diffKey'
> & {
  repoId: string;
} & (BranchDiffOptions | CommitDiffOptions);

export function DiffViewer(props: DiffViewerProps): ReactElement {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  const labels = useFamilyLabels(diffViewerLabels, props.labels);
  // What to diff, and everything else for the view.
  const { repoId, sha, baseSha, branch, base, ...viewProps } = props as DiffViewerProps &
    Partial<CommitDiffOptions & BranchDiffOptions>;
  const options: BranchDiffOptions | CommitDiffOptions =
    sha !== undefined
      ? { sha, ...(baseSha ? { baseSha } : {}) }
      : { branch: branch ?? '', ...(base ? { base } : {}) };
  const diff = useDiff(repoId, options as BranchDiffOptions);
  const newSide = 'sha' in options ? options.sha : options.branch;
  const diffKey =
    'sha' in options
      ? `${repoId}\0${options.sha}\0${options.baseSha ?? ''}`
      : `${repoId}\0${options.branch}\0${options.base ?? ''}`;

  const loadNewText = useCallback(
    async (entry: DiffEntry) => {
      const content = await queryClient.fetchQuery(
        storageQueries.file(client, repoId, {
          path: entry.path,
          ref: newSide,
          maxBytes: CONTEXT_MAX_BYTES,
        }),
      );
      if (content.truncated || content.text === undefined) throw new Error(labels.contextTooBig);
      return content.text;
    },
    [client, queryClient, repoId, newSide, labels.contextTooBig],
  );

  // Binary files: both sizes, and images side by side, read at each side of the diff.
  const data = diff.data as Partial<GetCommitDiffResult & GetBranchDiffResult> | undefined;
  const oldSide = data?.sha !== undefined ? data.baseSha : data?.mergeBaseSha;
  const newRef = data?.sha ?? newSide;
  const locale = useLocale();
  const readSide = useCallback<ReadSide>(
    (path, ref, maxBytes) =>
      queryClient.fetchQuery(storageQueries.file(client, repoId, { path, ref, maxBytes })),
    [client, queryClient, repoId],
  );
  const renderUnshown = useCallback(
    (entry: DiffEntry) => (
      <UnshownFile
        entry={entry}
        read={readSide}
        oldRef={oldSide}
        newRef={newRef}
        labels={labels}
        locale={locale}
      />
    ),
    [readSide, oldSide, newRef, labels, locale],
  );

  return (
    <DiffView
      renderUnshown={renderUnshown}
      {...viewProps}
      diff={diff.data}
      loading={diff.isPending}
      error={diff.error}
      onRetry={() => void diff.refetch()}
      diffKey={diffKey}
      loadNewText={loadNewText}
    />
  );
}
