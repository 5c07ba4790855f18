/**
 * Syntax highlighting for the file view with the grammars the diff uses: refractor (Prism's
 * grammars), one grammar chunk per language loaded when first needed and registered on the one
 * `refractor/core` instance react-diff-viewer-continued registers its grammars on too, so a
 * language loads once for both. The whole text is tokenized in one pass (a string or comment
 * that spans lines stays one), then cut into lines of `{ text, type }` tokens; colours are the
 * stylesheet's `--gsk-syntax-<type>` variables, as in the diff. Components import this module
 * lazily (`import()`), so its grammar table costs nothing until a file is shown.
 */

import { languageOfPath } from './languages.js';

type Grammar = { default: Parameters<typeof import('refractor/core').refractor.register>[0] };

/** One chunk per grammar, listed so a bundler can split each (an import by template cannot be). */
const LOADERS: Record<string, () => Promise<Grammar>> = {
  typescript: () => import('refractor/typescript'),
  javascript: () => import('refractor/javascript'),
  json: () => import('refractor/json'),
  css: () => import('refractor/css'),
  scss: () => import('refractor/scss'),
  less: () => import('refractor/less'),
  markup: () => import('refractor/markup'),
  markdown: () => import('refractor/markdown'),
  python: () => import('refractor/python'),
  ruby: () => import('refractor/ruby'),
  go: () => import('refractor/go'),
  rust: () => import('refractor/rust'),
  java: () => import('refractor/java'),
  kotlin: () => import('refractor/kotlin'),
  c: () => import('refractor/c'),
  cpp: () => import('refractor/cpp'),
  csharp: () => import('refractor/csharp'),
  php: () => import('refractor/php'),
  bash: () => import('refractor/bash'),
  yaml: () => import('refractor/yaml'),
  sql: () => import('refractor/sql'),
  swift: () => import('refractor/swift'),
  lua: () => import('refractor/lua'),
  makefile: () => import('refractor/makefile'),
};

/** A piece of a line: its text and its token type (`keyword`, `string`, …; none for plain). */
export interface CodeToken {
  text: string;
  type?: string;
}

/** Files past this many lines or characters are shown plain (tokenizing is linear, but not free). */
export const HIGHLIGHT_MAX_LINES = 5_000;
export const HIGHLIGHT_MAX_CHARS = 500_000;

interface HastNode {
  type: string;
  value?: string;
  properties?: { className?: string[] };
  children?: HastNode[];
}

/**
 * Loads (once) and registers the grammar a file of this name needs, so highlighting can start as
 * soon as its text arrives: the file view calls it when a path is chosen, while the file itself
 * is still being read.
 */
export async function preloadGrammar(path: string): Promise<void> {
  const language = languageOfPath(path);
  const load = language ? LOADERS[language] : undefined;
  if (!load) return;
  const [{ refractor }, grammar] = await Promise.all([import('refractor/core'), load()]);
  if (!refractor.registered(language as string)) refractor.register(grammar.default);
}

/** `highlightLines` with the grammar chosen by the file's name. */
export function highlightFile(text: string, path: string): Promise<CodeToken[][] | null> {
  return highlightLines(text, languageOfPath(path));
}

/**
 * The text's lines as tokens, or null when there is no grammar for `language` or the text is too
 * big. Loads the grammar (once) and the highlighter core (once).
 */
export async function highlightLines(
  text: string,
  language: string | undefined,
): Promise<CodeToken[][] | null> {
  const load = language ? LOADERS[language] : undefined;
  if (!load || text.length > HIGHLIGHT_MAX_CHARS) return null;
  const [{ refractor }, grammar] = await Promise.all([import('refractor/core'), load()]);
  if (!refractor.registered(language as string)) refractor.register(grammar.default);
  const root = refractor.highlight(text, language as string) as unknown as HastNode;
  const lines: CodeToken[][] = [[]];
  const walk = (nodes: readonly HastNode[], type: string | undefined) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const parts = (node.value ?? '').split('\n');
        parts.forEach((part, i) => {
          if (i > 0) lines.push([]);
          if (part)
            (lines[lines.length - 1] as CodeToken[]).push(
              type ? { text: part, type } : { text: part },
            );
        });
      } else if (node.children) {
        const classes = node.properties?.className ?? [];
        const own = classes.find((c) => c !== 'token');
        walk(node.children, own ?? type);
      }
    }
  };
  walk(root.children ?? [], undefined);
  // A final newline ends the last line; it does not start another.
  if (text.endsWith('\n') && lines.at(-1)?.length === 0) lines.pop();
  return lines.length > HIGHLIGHT_MAX_LINES ? null : lines;
}
