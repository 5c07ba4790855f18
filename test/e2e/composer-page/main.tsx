/**
 * The connected CommitComposer on a page of its own, for the Chromium test and the benchmark:
 * `?api=…&repo=…&branch=…` say where to commit; tokens come from the host's `/token`. The
 * driver makes a File in the page (`makeFile`), drops it on the composer as a real DataTransfer
 * (`dropFile`), and reads back every progress value the page showed (`progressSeen`).
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { CommitComposer } from '../../../src/components/index.js';
import { GitStorage, indexedDbDraftPersistence } from '../../../src/core/browser.js';
import { GitStorageProvider } from '../../../src/react/index.js';
import '../../../src/components/styles.css';

const params = new URLSearchParams(location.search);
const repoId = params.get('repo') ?? '';
const branch = params.get('branch') ?? 'main';
// `?quota=N`: the browser says it has N bytes of room (a small quota without a small disk).
const quota = params.get('quota');
const storage = new GitStorage({
  ...(quota
    ? {
        persistDrafts: indexedDbDraftPersistence({
          estimate: async () => ({ usage: 0, quota: Number(quota) }),
        }),
      }
    : {}),
  name: 'test-org',
  apiBaseUrl: params.get('api') ?? '',
  getToken: async ({ repoId, scopes }) => {
    const res = await fetch(`/token?repo=${encodeURIComponent(repoId)}&scopes=${scopes.join(',')}`);
    if (!res.ok) throw new Error(`token endpoint: ${res.status}`);
    return res.json();
  },
});

declare global {
  interface Window {
    made?: File;
    progressSeen: string[];
    /** When the progressbar first said "Committing…" (performance.now()). */
    committingAt?: number;
    committed: string[];
    makeFile: (sizeMiB: number, hash: boolean) => Promise<string>;
    dropFiles: (files: { name: string; text?: string }[]) => void;
    heapUsed: () => number;
    stageMany: (
      count: number,
    ) => Promise<{ stagedMs: number; domNodes: number; longestTaskMs: number }>;
    startHeap: () => void;
    /** The baseline: the same small files committed by the core client alone (ms). */
    coreCommit: (count: number, branch: string) => Promise<number>;
    stopHeap: () => { before: number; peak: number };
    /** Stages through the draft (as the file view's Edit and Delete do). */
    stageText: (path: string, text: string) => void;
    stageDelete: (path: string) => void;
    /** Resolves when the draft was restored and every write to the browser's storage finished. */
    draftFlushed: () => Promise<void>;
    /** What the browser's draft database holds: drafts and stored contents. */
    draftDatabase: () => Promise<{ drafts: number; contents: number }>;
    /** Time from page start until the composer showed `count` restored changes (ms). */
    restoredAfter: (count: number) => Promise<number>;
    /** Streams the first staged file once (the baseline for storing it): ms. */
    readStagedOnce: () => Promise<number>;
  }
}

const state = window;
state.progressSeen = [];
state.committed = [];

/** Random bytes, 1 MiB Blob parts (the browser may keep them on disk). */
state.makeFile = async (sizeMiB, hash) => {
  const parts: Blob[] = [];
  const piece = new Uint8Array(1024 * 1024);
  for (let i = 0; i < sizeMiB; i++) {
    for (let at = 0; at < piece.length; at += 65536) {
      crypto.getRandomValues(piece.subarray(at, at + 65536));
    }
    parts.push(new Blob([piece]));
  }
  state.made = new File(parts, 'big.bin');
  if (!hash) return '';
  const digest = await crypto.subtle.digest('SHA-256', await state.made.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

/** Drops files as the browser would: a DataTransfer on a drop event; no `text` = the made file. */
state.dropFiles = (files) => {
  const transfer = new DataTransfer();
  for (const file of files) {
    const parts = file.text === undefined ? [state.made as File] : [file.text];
    transfer.items.add(new File(parts, file.name));
  }
  const zone = document.querySelector('.gsk-drop-zone') as HTMLElement;
  zone.dispatchEvent(
    new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }),
  );
};

state.heapUsed = () =>
  (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
  0;

/** Drops `count` small files at once; resolves when the staged list says they are all there. */
state.stageMany = async (count) => {
  const transfer = new DataTransfer();
  for (let i = 0; i < count; i++) {
    transfer.items.add(
      new File([`export const n = ${i};\n`], `file-${String(i).padStart(5, '0')}.ts`),
    );
  }
  // Making the files is the driver's work, not the composer's: a task of its own, not measured.
  await new Promise((resolve) => setTimeout(resolve, 100));
  let longestTaskMs = 0;
  const tasks = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
  });
  tasks.observe({ type: 'longtask' });
  const expected = `${new Intl.NumberFormat().format(count)} changes staged`;
  const started = performance.now();
  const zone = document.querySelector('.gsk-drop-zone') as HTMLElement;
  zone.dispatchEvent(
    new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }),
  );
  while (
    !document.querySelector('.gsk-commit-composer__summary')?.textContent?.includes(expected)
  ) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const stagedMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 50));
  tasks.disconnect();
  return { stagedMs, domNodes: document.getElementsByTagName('*').length, longestTaskMs };
};

state.coreCommit = async (count, branch) => {
  const files = Array.from(
    { length: count },
    (_, i) => new File([`export const n = ${i};\n`], `file-${String(i).padStart(5, '0')}.ts`),
  );
  const started = performance.now();
  const builder = storage.repo({ id: params.get('repo') ?? '' }).createCommit({
    targetBranch: branch,
    commitMessage: `${count} files, core only`,
    author: { name: 'Browser Author', email: 'browser@example.com' },
  });
  for (const file of files) builder.addFile(file.name, file);
  await builder.send();
  return performance.now() - started;
};

/** Samples the JS heap every 20 ms between `startHeap` and `stopHeap`. */
let heap = { before: 0, peak: 0, timer: undefined as ReturnType<typeof setInterval> | undefined };
state.startHeap = () => {
  const before = state.heapUsed();
  heap = { before, peak: before, timer: undefined };
  heap.timer = setInterval(() => {
    heap.peak = Math.max(heap.peak, state.heapUsed());
  }, 20);
};
state.stopHeap = () => {
  clearInterval(heap.timer);
  return { before: heap.before, peak: Math.max(heap.peak, state.heapUsed()) };
};

// Every value the overall progressbar shows, as the user would have seen it.
new MutationObserver(() => {
  const bar = document.querySelector('[role=progressbar][aria-label="Upload progress"]');
  const seen = bar
    ? `${bar.getAttribute('aria-valuenow')}|${bar.getAttribute('aria-valuetext')}`
    : '';
  if (seen && state.progressSeen[state.progressSeen.length - 1] !== seen) {
    state.progressSeen.push(seen);
    if (seen.endsWith('Committing…')) state.committingAt ??= performance.now();
  }
}).observe(document.body, { subtree: true, childList: true, attributes: true });

const draft = () => storage.drafts.draft(repoId, { branch });
state.stageText = (path, text) => draft().addText(path, text);
state.stageDelete = (path) => draft().deletePath(path);
state.draftFlushed = () => storage.drafts.restored(repoId, branch);
state.draftDatabase = () =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('git-storage-kit-drafts');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('drafts')) {
        resolve({ drafts: 0, contents: 0 });
        return;
      }
      const tx = db.transaction(['drafts', 'contents']);
      const drafts = tx.objectStore('drafts').count();
      const contents = tx.objectStore('contents').count();
      tx.oncomplete = () => resolve({ drafts: drafts.result, contents: contents.result });
    };
  });
state.readStagedOnce = async () => {
  const change = draft()
    .getSnapshot()
    .staged.find((c) => c.kind === 'file');
  if (change?.kind !== 'file' || !(change.source instanceof Blob)) return Number.NaN;
  const started = performance.now();
  const reader = change.source.stream().getReader();
  for (;;) {
    const { done } = await reader.read();
    if (done) break;
  }
  return performance.now() - started;
};
state.restoredAfter = async (count) => {
  const expected = `Restored ${new Intl.NumberFormat().format(count)} staged`;
  while (
    !document.querySelector('.gsk-commit-composer__restored')?.textContent?.includes(expected)
  ) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return performance.now();
};

createRoot(document.getElementById('root') as HTMLElement).render(
  <QueryClientProvider client={new QueryClient()}>
    <GitStorageProvider client={storage}>
      <CommitComposer
        repoId={repoId}
        branch={branch}
        author={{ name: 'Browser Author', email: 'browser@example.com' }}
        onCommitted={(result) => state.committed.push(result.commitSha)}
      />
    </GitStorageProvider>
  </QueryClientProvider>,
);
