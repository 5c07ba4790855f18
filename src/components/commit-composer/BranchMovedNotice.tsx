/**
 * The branch moved while files were staged: how many new commits, by whom, which staged paths
 * they also changed, and the two ways on — commit on top of them, or look at them first.
 */

import { type ReactElement, useState } from 'react';
import { BidiText } from '../shared/bidi.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { formatNumber } from '../shared/format.js';
import { useLocale } from '../shared/labels.js';
import type { CommitComposerLabels } from './labels.js';
import type { MovedBranch } from './moved-branch.js';

export interface BranchMovedNoticeProps {
  branch: string;
  /** Undefined while being looked up. */
  moved: MovedBranch | undefined;
  /** The lookup failed: said, with a Retry button when `onRetry` is given. */
  error?: string | undefined;
  onRetry?: (() => void) | undefined;
  reviewing: boolean;
  onCommitOnTop: () => void;
  onToggleReview: () => void;
  labels: CommitComposerLabels;
}

function listNames(names: readonly string[], locale: string | undefined): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

export function BranchMovedNotice(props: BranchMovedNoticeProps): ReactElement {
  const { moved, labels } = props;
  const locale = useLocale();
  // Committing on top over paths they changed too replaces their version: said, and confirmed.
  const clashes = moved?.touched ?? [];
  const [confirming, setConfirming] = useState(false);
  const paths = (
    <ul className="gsk-branch-moved__paths">
      {clashes.slice(0, 20).map((path) => (
        <li key={path}>
          <BidiText text={path} ltr />
        </li>
      ))}
      {clashes.length > 20 && <li>…</li>}
    </ul>
  );
  return (
    <div className="gsk-branch-moved" role="alert">
      <p className="gsk-branch-moved__title">
        {moved
          ? labels.branchMoved(
              props.branch,
              `${formatNumber(moved.commits.length, locale)}${moved.more ? '+' : ''}`,
              listNames(moved.authors, locale),
              moved.more ? Number.POSITIVE_INFINITY : moved.commits.length,
            )
          : labels.branchMovedLoading(props.branch)}
      </p>
      {props.error && (
        <ErrorMessage onRetry={props.onRetry} retryLabel={labels.retry} alert={false}>
          {props.error}
        </ErrorMessage>
      )}
      {moved &&
        (moved.touched.length > 0 ? (
          <>
            <p>{labels.branchMovedTouched(moved.touched.length)}</p>
            {paths}
            <p>{labels.branchMovedOverwrites(moved.touched.length)}</p>
          </>
        ) : (
          <p>{labels.branchMovedUntouched}</p>
        ))}
      <p>{labels.branchMovedKept}</p>
      <div className="gsk-branch-moved__actions">
        <button
          type="button"
          className={clashes.length > 0 ? 'gsk-button gsk-button--primary' : 'gsk-button'}
          aria-expanded={props.reviewing}
          onClick={props.onToggleReview}
          disabled={!moved}
        >
          {props.reviewing ? labels.hideTheirChanges : labels.reviewTheirChanges}
        </button>
        <button
          type="button"
          className={clashes.length > 0 ? 'gsk-button' : 'gsk-button gsk-button--primary'}
          onClick={clashes.length > 0 ? () => setConfirming(true) : props.onCommitOnTop}
          disabled={!moved}
        >
          {clashes.length > 0 ? labels.commitOnTopEllipsis : labels.commitOnTop}
        </button>
      </div>
      {confirming && moved && (
        <ConfirmDialog
          title={labels.replaceTheirChangesTitle(clashes.length)}
          confirmLabel={labels.commitOnTop}
          cancelLabel={labels.cancel}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            props.onCommitOnTop();
          }}
        >
          <p>
            {labels.replaceTheirChangesBody(
              props.branch,
              listNames(moved.authors, locale),
              clashes.length,
            )}
          </p>
          {paths}
        </ConfirmDialog>
      )}
    </div>
  );
}
