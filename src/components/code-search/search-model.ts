/**
 * What the search box's text becomes on the wire, and where its matches are in a result line.
 * The server runs `git grep -E` (POSIX extended expressions): literal text is escaped for that
 * syntax; the same expression, read by JavaScript, marks the matches (a pattern JavaScript cannot
 * read leaves the line unmarked, never fails the search). Plain TypeScript.
 */

/** `a.b(c)` → `a\.b\(c\)`: the text as itself, in an extended regular expression. */
export function escapeExtendedRegex(text: string): string {
  return text.replace(/[.[\]{}()\\*+?^$|]/g, '\\$&');
}

export interface SearchQuery {
  text: string;
  regex?: boolean;
  caseSensitive?: boolean;
  /** Globs the paths must match (`src/**`), space or comma separated. */
  paths?: string;
}

export function wirePattern(query: SearchQuery): string {
  return query.regex ? query.text : escapeExtendedRegex(query.text);
}

export function pathGlobs(paths: string | undefined): string[] {
  return (paths ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((glob) => (glob.endsWith('/') ? `${glob}**` : glob));
}

/** The [start, end) ranges of matches in `line` (none when JavaScript cannot read the pattern). */
export function matchRanges(line: string, query: SearchQuery): [number, number][] {
  let re: RegExp;
  try {
    re = new RegExp(wirePattern(query), query.caseSensitive ? 'g' : 'gi');
  } catch {
    return [];
  }
  const ranges: [number, number][] = [];
  for (const match of line.matchAll(re)) {
    const start = match.index ?? 0;
    if (match[0].length === 0) break;
    ranges.push([start, start + match[0].length]);
    if (ranges.length > 100) break;
  }
  return ranges;
}
