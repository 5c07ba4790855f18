/**
 * The connected diff: what a branch changed since its base (`{ branch, base }`) or what a commit
 * changed (`{ sha, baseSha }`), read with `useDiff` and shown by `DiffView`. Folded unchanged
 * lines are read on request from the new side (the commit, or the branch), through the query
 * cache.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useCallback } from 'react';
import {
  type BranchDiffOptions,
  type CommitDiffOptions,
  storageQueries,
  useDiff,
  useGitStorage,
} from '../../react/index.js';
import { useLabels } from '../shared/labels.js';
import { DiffView, type DiffViewProps } from './DiffView.js';
import type { DiffEntry } from './diff-model.js';

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
  const labels = useLabels(props.labels);
  const { repoId } = props;
  const options: BranchDiffOptions | CommitDiffOptions =
    'sha' in props
      ? { sha: props.sha, ...(props.baseSha ? { baseSha: props.baseSha } : {}) }
      : { branch: props.branch, ...(props.base ? { base: props.base } : {}) };
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

  const { repoId: _r, ...viewProps } = props as DiffViewerProps & Record<string, unknown>;
  for (const k of ['sha', 'baseSha', 'branch', 'base']) delete viewProps[k];
  return (
    <DiffView
      {...(viewProps as DiffViewProps)}
      diff={diff.data}
      loading={diff.isPending}
      error={diff.error}
      onRetry={() => void diff.refetch()}
      diffKey={diffKey}
      loadNewText={loadNewText}
    />
  );
}
