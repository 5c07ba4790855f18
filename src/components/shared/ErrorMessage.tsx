/** A failed read said as a sentence (an alert), with Retry when the caller can retry. */
import type { ReactElement } from 'react';

export function ErrorMessage(props: {
  children: string;
  onRetry?: (() => void) | undefined;
  retryLabel: string;
}): ReactElement {
  return (
    <p className="gsk-message gsk-message--error" role="alert">
      {props.children}{' '}
      {props.onRetry && (
        <button type="button" className="gsk-button" onClick={props.onRetry}>
          {props.retryLabel}
        </button>
      )}
    </p>
  );
}
