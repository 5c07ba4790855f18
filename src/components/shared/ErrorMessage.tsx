/** A failed read said as a sentence (an alert), with Retry when the caller can retry. */
import type { ReactElement } from 'react';

export function ErrorMessage(props: {
  children: string;
  onRetry?: (() => void) | undefined;
  retryLabel: string;
  /** False inside a region that is an alert already (it is announced with it). */
  alert?: boolean;
}): ReactElement {
  return (
    <p
      className="gsk-message gsk-message--error"
      role={props.alert === false ? undefined : 'alert'}
    >
      {props.children}{' '}
      {props.onRetry && (
        <button type="button" className="gsk-button" onClick={props.onRetry}>
          {props.retryLabel}
        </button>
      )}
    </p>
  );
}
