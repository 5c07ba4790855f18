/**
 * The bench:ui page: mounts our FileTree or @pierre/trees over the same path list and reports
 * how long the first rows took to paint, how many DOM nodes there are, and how long End took.
 */
import { FileTree as PierreTree, useFileTree } from '@pierre/trees/react';
import { createElement, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { FileTree, PathTree } from '../../src/components/index.js';
import '../../src/components/styles.css';
import { runDiffBench, scrollDiffToEnd, scrollTasks, unmountDiff } from './diff-bench.js';
import { runHighlightBench } from './file-bench.js';
import { runBlameBench, runConflictBench, runSearchBench } from './pages-bench.js';

declare global {
  interface Window {
    runBench(kind: 'ours' | 'pierre', paths: string[]): Promise<Figures>;
    runDiffBench: typeof runDiffBench;
    scrollDiffToEnd: typeof scrollDiffToEnd;
    scrollTasks: typeof scrollTasks;
    unmountDiff: typeof unmountDiff;
    runHighlightBench: typeof runHighlightBench;
    runBlameBench: typeof runBlameBench;
    runConflictBench: typeof runConflictBench;
    runSearchBench: typeof runSearchBench;
  }
}

window.runDiffBench = runDiffBench;
window.scrollDiffToEnd = scrollDiffToEnd;
window.scrollTasks = scrollTasks;
window.unmountDiff = unmountDiff;
window.runHighlightBench = runHighlightBench;
window.runBlameBench = runBlameBench;
window.runConflictBench = runConflictBench;
window.runSearchBench = runSearchBench;

interface Figures {
  firstRowsMs: number;
  domNodes: number;
  endMs: number | null;
}

function Pierre(props: { paths: string[] }): ReactElement {
  const { model } = useFileTree({ paths: props.paths });
  return createElement(PierreTree, { model, style: { height: '600px' } });
}

/** Every element below `root`, shadow roots included. */
function countNodes(root: Element | ShadowRoot): number {
  let n = 0;
  for (const el of root.querySelectorAll('*')) {
    n++;
    if (el.shadowRoot) n += countNodes(el.shadowRoot);
  }
  return n;
}

function treeItems(root: Element | ShadowRoot): Element[] {
  const found = [...root.querySelectorAll('[role=treeitem]')];
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) found.push(...treeItems(el.shadowRoot));
  }
  return found;
}

function findTree(root: Element | ShadowRoot): HTMLElement | null {
  const own = root.querySelector<HTMLElement>('[role=tree]');
  if (own) return own;
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const inner = findTree(el.shadowRoot);
      if (inner) return inner;
    }
  }
  return null;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

async function until(test: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 15_000;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

window.runBench = async (kind, paths) => {
  const stage = document.getElementById('stage') as HTMLElement;
  stage.replaceChildren();
  const host = document.createElement('div');
  host.style.height = '600px';
  stage.append(host);
  const root = createRoot(host);
  const start = performance.now();
  root.render(
    kind === 'ours'
      ? createElement(FileTree, { source: new PathTree(paths), filterable: false })
      : createElement(Pierre, { paths }),
  );
  await until(() => treeItems(host).length > 0, 'the first rows');
  await frame(); // painted
  const firstRowsMs = performance.now() - start;
  const domNodes = countNodes(host);

  const tree = findTree(host);
  const last = paths.reduce((a, b) =>
    (b.split('/')[0] as string) > (a.split('/')[0] as string) ? b : a,
  );
  const lastName = last.split('/')[0] as string;
  const endStart = performance.now();
  const firstRow = treeItems(host)[0] as HTMLElement;
  firstRow.click();
  (tree ?? firstRow).focus();
  (document.activeElement ?? tree)?.dispatchEvent(
    new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }),
  );
  let endMs: number | null = null;
  try {
    await until(
      () => treeItems(host).some((r) => r.textContent?.includes(lastName)),
      'the last row',
    );
    await frame();
    endMs = performance.now() - endStart;
  } catch {
    // @pierre/trees keeps focus inside its shadow root and ignores a synthetic End there.
  }
  root.unmount();
  return { firstRowsMs, domNodes, endMs };
};
