/** The connected history: a branch's commits (optionally for one path), page by page. */
import { useMemo } from 'react';
import { useCommits } from '../../react/index.js';
import { useFamilyLabels } from '../shared/labels.js';
import { CommitList, type CommitListItem, type CommitListProps } from './CommitList.js';
import { commitHistoryLabels } from './labels.js';

export interface CommitHistoryProps
  extends Omit<
    CommitListProps,
    'commits' | 'loading' | 'error' | 'onRetry' | 'hasMore' | 'onLoadMore'
  > {
  repoId: string;
  /** A branch or commit SHA; the default branch when left out. */
  branch?: string;
  /** Only commits that touched this path. */
  path?: string;
  /** Commits per page (default 50). */
  pageSize?: number;
}

export function CommitHistory({ repoId, branch, path, pageSize, ...rest }: CommitHistoryProps) {
  const labels = useFamilyLabels(commitHistoryLabels, rest.labels);
  const history = useCommits(repoId, {
    ...(branch ? { branch } : {}),
    ...(path ? { path } : {}),
    limit: pageSize ?? 50,
  });
  const commits = useMemo<CommitListItem[]>(
    () => history.data?.pages.flatMap((page) => page.commits) ?? [],
    [history.data],
  );
  const { fetchNextPage, refetch } = history;
  return (
    <CommitList
      heading={path ? labels.historyFor(path) : labels.history}
      {...rest}
      commits={commits}
      loading={history.isPending || history.isFetchingNextPage}
      error={history.error}
      onRetry={() => void refetch()}
      hasMore={history.hasNextPage}
      onLoadMore={fetchNextPage}
    />
  );
}
