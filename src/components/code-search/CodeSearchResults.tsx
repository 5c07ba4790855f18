/**
 * The presentational search results: grouped by file (the path, then each matching line with
 * its number and the matches marked), every line a button that opens the file at that line.
 * Text only; a long line is cut for display, never parsed.
 */
import { type ReactNode, useEffect, useState } from 'react';
import type { GrepResult } from '../../core/browser.js';
import { BidiText, revealBidi } from '../shared/bidi.js';
import { formatNumber } from '../shared/format.js';
import type { CodeSearchLabels } from './labels.js';
import { matchRanges, type SearchQuery } from './search-model.js';

/** Characters of one result line shown (the rest is cut with an ellipsis). */
const LINE_CHARS = 400;

export interface CodeSearchResultsProps {
  pages: readonly GrepResult[];
  query: SearchQuery;
  onOpenResult?: (path: string, line: number) => void;
  labels: CodeSearchLabels;
  locale?: string | undefined;
}

/**
 * Result lines drawn in the first frame; the rest follow a chunk per frame, so the first results
 * show at once however many came back (1,000 lines at once held the page for ~300 ms).
 */
const FIRST_LINES = 150;
const MORE_LINES_PER_FRAME = 300;

export function CodeSearchResults(props: CodeSearchResultsProps) {
  const { pages, labels } = props;
  // Matching lines (the summary counts), all lines (context included: what is drawn), files.
  let lines = 0;
  let total = 0;
  let files = 0;
  for (const page of pages) {
    files += page.matches.length;
    for (const match of page.matches) {
      total += match.lines.length;
      for (const line of match.lines) if (line.type === 'match') lines++;
    }
  }
  const [budget, setBudget] = useState(FIRST_LINES);
  useEffect(() => {
    if (budget >= total) return;
    const frame = requestAnimationFrame(() => setBudget((b) => b + MORE_LINES_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [budget, total]);
  const more = pages.at(-1)?.hasMore ?? false;
  let left = budget;
  const shown: { path: string; lines: GrepResult['matches'][number]['lines'] }[] = [];
  for (const page of pages) {
    for (const match of page.matches) {
      if (left <= 0) break;
      shown.push({ path: match.path, lines: match.lines.slice(0, left) });
      left -= match.lines.length;
    }
  }
  return (
    <>
      <p className="gsk-code-search__summary" role="status">
        {files === 0
          ? labels.searchNoResults(props.query.text)
          : labels.searchSummary(
              formatNumber(lines, props.locale),
              formatNumber(files, props.locale),
              more,
            )}
      </p>
      {shown.map((match) => (
        <section key={match.path} className="gsk-code-search__file" aria-label={match.path}>
          <h3 className="gsk-code-search__path">
            <button
              type="button"
              className="gsk-link-button"
              onClick={() => props.onOpenResult?.(match.path, match.lines[0]?.lineNumber ?? 1)}
            >
              <BidiText text={match.path} ltr />
            </button>
          </h3>
          <ol className="gsk-code-search__lines">
            {match.lines.map((line) => (
              <li key={line.lineNumber} className={`gsk-code-search__line--${line.type}`}>
                <button
                  type="button"
                  className="gsk-code-search__line"
                  onClick={() => props.onOpenResult?.(match.path, line.lineNumber)}
                >
                  {/* The name is what shows ("line 12 const a = …"), in the file's region. */}
                  <span className="gsk-code-search__number">
                    <span className="gsk-visually-hidden">{labels.lineWord} </span>
                    {line.lineNumber}
                  </span>
                  <Marked text={line.text} query={props.query} match={line.type === 'match'} />
                </button>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

/** A line's text with its matches in <mark>, bidi controls shown as marks, as plain text nodes. */
function Marked(props: { text: string; query: SearchQuery; match: boolean }) {
  const text = props.text.length > LINE_CHARS ? `${props.text.slice(0, LINE_CHARS)}…` : props.text;
  const ranges = props.match ? matchRanges(text, props.query) : [];
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(revealBidi(text.slice(at, start)));
    parts.push(<mark key={start}>{revealBidi(text.slice(start, end))}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(revealBidi(text.slice(at)));
  return (
    <code className="gsk-code-search__text" dir="ltr">
      {parts}
    </code>
  );
}
