/**
 * Two branches side by side, as a code host's compare page: base and compare pickers with a swap,
 * how far each is ahead and behind, the commits the compared branch has since their merge base,
 * then the diff. Identical branches are said in words.
 *
 * ```tsx
 * <CompareView repoId="team/app" base="main" head="feature/x" onChange={({ base, head }) => …} />
 * ```
 */
import { ArrowLeftRight } from 'lucide-react';
import { type ReactNode, useMemo } from 'react';
import type { CommitInfo, GetBranchDiffResult } from '../../core/browser.js';
import { useCommits, useDiff, useRepo } from '../../react/index.js';
import { BranchPicker } from '../branch-picker/BranchPicker.js';
import { CommitList } from '../commit-history/CommitList.js';
import { LazyDiffViewer } from '../diff-viewer/LazyDiffViewer.js';
import { BidiText } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { formatNumber } from '../shared/format.js';
import { ICON_SIZE, IconButton } from '../shared/IconButton.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { Skeleton } from '../shared/Skeleton.js';
import { commitsUntil } from './ahead-behind.js';
import { compareLabels } from './labels.js';

/** Commits read from each side to count (a count past it shows as "100+"). */
export const COMPARE_COMMITS = 100;

export interface CompareViewProps {
  repoId: string;
  /** The branch compared against; the default branch when left out. */
  base?: string;
  /** The branch whose changes are shown. */
  head?: string;
  /** The pickers or the swap changed the pair. */
  onChange?: (pair: { base: string; head: string }) => void;
  /** A commit of the list was chosen. */
  onSelectCommit?: (sha: string) => void;
  locale?: string;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function CompareView(props: CompareViewProps) {
  const labels = useFamilyLabels(compareLabels, props.labels);
  const locale = useLocale(props.locale);
  const repo = useRepo(props.repoId);
  const base = props.base || repo.data?.defaultBranch || '';
  const head = props.head || '';
  const ready = base !== '' && head !== '';
  const change = (pair: { base: string; head: string }) => props.onChange?.(pair);

  const diff = useDiff(props.repoId, { branch: head, base }, { enabled: ready });
  const mergeBase = (diff.data as GetBranchDiffResult | undefined)?.mergeBaseSha;
  const headHistory = useCommits(
    props.repoId,
    { branch: head, limit: COMPARE_COMMITS },
    { enabled: ready },
  );
  const baseHistory = useCommits(
    props.repoId,
    { branch: base, limit: COMPARE_COMMITS },
    { enabled: ready },
  );
  const headCommits = headHistory.data?.pages[0]?.commits;
  const baseCommits = baseHistory.data?.pages[0]?.commits;
  const ahead = useMemo(
    () => (headCommits && mergeBase ? commitsUntil(headCommits, mergeBase) : null),
    [headCommits, mergeBase],
  );
  const behind = useMemo(
    () => (baseCommits && mergeBase ? commitsUntil(baseCommits, mergeBase) : null),
    [baseCommits, mergeBase],
  );
  const identical = headCommits?.[0] !== undefined && headCommits[0].sha === baseCommits?.[0]?.sha;
  const count = (side: { commits: CommitInfo[]; more: boolean }) =>
    `${formatNumber(side.commits.length, locale)}${side.more ? '+' : ''}`;

  const error = diff.error ?? headHistory.error ?? baseHistory.error;
  let body: ReactNode;
  if (!ready) body = <p className="gsk-message">{labels.pickBranches}</p>;
  else if (error) {
    body = (
      <ErrorMessage
        onRetry={() => {
          void diff.refetch();
          void headHistory.refetch();
          void baseHistory.refetch();
        }}
        retryLabel={labels.retry}
      >
        {labels.compareError(error.message)}
      </ErrorMessage>
    );
  } else if (identical || head === base) {
    body = (
      <p className="gsk-message gsk-compare__identical" role="status">
        {labels.identical(head, base)}
      </p>
    );
  } else if (!ahead || !behind) {
    body = <Skeleton label={labels.compareLoading} rows={4} twoLine />;
  } else {
    body = (
      <>
        <p className="gsk-compare__counts" role="status">
          <BidiText text={labels.aheadBehind(count(ahead), count(behind), head, base)} />
        </p>
        {ahead.commits.length > 0 && (
          <CommitList
            className="gsk-compare__commits"
            heading={labels.compareCommits(count(ahead))}
            commits={ahead.commits}
            {...(props.onSelectCommit ? { onSelectCommit: props.onSelectCommit } : {})}
            labels={labels}
          />
        )}
        <LazyDiffViewer repoId={props.repoId} branch={head} base={base} labels={labels} />
      </>
    );
  }

  return (
    <section
      className={cx('gsk-compare', props.className)}
      aria-label={ready ? labels.compareOf(head, base) : labels.compare}
    >
      <div className="gsk-compare__pickers">
        <BranchPicker
          repoId={props.repoId}
          {...(base ? { branch: base } : {})}
          onBranchChange={(next) => change({ base: next, head })}
          allowCreate={false}
          allowDelete={false}
          labels={{ ...labels, branch: labels.compareBase }}
        />
        <IconButton
          label={labels.swapBranches}
          icon={<ArrowLeftRight size={ICON_SIZE} aria-hidden="true" />}
          disabled={!ready}
          onClick={() => change({ base: head, head: base })}
        />
        <BranchPicker
          repoId={props.repoId}
          {...(head ? { branch: head } : {})}
          onBranchChange={(next) => change({ base, head: next })}
          allowCreate={false}
          allowDelete={false}
          labels={{ ...labels, branch: labels.compareHead }}
        />
      </div>
      {body}
    </section>
  );
}
