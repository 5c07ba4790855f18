/**
 * bench:ui --suite highlight: FilePreview given a TypeScript file of `lines` lines (as FileView
 * hands it over once read): time from mount to the first lines painted (plain), and to the first
 * highlighted token painted (grammar loaded and the whole text tokenized); the longest
 * main-thread task meanwhile; DOM nodes. `warm`: the grammar was loaded by an earlier file.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { FilePreview } from '../../src/components/index.js';
import { frame, longestTask, markLongTasks, sleep } from './timing.js';

let root: Root | null = null;

function typescriptFile(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `/** Item ${i}: a documented export. */`,
      `export function item${i}(value: number, name = 'item-${i}'): string {`,
      `  const doubled = value * 2; // ${i}`,
      "  return name + ':' + String(doubled);",
      '}',
    );
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

export async function runHighlightBench(lines: number): Promise<{
  plainMs: number;
  highlightedMs: number;
  longestTaskMs: number;
  domNodes: number;
}> {
  root?.unmount();
  const stage = document.getElementById('stage') as HTMLElement;
  const host = document.createElement('div');
  host.style.cssText = 'height: 800px; width: 1200px; display: flex';
  stage.replaceChildren(host);
  const text = typescriptFile(lines);
  const content = {
    path: 'src/items.ts',
    text,
    bytes: new TextEncoder().encode(text),
    isBinary: false,
    size: text.length,
    truncated: false,
  };
  await frame();
  await sleep(300);
  const start = performance.now();
  markLongTasks();
  root = createRoot(host);
  root.render(createElement(FilePreview, { path: content.path, content }));
  let plainMs = 0;
  for (;;) {
    if (!plainMs && host.querySelector('.gsk-file-preview__line-text')) {
      await frame();
      plainMs = performance.now() - start;
    }
    if (host.querySelector('.gsk-file-preview__line-text span[style]')) break;
    if (performance.now() - start > 30_000) throw new Error('never highlighted');
    await sleep(1);
  }
  await frame();
  const highlightedMs = performance.now() - start;
  await sleep(300);
  return {
    plainMs: Math.round(plainMs),
    highlightedMs: Math.round(highlightedMs),
    longestTaskMs: Math.round(longestTask()),
    domNodes: host.querySelectorAll('*').length,
  };
}
