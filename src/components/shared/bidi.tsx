/**
 * Text from a repository (paths, branch names, commit titles, authors, code) may carry Unicode
 * bidirectional controls that make it display in another order than it is stored:
 * `invoice\u202Efdp.exe` shows as "invoiceexe.pdf". Names are drawn isolated (`<bdi>`, so they
 * cannot reorder what follows them) with each control shown as a visible `<U+202E>` mark; code
 * views show the marks and a banner, as GitHub does. Hand-written: a dozen code points, no library
 * needed.
 */
import type { ReactElement } from 'react';

// ALM, LRM, RLM, the embeddings and overrides (LRE … RLO) and the isolates (LRI … PDI).
const CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const CONTROLS_ALL = new RegExp(CONTROLS.source, 'g');

/** Whether `text` holds a bidirectional control character. */
export function hasBidiControls(text: string): boolean {
  return CONTROLS.test(text);
}

const mark = (ch: string) =>
  `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;

/** `text` with every bidirectional control replaced by its visible mark (`<U+202E>`). */
export function revealBidi(text: string): string {
  return CONTROLS.test(text) ? text.replace(CONTROLS_ALL, mark) : text;
}

/**
 * A name from the repository, isolated from the text around it, its controls shown as marks
 * (styled `gsk-bidi-control`). `ltr` for paths and code: laid out left to right (a Hebrew file
 * name keeps `.md` at its end, as a path's slashes do); otherwise the text's own direction (a
 * Hebrew commit title reads right to left).
 */
export function BidiText(props: { text: string; className?: string; ltr?: boolean }): ReactElement {
  const { text } = props;
  const dir = props.ltr ? 'ltr' : undefined;
  if (!CONTROLS.test(text)) {
    return (
      <bdi className={props.className} dir={dir}>
        {text}
      </bdi>
    );
  }
  const parts: (string | ReactElement)[] = [];
  let last = 0;
  for (const match of text.matchAll(CONTROLS_ALL)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      <span key={at} className="gsk-bidi-control">
        {mark(match[0])}
      </span>,
    );
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <bdi className={props.className} dir={dir}>
      {parts}
    </bdi>
  );
}
