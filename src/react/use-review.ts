import { type SkipToken, skipToken } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { ReviewModel, type ReviewOptions, type ReviewSnapshot } from '../core/review/index.js';
import { useGitStorage } from './context.js';

export interface UseReviewOptions extends ReviewOptions {
  /**
   * How often to read the notes again while the page is visible, so reviewers see each other's
   * comments (ms; default 15 s; 0: only on focus and after writes).
   */
  pollInterval?: number;
}

const IDLE: ReviewSnapshot = {
  status: 'loading',
  threads: [],
  error: undefined,
  skipped: 0,
  head: '',
};
const idle = () => IDLE;
const noSubscription = () => () => {};

/**
 * The review of a head commit: its threads (and those of `commits`, earlier heads, marked
 * outdated where their lines changed) and the `model` to comment, reply, resolve, edit and
 * delete with. Reads again when the page comes back into view (visible, focused) and every
 * `pollInterval` while it is visible.
 * `skipToken` (or an empty `head`) while the head is not known yet.
 *
 * ```tsx
 * const { snapshot, model } = useReview('team/app', { head, base, commits, author });
 * await model?.startThread({ path, side: 'new', start: 3, end: 5, body });
 * ```
 */
export function useReview(
  repoId: string,
  options: UseReviewOptions | SkipToken,
): { snapshot: ReviewSnapshot; model: ReviewModel | null } {
  const client = useGitStorage();
  const given = options === skipToken || !options.head ? null : options;
  // One model per client and repository, made on first render (as react-query makes its
  // observers); the options reach it after every render.
  const made = useRef<{ client: unknown; repoId: string; model: ReviewModel } | null>(null);
  if (given && (made.current?.client !== client || made.current.repoId !== repoId)) {
    made.current = { client, repoId, model: new ReviewModel(client.repo({ id: repoId }), given) };
  }
  const model = given ? (made.current?.model ?? null) : null;
  const snapshot = useSyncExternalStore(
    model?.subscribe ?? noSubscription,
    model?.getSnapshot ?? idle,
    model?.getSnapshot ?? idle,
  );
  useEffect(() => {
    if (model && given) model.setOptions(given);
  });
  const head = given?.head ?? '';
  const commitsKey = (given?.commits ?? []).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when what is reviewed changes.
  useEffect(() => {
    if (model && head) void model.refresh();
  }, [model, head, commitsKey]);
  const interval = given?.pollInterval ?? 15_000;
  useEffect(() => {
    if (!model || !head || typeof window === 'undefined') return;
    const again = () => {
      if (document.visibilityState === 'visible') void model.refresh();
    };
    // Back to the tab (it becomes visible; a window gets focus): read again.
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    const timer = interval > 0 ? window.setInterval(again, interval) : undefined;
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, [model, head, interval]);
  return { snapshot: model ? snapshot : IDLE, model };
}
