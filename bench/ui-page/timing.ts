/**
 * What the bench:ui page measures with: the longest main-thread task since a mark (Long Tasks
 * API; tasks before the mark — building a fixture — are not counted), frames and sleeps.
 */
let longest = 0;
let since = Number.POSITIVE_INFINITY;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.startTime >= since) longest = Math.max(longest, entry.duration);
  }
}).observe({ type: 'longtask', buffered: false });

/** Starts counting long tasks from now. */
export function markLongTasks(): void {
  longest = 0;
  since = performance.now();
}

/** The longest task since the last mark, in ms. */
export function longestTask(): number {
  return longest;
}

export const frame = () =>
  new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
