/**
 * How ref-moving writes of this process take turns. The compare-and-swap in `updateRef` is what
 * guarantees correctness (pushes and other processes race too); queueing writes to one ref spares
 * forty concurrent writers from rebuilding their work hundreds of times between them, and the
 * bounded back-off makes a writer that still loses give up while its client is still waiting,
 * so no write lands after its client was told it failed.
 */

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task queued under `key` has settled: a repository + ref for
 * writes that move refs, or any other check-then-write that must not interleave.
 */
export function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => {});
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

/** The queue key of a ref in a repository. */
export function refKey(gitDir: string, ref: string): string {
  return `${gitDir}\0${ref}`;
}

/** How long a write keeps retrying a compare-and-swap it lost before answering 409. */
export const CAS_RETRY_MS = 10_000;

/**
 * Waits before attempt `attempt + 1` of a compare-and-swap started at `startedAt` (exponential,
 * jittered, at most 250 ms); false, at once, when another attempt would run past
 * {@link CAS_RETRY_MS}: the caller answers 409 instead.
 */
export async function backOff(attempt: number, startedAt: number): Promise<boolean> {
  const pause = Math.min(250, 5 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2);
  if (Date.now() - startedAt + pause > CAS_RETRY_MS) return false;
  await new Promise((resolve) => setTimeout(resolve, pause));
  return true;
}
