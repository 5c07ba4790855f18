/**
 * The connected blame: who last changed each line of a file at a ref (`useBlame`), beside the
 * file's text at the very commit the blame was read at (so lines and commits always agree).
 *
 * ```tsx
 * <BlameView repoId="team/app" path="src/a.ts" gitRef="main" onSelectCommit={open} />
 * ```
 */
import { skipToken } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useBlame, useFile } from '../../react/index.js';
import { BidiText } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { useFamilyLabels } from '../shared/labels.js';
import { Skeleton } from '../shared/Skeleton.js';
import { BlameLegend, BlameLines, type BlameLinesProps } from './BlameLines.js';
import { blameLabels } from './labels.js';

/** Blame reads the file whole, up to this size (a larger file's blame is not shown). */
export const BLAME_MAX_BYTES = 16 * 1024 * 1024;

export interface BlameViewProps extends Omit<BlameLinesProps, 'blame' | 'text'> {
  repoId: string;
  path: string;
  /** A branch, tag or commit; the default branch when left out. */
  gitRef?: string;
}

export function BlameView({ repoId, path, gitRef, ...rest }: BlameViewProps) {
  const labels = useFamilyLabels(blameLabels, rest.labels);
  const blame = useBlame(repoId, { path, ...(gitRef ? { ref: gitRef } : {}) });
  const at = blame.data?.commitSha;
  const file = useFile(repoId, at ? { path, ref: at, maxBytes: BLAME_MAX_BYTES } : skipToken);
  const error = blame.error ?? file.error;
  let body: ReactNode;
  if (error) {
    body = (
      <ErrorMessage
        onRetry={() => void (blame.error ? blame.refetch() : file.refetch())}
        retryLabel={labels.retry}
      >
        {labels.blameError(error.message)}
      </ErrorMessage>
    );
  } else if (!blame.data || !file.data) {
    body = <Skeleton label={labels.blameLoading} rows={10} />;
  } else if (blame.data.lines.length === 0) {
    body = <p className="gsk-message">{labels.blameEmpty}</p>;
  } else {
    body = <BlameLines {...rest} blame={blame.data} text={file.data.text ?? ''} />;
  }
  return (
    <section className={cx('gsk-blame-view', rest.className)} aria-label={labels.blameOf(path)}>
      <header className="gsk-blame-view__header">
        <h2 className="gsk-blame-view__path">
          <BidiText text={path} ltr />
        </h2>
        <BlameLegend older={labels.blameLegend} newer={labels.blameLegendNewer} />
      </header>
      {body}
    </section>
  );
}
