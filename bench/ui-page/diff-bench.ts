/**
 * The DiffViewer half of the bench:ui page: mounts our DiffView or plain react-diff-viewer-continued
 * (its defaults, given the two whole texts) and reports time from mount to the first rows painted,
 * DOM nodes, and the longest main-thread task seen meanwhile (Long Tasks API); and, for ours,
 * frames over 50 ms while scrolling a file end to end.
 */
import { createElement, type ReactElement } from 'react';
import ReactDiffViewer from 'react-diff-viewer-continued';
import { createRoot, type Root } from 'react-dom/client';
import { type DiffAnnotation, DiffView, ReviewThreadView } from '../../src/components/index.js';
import type { FileDiff } from '../../src/core/index.js';
import type { ReviewThreadState } from '../../src/core/review/index.js';
import { bigChange, manyFiles } from '../../stories/support/diff-fixtures.js';
import { frame, longestTask, markLongTasks, sleep } from './timing.js';

export type DiffCase = 'lines20k' | 'lines100k' | 'files1000';

export interface DiffFigures {
  firstScreenMs: number;
  domNodes: number;
  longestTaskMs: number;
}

interface Fixture {
  files: FileDiff[];
  texts: { oldText: string; newText: string }[];
}

/** As the client hands diffs out: parsed from JSON (flat strings, not the fixture's concatenations). */
const asReceived = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function fixture(c: DiffCase): Fixture {
  if (c === 'files1000') {
    const files = manyFiles(1000, 20);
    // The same changes as whole texts, for a viewer that diffs them itself.
    const texts = files.map((_, i) => {
      const head = Array.from({ length: 4 }, (_, k) => `import { dep${k} } from './dep${k}.js';`);
      const tail = Array.from({ length: 4 }, (_, k) => `export { dep${k} };`);
      const old = Array.from({ length: 10 }, (_, k) => `const setting${k} = ${i + k};`);
      const now = Array.from({ length: 10 }, (_, k) => `const setting${k} = ${i + k + 1};`);
      return {
        oldText: `${[...head, ...old, ...tail].join('\n')}\n`,
        newText: `${[...head, ...now, ...tail].join('\n')}\n`,
      };
    });
    return { files: asReceived(files), texts };
  }
  const big = bigChange(c === 'lines20k' ? 20_000 : 100_000);
  return { files: asReceived([big.file]), texts: [big] };
}

function Theirs(props: { texts: Fixture['texts'] }): ReactElement {
  return createElement(
    'div',
    null,
    props.texts.map((t, i) =>
      createElement(ReactDiffViewer, {
        key: i,
        oldValue: t.oldText,
        newValue: t.newText,
        splitView: false,
      }),
    ),
  );
}

let mounted: { root: Root; host: HTMLElement } | null = null;

/** Mounts one viewer for `c` and measures it; `limitMs` stops waiting for a viewer that never shows rows. */
export async function runDiffBench(
  kind: 'ours' | 'theirs',
  c: DiffCase,
  limitMs: number,
  /** Review threads spread over the new side's lines (ours only). */
  threads = 0,
): Promise<DiffFigures | { timedOut: true; domNodes: number; longestTaskMs: number }> {
  unmountDiff();
  const data = fixture(c);
  const annotations = threads > 0 ? reviewThreads(data, threads) : undefined;
  const stage = document.getElementById('stage') as HTMLElement;
  const host = document.createElement('div');
  host.style.cssText = 'height: 800px; width: 1200px; overflow: auto';
  stage.replaceChildren(host);
  await frame();
  await sleep(500); // let the fixture's own long task be reported first
  const root = createRoot(host);
  mounted = { root, host };
  const start = performance.now();
  markLongTasks();
  root.render(
    kind === 'ours'
      ? createElement(DiffView, {
          diff: { files: data.files, filteredFiles: [] },
          split: false,
          initialRect: { width: 1200, height: 800 },
          ...(annotations ? { annotations } : {}),
        })
      : createElement(Theirs, { texts: data.texts }),
  );
  const rowSelector = kind === 'ours' ? '.gsk-diff__gutter' : 'tbody tr td';
  while (!host.querySelector(rowSelector)) {
    if (performance.now() - start > limitMs) {
      return {
        timedOut: true,
        domNodes: host.querySelectorAll('*').length,
        longestTaskMs: Math.round(longestTask()),
      };
    }
    await sleep(1);
  }
  await frame();
  const firstScreenMs = performance.now() - start;
  await sleep(300); // long tasks are reported a moment after they end
  return {
    firstScreenMs: Math.round(firstScreenMs),
    domNodes: host.querySelectorAll('*').length,
    longestTaskMs: Math.round(longestTask()),
  };
}

/**
 * Scrolls the mounted DiffView from top to bottom, `step` pixels per frame, and counts frames
 * that took over 50 ms; also the most DOM nodes seen and the `<style>` elements in `<head>`.
 */
export async function scrollDiffToEnd(step: number): Promise<{
  frames: number;
  slowFrames: number;
  worstFrameMs: number;
  maxDomNodes: number;
  scrolledPx: number;
  styleElements: number;
}> {
  const scroller = mounted?.host.querySelector<HTMLElement>('.gsk-diff__scroll');
  if (!scroller || !mounted) throw new Error('mount ours first');
  let frames = 0;
  let slowFrames = 0;
  let worst = 0;
  let maxNodes = 0;
  let last = performance.now();
  while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
    scroller.scrollTop += step;
    await frame();
    const now = performance.now();
    const took = now - last;
    last = now;
    frames++;
    if (took > 50) slowFrames++;
    worst = Math.max(worst, took);
    if (frames % 50 === 0) maxNodes = Math.max(maxNodes, mounted.host.querySelectorAll('*').length);
  }
  return {
    frames,
    slowFrames,
    worstFrameMs: Math.round(worst),
    maxDomNodes: maxNodes,
    scrolledPx: scroller.scrollTop,
    styleElements: document.head.querySelectorAll('style').length,
  };
}

/**
 * Long tasks while a reader scrolls the mounted DiffView: at wheel speed (`wheelPx` per frame
 * for `wheelFrames` frames, from the top) and by jumps (to the end, then to `jumps` places drawn
 * from a fixed sequence, as a scrollbar drag lands). Longest task of each phase (Long Tasks API),
 * frames over 50 ms while wheeling, and the mean frame rate.
 */
export async function scrollTasks(
  wheelPx: number,
  wheelFrames: number,
  jumps: number,
): Promise<{
  wheelLongestTaskMs: number;
  wheelSlowFrames: number;
  wheelFps: number;
  jumpToEndLongestTaskMs: number;
  jumpsLongestTaskMs: number;
  wheeledToPx: number;
  scrollHeightPx: number;
}> {
  const scroller = mounted?.host.querySelector<HTMLElement>('.gsk-diff__scroll');
  if (!scroller || !mounted) throw new Error('mount ours first');
  scroller.scrollTop = 0;
  await sleep(500);
  markLongTasks();
  let slow = 0;
  let last = performance.now();
  const wheelStart = last;
  for (let i = 0; i < wheelFrames; i++) {
    scroller.scrollTop += wheelPx;
    await frame();
    const now = performance.now();
    if (now - last > 50) slow++;
    last = now;
  }
  const wheelFps = (wheelFrames * 1000) / (performance.now() - wheelStart);
  const wheeledTo = scroller.scrollTop;
  await sleep(300);
  const wheelLongest = longestTask();

  markLongTasks();
  scroller.scrollTop = scroller.scrollHeight;
  await frame();
  await sleep(400);
  const endLongest = longestTask();

  markLongTasks();
  let seed = 7;
  for (let i = 0; i < jumps; i++) {
    seed = (seed * 48271) % 2147483647;
    scroller.scrollTop = (seed / 2147483647) * scroller.scrollHeight;
    await frame();
    await sleep(100);
  }
  await sleep(300);
  return {
    wheelLongestTaskMs: Math.round(wheelLongest),
    wheelSlowFrames: slow,
    wheelFps: Math.round(wheelFps),
    jumpToEndLongestTaskMs: Math.round(endLongest),
    jumpsLongestTaskMs: Math.round(longestTask()),
    wheeledToPx: Math.round(wheeledTo),
    scrollHeightPx: scroller.scrollHeight,
  };
}

export function unmountDiff(): void {
  mounted?.root.unmount();
  mounted = null;
}

const NO_WRITE = {
  reply: async () => {},
  resolve: async () => {},
  edit: async () => {},
  remove: async () => {},
  isOwn: () => false,
  canWrite: true,
};

/** `count` two-comment threads, one every (new lines / count) lines, as ReviewDiff draws them. */
function reviewThreads(data: Fixture, count: number): DiffAnnotation[] {
  const file = data.files[0] as FileDiff;
  const lines = (data.texts[0]?.newText ?? '').split('\n').length - 1;
  const step = Math.max(1, Math.floor(lines / count));
  const author = { name: 'Ana Reviewer', email: 'ana@example.com' };
  return Array.from({ length: count }, (_, i) => {
    const line = 1 + i * step;
    const thread: ReviewThreadState = {
      id: `t${i}`,
      commit: 'c'.repeat(40),
      path: file.path,
      side: 'new',
      start: line,
      end: line,
      lines: [],
      resolved: i % 3 === 0,
      outdated: false,
      comments: [
        {
          id: `t${i}`,
          body: `Is line ${line} right? ${'Long comment text. '.repeat(4)}`,
          author,
          createdAt: '2026-12-01T10:00:00Z',
          deleted: false,
        },
        {
          id: `r${i}`,
          body: 'Yes, it is.',
          author: { name: 'Bo', email: 'bo@example.com' },
          createdAt: '2026-12-01T11:00:00Z',
          deleted: false,
        },
      ],
    };
    return {
      key: thread.id,
      path: file.path,
      side: 'new' as const,
      line,
      content: createElement(ReviewThreadView, { thread, actions: NO_WRITE }),
    };
  });
}
