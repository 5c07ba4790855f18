/**
 * bench:ui --suite blame,search: the repository pages given what the server answered (as their
 * connected parts hand it over): time from mount to the first lines painted, the longest
 * main-thread task meanwhile, and DOM nodes.
 * - blame: BlameLines over a file of `lines` lines from 200 commits (groups of 1–40 lines).
 * - search: CodeSearchResults with `results` matching lines over results/10 files.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import {
  BlameLines,
  CodeSearchResults,
  ConflictResolver,
  defaultLabels,
  type MergeConflict,
} from '../../src/components/index.js';
import type { BlameLine, BlameResult, GrepResult } from '../../src/core/index.js';
import { frame, longestTask, markLongTasks, sleep } from './timing.js';

let root: Root | null = null;

export interface PageFigures {
  firstPaintMs: number;
  longestTaskMs: number;
  domNodes: number;
}

async function mount(render: (host: HTMLElement) => void, ready: string): Promise<PageFigures> {
  root?.unmount();
  const stage = document.getElementById('stage') as HTMLElement;
  const host = document.createElement('div');
  host.style.cssText = 'height: 800px; width: 1200px; display: flex; flex-direction: column';
  stage.replaceChildren(host);
  await frame();
  await sleep(300);
  const start = performance.now();
  markLongTasks();
  render(host);
  for (;;) {
    if (host.querySelector(ready)) break;
    if (performance.now() - start > 30_000) throw new Error(`never showed ${ready}`);
    await sleep(1);
  }
  await frame();
  const firstPaintMs = performance.now() - start;
  await sleep(300);
  return {
    firstPaintMs: Math.round(firstPaintMs),
    longestTaskMs: Math.round(longestTask()),
    domNodes: host.querySelectorAll('*').length,
  };
}

/** Mounts `element` in an 800 px scrolling box (as a page lays the component out) and measures. */
function mountScrolled(element: ReturnType<typeof createElement>, ready: string) {
  return mount((host) => {
    root = createRoot(host);
    root.render(createElement('div', { style: { overflow: 'auto', height: 800 } }, element));
  }, ready);
}

export function runBlameBench(count: number): Promise<PageFigures> {
  const lines: BlameLine[] = [];
  const text: string[] = [];
  let commit = 0;
  while (lines.length < count) {
    const sha = commit.toString(16).padStart(40, 'a');
    const time = new Date(Date.UTC(2020, 0, 1) + commit * 86_400_000);
    const size = 1 + ((commit * 7919) % 40);
    for (let k = 0; k < size && lines.length < count; k++) {
      const n = lines.length + 1;
      lines.push({
        lineNumber: n,
        commitSha: sha,
        originalLineNumber: n,
        originalPath: 'src/big.ts',
        authorName: `Author ${commit % 13}`,
        authorEmail: `a${commit % 13}@example.com`,
        authorTime: time,
        rawAuthorTime: time.toISOString(),
        committerName: 'C',
        committerEmail: 'c@example.com',
        committerTime: time,
        rawCommitterTime: time.toISOString(),
        summary: `Change ${commit}: adjust the numbers`,
      });
      text.push(`export const value${n} = ${n} * 2; // line ${n}`);
    }
    commit = (commit + 1) % 200;
  }
  const blame: BlameResult = { ref: 'main', path: 'src/big.ts', commitSha: 'f'.repeat(40), lines };
  const body = `${text.join('\n')}\n`;
  return mount((host) => {
    root = createRoot(host);
    root.render(createElement(BlameLines, { blame, text: body, onSelectCommit: () => {} }));
  }, '.gsk-blame__text');
}

export function runSearchBench(results: number): Promise<PageFigures> {
  const files = Math.max(1, Math.round(results / 10));
  const matches: GrepResult['matches'] = [];
  for (let f = 0; f < files; f++) {
    const lines = [];
    for (let k = 0; k < results / files; k++) {
      const n = k * 7 + 1;
      lines.push({
        lineNumber: n,
        text: `  const greeting = greet(name, ${n}); // greet ${f}`,
        type: 'match',
      });
    }
    matches.push({ path: `packages/pkg-${f % 8}/src/module-${f}.ts`, lines });
  }
  const page: GrepResult = {
    query: { pattern: 'greet', caseSensitive: false },
    repo: { ref: 'main', commit: 'f'.repeat(40) },
    matches,
    hasMore: false,
  };
  return mountScrolled(
    createElement(CodeSearchResults, {
      pages: [page],
      query: { text: 'greet' },
      onOpenResult: () => {},
      labels: defaultLabels,
    }),
    '.gsk-code-search__line',
  );
}

/** ConflictResolver on one file whose two sides differ on every one of `lines` lines. */
export function runConflictBench(lines: number): Promise<PageFigures> {
  const side = (word: string) =>
    `${Array.from({ length: lines }, (_, i) => `export const ${word}${i} = ${i};`).join('\n')}\n`;
  const blob = (content: string, oid: string) => ({
    oid,
    content,
    truncated: false,
    binary: false,
  });
  const conflict: MergeConflict = {
    path: 'src/generated.ts',
    result: { truncated: false, binary: false },
    base: blob(side('base'), 'b'.repeat(40)),
    ours: blob(side('main'), 'c'.repeat(40)),
    theirs: blob(side('topic'), 'd'.repeat(40)),
  };
  return mountScrolled(
    createElement(ConflictResolver, {
      conflicts: [conflict],
      names: { target: 'main', source: 'topic' },
      choices: new Map(),
      onChoicesChange: () => {},
    }),
    '.gsk-conflict__side pre',
  );
}
