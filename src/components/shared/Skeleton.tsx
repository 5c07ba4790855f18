/**
 * What a list or a file looks like while it loads: grey bars in its shape (as GitHub draws them)
 * instead of a bare "Loading…", with the sentence kept for screen readers in a status region.
 * The shimmer stops under `prefers-reduced-motion`.
 */
import type { ReactElement } from 'react';

/** Widths of the bars, in percent: varied, so the shape reads as text rather than a table. */
const WIDTHS = [62, 45, 78, 54, 70, 38, 66, 50, 74, 42];

export function Skeleton(props: {
  /** What is loading, said to screen readers ("Loading history…"). */
  label: string;
  rows?: number;
  /** Two lines per row (a title and a byline), as the history draws its commits. */
  twoLine?: boolean;
  className?: string;
}): ReactElement {
  const rows = props.rows ?? 6;
  return (
    <div
      className={props.className ? `gsk-skeleton ${props.className}` : 'gsk-skeleton'}
      role="status"
    >
      <span className="gsk-visually-hidden">{props.label}</span>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed, decorative rows.
        <div key={i} className="gsk-skeleton__row" aria-hidden="true">
          <span className="gsk-skeleton__bar" style={{ width: `${WIDTHS[i % WIDTHS.length]}%` }} />
          {props.twoLine && (
            <span
              className="gsk-skeleton__bar gsk-skeleton__bar--small"
              style={{ width: `${(WIDTHS[(i + 3) % WIDTHS.length] as number) / 2}%` }}
            />
          )}
        </div>
      ))}
    </div>
  );
}
