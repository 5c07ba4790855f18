/**
 * Sizes and times in the user's locale through `Intl` (no date or size library: `Intl` covers it
 * in every supported browser and in Node). `locale` undefined means the runtime's default.
 */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1536 → "1.5 kB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale?: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 hours ago", relative to `now`. */
export function formatRelativeTime(date: Date, now: Date = new Date(), locale?: string): string {
  let value = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) {
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(
        Math.round(value),
        unit,
      );
    }
    value /= size;
  }
  return date.toISOString();
}

/** The exact time, for a tooltip: "29 Nov 2026, 05:24:35". */
export function formatExactTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** The first line of a commit message. */
export function commitTitle(message: string): string {
  const end = message.indexOf('\n');
  return (end < 0 ? message : message.slice(0, end)).trim();
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** The calendar day of `date` in the user's time zone, as a key ("2026-12-04"). */
export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/** A day for a heading: "Dec 4, 2026". */
export function formatDay(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** The message after its title (blank lines around it trimmed); '' when there is none. */
export function commitBody(message: string): string {
  const end = message.indexOf('\n');
  return end < 0
    ? ''
    : message
        .slice(end + 1)
        .replace(/^\s*\n/, '')
        .trimEnd();
}
