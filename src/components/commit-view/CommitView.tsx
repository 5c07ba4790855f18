/**
 * One commit as a page, as code hosts show it: its title and body, author and committer with the
 * date, the branch it was opened from, its parents (each opens that commit), its full SHA with a
 * copy button, then what it changed (the diff loads with the first commit shown).
 *
 * ```tsx
 * <CommitView repoId="team/app" sha={sha} branch="main" onSelectCommit={open} />
 * ```
 */

import { FolderTree } from 'lucide-react';
import type { ReactNode } from 'react';
import type { CommitInfo } from '../../core/browser.js';
import { useCommit } from '../../react/index.js';
import type { DiffViewerProps } from '../diff-viewer/DiffViewer.js';
import { LazyDiffViewer } from '../diff-viewer/LazyDiffViewer.js';
import { Avatar } from '../shared/Avatar.js';
import { BidiText } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { commitBody, commitTitle, shortSha } from '../shared/format.js';
import { CopyButton, ICON_SIZE, IconButton } from '../shared/IconButton.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { RelativeTime } from '../shared/RelativeTime.js';
import { Skeleton } from '../shared/Skeleton.js';
import { commitViewLabels } from './labels.js';

export interface CommitViewProps {
  repoId: string;
  /** A full or short SHA (or any revision the server resolves). */
  sha: string;
  /** The branch the commit was opened from, shown as "on main". */
  branch?: string;
  /** A parent was chosen: open that commit. Without it parents are shown as text. */
  onSelectCommit?: (sha: string) => void;
  /** Offer "Browse files" at this commit. */
  onBrowseFiles?: (sha: string) => void;
  /** Extra props for the diff below (filter, split, annotations…). */
  diffProps?: Partial<Omit<DiffViewerProps, 'repoId' | 'sha' | 'baseSha' | 'branch' | 'base'>>;
  /** BCP 47 locale for times (default: the user's). */
  locale?: string;
  /** "Now" for relative times (default: the time of rendering). */
  now?: Date;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function CommitView(props: CommitViewProps) {
  const labels = useFamilyLabels(commitViewLabels, props.labels);
  const commit = useCommit(props.repoId, { sha: props.sha });
  let header: ReactNode;
  if (commit.error) {
    header = (
      <ErrorMessage onRetry={() => void commit.refetch()} retryLabel={labels.retry}>
        {labels.commitError(commit.error.message)}
      </ErrorMessage>
    );
  } else if (!commit.data) {
    header = <Skeleton label={labels.commitLoading} rows={3} twoLine />;
  } else {
    header = <CommitHeader {...props} commit={commit.data} labels={labels} />;
  }
  const sha = commit.data?.sha ?? props.sha;
  return (
    <section
      className={cx('gsk-commit-view', props.className)}
      aria-label={commit.data ? commitTitle(commit.data.message) : shortSha(props.sha)}
    >
      {header}
      {!commit.error && (
        <LazyDiffViewer
          heading={labels.commitChanges(shortSha(sha))}
          labels={labels}
          {...props.diffProps}
          repoId={props.repoId}
          sha={sha}
        />
      )}
    </section>
  );
}

function CommitHeader(
  props: CommitViewProps & {
    commit: CommitInfo;
    labels: typeof commitViewLabels & { retry: string };
  },
) {
  const { commit, labels } = props;
  const locale = useLocale(props.locale);
  const now = props.now ?? new Date();
  const body = commitBody(commit.message);
  const short = shortSha(commit.sha);
  const when = <RelativeTime date={commit.date} now={now} locale={locale} />;
  const sameCommitter =
    commit.committerName === commit.authorName && commit.committerEmail === commit.authorEmail;
  return (
    <header className="gsk-commit-view__header">
      <div className="gsk-commit-view__title-row">
        <h2 className="gsk-commit-view__title">
          <BidiText text={commitTitle(commit.message) || short} />
        </h2>
        {props.onBrowseFiles && (
          <IconButton
            label={labels.browseFilesAt(short)}
            icon={<FolderTree size={ICON_SIZE} aria-hidden="true" />}
            onClick={() => props.onBrowseFiles?.(commit.sha)}
          >
            {labels.browseFiles}
          </IconButton>
        )}
      </div>
      {body && <BidiText className="gsk-commit-view__body" text={body} />}
      <div className="gsk-commit-view__meta">
        <Avatar name={commit.authorName} email={commit.authorEmail} size="large" />
        <span className="gsk-commit-view__people">
          <strong>
            <BidiText text={commit.authorName} />
          </strong>{' '}
          {labels.authored} {when}
          {!sameCommitter && (
            <>
              {' · '}
              {labels.committerIs}{' '}
              <strong>
                <BidiText text={commit.committerName} />
              </strong>
            </>
          )}
        </span>
        {props.branch && (
          <span className="gsk-badge gsk-commit-view__branch">
            <BidiText text={labels.onBranch(props.branch)} />
          </span>
        )}
      </div>
      <dl className="gsk-commit-view__ids">
        <div>
          <dt>
            {commit.parentShas.length === 0
              ? labels.noParents
              : labels.parents(commit.parentShas.length)}
          </dt>
          {commit.parentShas.map((parent) => (
            <dd key={parent}>
              {props.onSelectCommit ? (
                <button
                  type="button"
                  className="gsk-link-button gsk-commit-view__sha"
                  aria-label={labels.openParent(shortSha(parent))}
                  onClick={() => props.onSelectCommit?.(parent)}
                >
                  {shortSha(parent)}
                </button>
              ) : (
                <code className="gsk-commit-view__sha">{shortSha(parent)}</code>
              )}
            </dd>
          ))}
        </div>
        <div>
          <dt>{labels.commitId}</dt>
          <dd>
            <code className="gsk-commit-view__sha gsk-commit-view__full-sha">{commit.sha}</code>
            <CopyButton
              text={commit.sha}
              label={labels.copySha(short)}
              copiedLabel={labels.copied}
            />
          </dd>
        </div>
      </dl>
    </header>
  );
}
