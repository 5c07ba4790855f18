/**
 * Merging one branch into another, as a code host's merge box: what merging would do (nothing,
 * a fast-forward, a merge commit, or conflicts), the commits it brings, the app's checks (a
 * slot), the merge method, and a Merge button that asks once more and merges only if the target
 * is still where the preview saw it. Conflicts are resolved in place (`ConflictResolver`) and
 * committed on the source as a merge of the target; when a branch moved meanwhile the preview
 * runs again and the user is told, and no choice is lost where the conflict is the same.
 *
 * ```tsx
 * <MergePanel repoId="team/app" sourceBranch="feature/x" targetBranch="main" author={me}
 *   checks={<CiStatus sha={…} />} onOpenCommit={(sha) => …} />
 * ```
 */
import { type ReactElement, type ReactNode, useMemo, useRef, useState } from 'react';
import { ApiError, RefUpdateError } from '../../core/browser.js';
import type { CommitSignature, MergeResult } from '../../core/types.js';
import { useCommits, useMerge, usePreviewMerge, useResolveConflicts } from '../../react/index.js';
import { CommitList } from '../commit-history/CommitList.js';
import { commitsUntil } from '../compare/ahead-behind.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { formatNumber } from '../shared/format.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { Skeleton } from '../shared/Skeleton.js';
import { ConflictResolver } from './ConflictResolver.js';
import {
  conflictKey,
  conflictShape,
  type FileChoices,
  fileResolution,
  progress,
} from './conflict-model.js';
import { reviewLabels } from './labels.js';

/** Commits of the source read to list what a merge brings. */
const MERGE_COMMITS = 100;

export type MergeMethod = 'merge' | 'squash' | 'fast-forward';

export interface MergePanelProps {
  repoId: string;
  sourceBranch: string;
  targetBranch: string;
  /** Who merges and commits resolutions; without it the buttons say to sign in. */
  author?: CommitSignature;
  /** The app's checks (CI, approvals): shown above the merge button. */
  checks?: ReactNode;
  /** False keeps the merge button disabled (a required check has not passed). Default true. */
  canMerge?: boolean;
  /** Default "merge" (a merge commit). */
  defaultMethod?: MergeMethod;
  onMerged?: (result: MergeResult) => void;
  /** "Open the commit" after merging (and commits of the list) go here. */
  onOpenCommit?: (sha: string) => void;
  locale?: string;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

const moved = (error: unknown) =>
  (error instanceof ApiError && error.status === 409) ||
  (error instanceof RefUpdateError && error.reason === 'precondition_failed');

export function MergePanel(props: MergePanelProps): ReactElement {
  const labels = useFamilyLabels(reviewLabels, props.labels);
  const locale = useLocale(props.locale);
  const { repoId, sourceBranch: source, targetBranch: target } = props;
  const preview = usePreviewMerge(repoId, {
    sourceBranch: source,
    targetBranch: target,
    includeContent: true,
  });
  const history = useCommits(repoId, { branch: source, limit: MERGE_COMMITS });
  const merge = useMerge(repoId);
  const resolve = useResolveConflicts(repoId);
  const [method, setMethod] = useState<MergeMethod>(props.defaultMethod ?? 'merge');
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [merged, setMerged] = useState<MergeResult | null>(null);
  const [choices, setChoices] = useState<ReadonlyMap<string, FileChoices>>(new Map());
  const [message, setMessage] = useState('');
  const mergeButton = useRef<HTMLButtonElement>(null);
  const n = (value: number) => formatNumber(value, locale);

  const data = preview.data;
  const brings = useMemo(() => {
    const commits = history.data?.pages[0]?.commits;
    return commits && data ? commitsUntil(commits, data.mergeBaseSha) : null;
  }, [history.data, data]);

  const conflicts = data?.conflicts ?? [];
  const resolutions = conflicts.map((c) =>
    fileResolution(c, conflictShape(c), choices.get(conflictKey(c))),
  );
  const unresolved = resolutions.filter((r) => r === null).length;
  // Conflicts resolved of all, over every file (a whole-file conflict counts as one).
  const counts = conflicts.reduce(
    (sum, c) => {
      const p = progress(conflictShape(c), choices.get(conflictKey(c)));
      return { resolved: sum.resolved + p.resolved, total: sum.total + p.total };
    },
    { resolved: 0, total: 0 },
  );

  const commitResolution = () => {
    if (!data || !props.author || unresolved > 0) return;
    setNotice(null);
    const seenTarget = data.targetTipSha;
    resolve.mutate(
      {
        sourceBranch: source,
        targetBranch: target,
        sourceTipSha: data.sourceTipSha,
        targetTipSha: data.targetTipSha,
        files: resolutions.filter((r) => r !== null),
        sourceHas: (path) => !!conflicts.find((c) => c.path === path)?.theirs?.oid,
        author: props.author,
        message: message.trim() || labels.defaultResolutionMessage(source, target),
      },
      {
        onSuccess: async () => {
          const next = await preview.refetch();
          setNotice(
            next.data && next.data.targetTipSha !== seenTarget
              ? labels.targetMovedDuring(target)
              : labels.resolutionCommitted(source),
          );
        },
        onError: (error) => {
          if (moved(error)) {
            setNotice(labels.resolutionMoved(source, target));
            void preview.refetch();
          }
        },
      },
    );
  };

  const doMerge = () => {
    if (!data || !props.author) return;
    setNotice(null);
    merge.mutate(
      {
        sourceBranch: source,
        targetBranch: target,
        strategy: chosen === 'fast-forward' ? 'ff_only' : 'merge',
        ...(chosen === 'squash' ? { squash: true } : {}),
        expectedTargetSha: data.targetTipSha,
        author: props.author,
        committer: props.author,
        commitMessage:
          chosen === 'squash' ? `${source} (squashed)` : `Merge ${source} into ${target}`,
      },
      {
        onSuccess: (result) => {
          setConfirming(false);
          setMerged(result);
          props.onMerged?.(result);
        },
        onError: (error) => {
          setConfirming(false);
          if (moved(error)) {
            setNotice(labels.targetMoved(target));
            void preview.refetch();
          }
          mergeButton.current?.focus();
        },
      },
    );
  };

  let status: ReactNode;
  if (preview.error) {
    status = (
      <ErrorMessage onRetry={() => void preview.refetch()} retryLabel={labels.retry}>
        {labels.mergeError(preview.error.message)}
      </ErrorMessage>
    );
  } else if (!data) {
    status = <Skeleton label={labels.mergeLoading} rows={2} />;
  } else if (merged) {
    status = (
      <p className="gsk-merge__result">
        {labels.merged(source, target, merged.target.newSha.slice(0, 7))}{' '}
        {props.onOpenCommit && (
          <button
            type="button"
            className="gsk-link-button"
            onClick={() => props.onOpenCommit?.(merged.target.newSha)}
          >
            {labels.openMergeCommit}
          </button>
        )}
      </p>
    );
  } else if (data.result === 'no_op') {
    status = <p>{labels.upToDate(source, target)}</p>;
  } else if (data.status === 'conflicted') {
    status = <p>{labels.hasConflicts(n(data.conflictPaths.length), source, target)}</p>;
  } else if (data.result === 'fast_forward') {
    status = <p>{labels.canFastForward(source, target)}</p>;
  } else {
    status = <p>{labels.canMerge(source, target)}</p>;
  }

  const clean = data && !merged && data.status === 'clean' && data.result !== 'no_op';
  const busy = merge.isPending || resolve.isPending;
  const methods: { value: MergeMethod; label: string }[] = [
    { value: 'merge', label: labels.methodMerge },
    { value: 'squash', label: labels.methodSquash },
    ...(data?.result === 'fast_forward'
      ? [{ value: 'fast-forward' as const, label: labels.methodFastForward }]
      : []),
  ];
  // A fast-forward chosen before the target moved is no longer on offer: merge instead.
  const chosen = methods.some((m) => m.value === method) ? method : 'merge';
  const failure =
    (merge.error && !moved(merge.error) && labels.mergeFailed(merge.error.message)) ||
    (resolve.error && !moved(resolve.error) && labels.resolutionFailed(resolve.error.message));

  return (
    <section className={cx('gsk-merge', props.className)} aria-label={labels.mergeHeading}>
      <h2 className="gsk-merge__heading">{labels.mergeHeading}</h2>
      <div
        className={cx(
          'gsk-merge__status',
          data?.status === 'conflicted' && !merged && 'gsk-merge__status--conflicted',
        )}
      >
        {status}
      </div>
      <p className="gsk-merge__notice" role="status">
        {notice ?? (busy ? (resolve.isPending ? labels.committingResolution : labels.merging) : '')}
      </p>
      {failure && (
        <p className="gsk-merge__error" role="alert">
          {failure}
        </p>
      )}
      {!props.author && data && !merged && data.result !== 'no_op' && (
        <p className="gsk-merge__hint">{labels.signInToComment}</p>
      )}

      {data?.status === 'conflicted' && !merged && (
        <section className="gsk-merge__conflicts" aria-label={labels.conflictsHeading}>
          <ConflictResolver
            conflicts={conflicts}
            names={{ target, source }}
            choices={choices}
            onChoicesChange={(key, next) => setChoices((map) => new Map(map).set(key, next))}
            disabled={busy}
            locale={locale}
            labels={props.labels ?? {}}
          />
          {data.filteredConflicts.length > 0 && (
            <p className="gsk-merge__hint">
              {labels.moreConflicts(n(data.filteredConflicts.length))}
            </p>
          )}
          <label className="gsk-merge__message">
            {labels.resolutionMessage}
            <input
              className="gsk-input"
              value={message}
              placeholder={labels.defaultResolutionMessage(source, target)}
              disabled={busy}
              onChange={(e) => setMessage(e.target.value)}
            />
          </label>
          <div className="gsk-merge__actions">
            <span className="gsk-merge__progress">
              {labels.resolveProgress(n(counts.resolved), n(counts.total))}
            </span>
            <button
              type="button"
              className="gsk-button gsk-button--primary"
              disabled={
                busy || !props.author || unresolved > 0 || data.filteredConflicts.length > 0
              }
              onClick={commitResolution}
            >
              {labels.commitResolution(source)}
            </button>
          </div>
        </section>
      )}

      {brings && brings.commits.length > 0 && !merged && (
        <CommitList
          commits={brings.commits}
          heading={labels.commitsToMerge(`${n(brings.commits.length)}${brings.more ? '+' : ''}`)}
          {...(props.onOpenCommit ? { onSelectCommit: props.onOpenCommit } : {})}
          {...(locale ? { locale } : {})}
          className="gsk-merge__commits"
          labels={props.labels ?? {}}
        />
      )}

      {props.checks && (
        <section className="gsk-merge__checks" aria-label={labels.checksHeading}>
          <h3 className="gsk-merge__subheading">{labels.checksHeading}</h3>
          {props.checks}
        </section>
      )}

      {clean && (
        <div className="gsk-merge__actions">
          <fieldset className="gsk-merge__methods" disabled={busy}>
            <legend>{labels.mergeMethod}</legend>
            {methods.map((m) => (
              <label key={m.value} className="gsk-conflict__choice">
                <input
                  type="radio"
                  name={`${repoId}-merge-method`}
                  value={m.value}
                  checked={chosen === m.value}
                  onChange={() => setMethod(m.value)}
                />
                {m.label}
              </label>
            ))}
          </fieldset>
          <button
            ref={mergeButton}
            type="button"
            className="gsk-button gsk-button--primary"
            disabled={busy || !props.author || props.canMerge === false}
            onClick={() => setConfirming(true)}
          >
            {labels.mergeButton(source, target)}
          </button>
        </div>
      )}
      {confirming && data && (
        <ConfirmDialog
          title={labels.confirmMergeTitle(source, target)}
          confirmLabel={labels.confirmMerge}
          cancelLabel={labels.cancel}
          busy={merge.isPending}
          onCancel={() => {
            setConfirming(false);
            mergeButton.current?.focus();
          }}
          onConfirm={doMerge}
        >
          {labels.confirmMergeBody(target, data.targetTipSha.slice(0, 7))}
        </ConfirmDialog>
      )}
    </section>
  );
}
