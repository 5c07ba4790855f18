/**
 * A page that commits a File it makes itself through the core client's browser transport, and
 * reports what happened to the test driving it. Tokens come from the host's token endpoint.
 */
import { type CommitProgress, GitStorage } from '../../../src/core/index.js';

interface RunOptions {
  apiBaseUrl: string;
  repoId: string;
  branch: string;
  /** Random bytes made in the page; 0 = the file chosen in the file input (a disk-backed File). */
  sizeMiB: number;
  /** Sample performance.memory while uploading (needs --enable-precise-memory-info). */
  sampleHeap?: boolean;
}

async function makeFile(sizeMiB: number): Promise<File> {
  const parts: Blob[] = [];
  const piece = new Uint8Array(1024 * 1024);
  for (let i = 0; i < sizeMiB; i++) {
    for (let at = 0; at < piece.length; at += 65536)
      crypto.getRandomValues(piece.subarray(at, at + 65536));
    parts.push(new Blob([piece]));
  }
  return new File(parts, 'random.bin', { type: 'application/octet-stream' });
}

async function sha256(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function heapUsed(): number {
  return (
    (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
    0
  );
}

async function run(options: RunOptions) {
  const chosen = (document.getElementById('file') as HTMLInputElement).files?.[0];
  const file = options.sizeMiB > 0 || !chosen ? await makeFile(options.sizeMiB) : chosen;
  const fileSha256 = options.sampleHeap ? '' : await sha256(file);
  const storage = new GitStorage({
    name: 'test-org',
    apiBaseUrl: options.apiBaseUrl,
    getToken: async ({ repoId, scopes }) => {
      const res = await fetch(
        `/token?repo=${encodeURIComponent(repoId)}&scopes=${scopes.join(',')}`,
      );
      if (!res.ok) throw new Error(`token endpoint: ${res.status}`);
      return res.json();
    },
  });
  const events: CommitProgress[] = [];
  let heapBefore = 0;
  let heapPeak = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  if (options.sampleHeap) {
    heapBefore = heapUsed();
    heapPeak = heapBefore;
    timer = setInterval(() => {
      heapPeak = Math.max(heapPeak, heapUsed());
    }, 20);
  }
  const opfsNames = async () => {
    const names: string[] = [];
    const root = await navigator.storage.getDirectory();
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys())
      names.push(name);
    return names;
  };
  let duringUpload: Promise<string[]> | undefined;
  const started = performance.now();
  const result = await storage
    .repo({ id: options.repoId })
    .createCommit({
      targetBranch: options.branch,
      commitMessage: 'from the browser',
      author: { name: 'Browser', email: 'b@example.com' },
    })
    .addFile('upload/random.bin', file)
    .send({
      onProgress: (p) => {
        duringUpload ??= opfsNames();
        heapPeak = Math.max(heapPeak, heapUsed());
        events.push(p);
      },
    });
  if (timer) clearInterval(timer);
  // The transport assembles bodies in the Origin Private File System; nothing may be left there.
  return {
    opfsDuringUpload: (await duringUpload) ?? [],
    opfsLeftovers: await opfsNames(),
    commitSha: result.commitSha,
    seconds: (performance.now() - started) / 1000,
    fileSize: file.size,
    fileSha256,
    heapBefore,
    heapPeak,
    progress: events.map((e) => ({
      phase: e.phase,
      bytesSent: e.bytesSent,
      totalBytes: e.totalBytes,
    })),
  };
}

function runInWorker(options: { apiBaseUrl: string; repoId: string; text: string }) {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    worker.onmessage = (event) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.postMessage({ ...options, tokenUrl: `${location.origin}/token` });
  });
}

Object.assign(window, { runUpload: run, runInWorker });
(document.getElementById('status') as HTMLElement).textContent = 'loaded';
