/** "3 hours ago" in a <time>, the exact time as its tooltip (and machine-readable datetime). */
import { formatExactTime, formatRelativeTime } from './format.js';

export function RelativeTime(props: {
  date: Date;
  now?: Date | undefined;
  locale?: string | undefined;
  className?: string;
}) {
  return (
    <time
      className={props.className}
      dateTime={props.date.toISOString()}
      title={formatExactTime(props.date, props.locale)}
      // Relative to the moment of rendering: a server's "now" is not the browser's.
      suppressHydrationWarning
    >
      {formatRelativeTime(props.date, props.now ?? new Date(), props.locale)}
    </time>
  );
}
