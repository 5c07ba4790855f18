/**
 * The whole commit's progress: a progressbar with its value, the phase in words ("Uploading
 * 42 %…", then "Committing…"), bytes sent of the total, speed and time left, and Cancel.
 */

import type { ReactElement } from 'react';
import type { CommitProgress } from '../../core/browser.js';
import { formatBytes } from '../shared/format.js';
import { useLocale } from '../shared/labels.js';
import type { CommitComposerLabels } from './labels.js';
import { percentSent } from './staging.js';

export interface UploadProgressProps {
  progress: CommitProgress | undefined;
  /** Bytes per second, when known. */
  rate?: number | undefined;
  /** Seconds left, when known. */
  secondsLeft?: number | undefined;
  onCancel?: () => void;
  labels: CommitComposerLabels;
}

function formatDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return new Intl.NumberFormat(undefined, { style: 'unit', unit: 'second' }).format(s);
  const m = Math.round(s / 60);
  if (m < 60) return new Intl.NumberFormat(undefined, { style: 'unit', unit: 'minute' }).format(m);
  return new Intl.NumberFormat(undefined, {
    style: 'unit',
    unit: 'hour',
    maximumFractionDigits: 1,
  }).format(s / 3600);
}

/** The phase in words, as the progressbar's value text and the live status. */
export function phaseText(
  progress: CommitProgress | undefined,
  labels: CommitComposerLabels,
): string {
  if (progress?.phase === 'committing') return labels.committing;
  const percent = percentSent(progress);
  return percent === undefined ? labels.uploading : labels.uploadingPercent(String(percent));
}

export function UploadProgress(props: UploadProgressProps): ReactElement {
  const { progress, labels } = props;
  const locale = useLocale();
  const percent = percentSent(progress);
  const text = phaseText(progress, labels);
  const committing = progress?.phase === 'committing';
  return (
    <div className="gsk-upload-progress">
      <div className="gsk-upload-progress__head">
        <span className="gsk-upload-progress__phase">{text}</span>
        {progress && !committing && (
          <span className="gsk-upload-progress__figures">
            {labels.transferFigures(
              formatBytes(progress.bytesSent, locale),
              progress.totalBytes === undefined ? '?' : formatBytes(progress.totalBytes, locale),
              props.rate ? formatBytes(props.rate, locale) : '',
              props.secondsLeft !== undefined ? formatDuration(props.secondsLeft) : '',
            )}
          </span>
        )}
      </div>
      <div
        className="gsk-progress"
        role="progressbar"
        aria-label={labels.overallProgress}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <span
          className={committing ? 'gsk-progress__bar gsk-progress__bar--busy' : 'gsk-progress__bar'}
          style={{ width: `${committing ? 100 : (percent ?? 0)}%` }}
        />
      </div>
      {props.onCancel && !committing && (
        <button type="button" className="gsk-button" onClick={props.onCancel}>
          {labels.cancelUpload}
        </button>
      )}
    </div>
  );
}
