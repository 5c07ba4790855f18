import { useEffect, useState } from 'react';
import { BidiText, hasBidiControls } from './bidi.js';
import type { CodeToken } from './highlight.js';

/**
 * The text's lines as highlighted tokens once the grammar has loaded (plain until then, and for
 * unknown languages, big files, or text holding bidirectional controls — those are shown as marks,
 * which matters more than colour).
 */
export function useHighlightedLines(text: string, path: string): CodeToken[][] | null {
  const [tokens, setTokens] = useState<{ text: string; lines: CodeToken[][] } | null>(null);
  useEffect(() => {
    if (text === '' || hasBidiControls(text)) return;
    let current = true;
    // The highlighter and its grammar table load with the first file that needs them.
    import('../shared/highlight.js')
      .then(({ highlightFile }) => highlightFile(text, path))
      .then(
        (lines) => {
          if (current && lines) setTokens({ text, lines });
        },
        () => {}, // no colours: the text is shown plain
      );
    return () => {
      current = false;
    };
  }, [text, path]);
  return tokens?.text === text ? tokens.lines : null;
}

/** A text's lines (a final newline ends the last line, it does not start another). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** One line of code: coloured tokens once highlighted, else the text with bidi controls shown. */
export function CodeLine(props: {
  text: string;
  tokens?: CodeToken[] | undefined;
  className: string;
}) {
  if (!props.tokens) return <BidiText className={props.className} text={props.text} ltr />;
  return (
    <span className={props.className}>
      {props.tokens.map((token, k) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens of one line, in order.
          key={k}
          style={
            token.type ? { color: `var(--gsk-syntax-${token.type}, var(--gsk-fg))` } : undefined
          }
        >
          {token.text}
        </span>
      ))}
    </span>
  );
}
