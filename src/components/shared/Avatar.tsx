/**
 * A person's initials in a circle, its colour picked from their name (or email), the way code
 * hosts show someone without a picture. Decorative: the name is always written beside it. No
 * image is fetched (a Gravatar request would tell a third party who reads the history).
 */
import { cx } from './cx.js';

/** Up to two letters: the first of the first and last words ("Grace Hopper" → "GH"). */
export function initials(name: string): string {
  const words = name
    .replace(/[\u0000-\u001f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .split(/[\s._@-]+/)
    .filter(Boolean);
  const first = [...(words[0] ?? '?')][0] ?? '?';
  const last = words.length > 1 ? ([...(words.at(-1) as string)][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Six hues with white text at ≥ 4.5:1 in both themes. */
const HUES = 6;

function hueOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % HUES;
}

export function Avatar(props: { name: string; email?: string; size?: 'small' | 'large' }) {
  return (
    <span
      className={cx(
        'gsk-avatar',
        `gsk-avatar--${hueOf(props.email || props.name)}`,
        props.size === 'large' && 'gsk-avatar--large',
      )}
      aria-hidden="true"
    >
      {initials(props.name)}
    </span>
  );
}
