/** Path globs for filters (grep, archive). */
import { fail } from './http-error.js';

/** One step of a glob: a literal character, `?`, `*` (within a folder) or `**` (across). */
type Step =
  | { kind: 'char'; char: string }
  | { kind: 'one' }
  | { kind: 'star' }
  /** `**`; `skip` is how many steps an empty match may jump (2 for `**` + "/"). */
  | { kind: 'any'; skip: number };

/** The longest glob accepted: far beyond any real filter, and it bounds the work per path. */
export const MAX_GLOB_LENGTH = 1024;

function parse(glob: string): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      while (glob[i + 1] === '*') i++;
      steps.push({ kind: 'any', skip: glob[i + 1] === '/' ? 2 : 1 });
    } else if (c === '*') {
      // `a**` was folded above; consecutive single stars cannot occur, so `*` never repeats.
      steps.push({ kind: 'star' });
    } else if (c === '?') steps.push({ kind: 'one' });
    else steps.push({ kind: 'char', char: c });
  }
  return steps;
}

/**
 * A glob as a test on paths: `*` and `?` stay within one folder, `**` crosses folders (`**​/`
 * also matches no folder at all); a glob without "/" is matched against the file name (as
 * .gitignore does); every other character is literal.
 *
 * Hand-written because the usual way — compile the glob to a RegExp — backtracks: `*` → `[^/]*`
 * repeated twenty times ran for seconds on one path and held the event loop. This runs the glob
 * as a set of positions over the path (a Thompson simulation), so a test costs at most
 * path length × glob length steps whatever the glob is. Node 20's `path.matchesGlob` is
 * experimental, and the glob libraries compile to RegExps too.
 */
export function globTest(glob: string): (path: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) {
    fail(400, `a glob is at most ${MAX_GLOB_LENGTH} characters; this one has ${glob.length}`);
  }
  const steps = parse(glob);
  const end = steps.length;
  let current = new Uint8Array(end + 1);
  let next = new Uint8Array(end + 1);

  /** Enters position `at`, and every position reachable from it without reading a character. */
  const enter = (set: Uint8Array, at: number): void => {
    const step = steps[at];
    // `**/` may match nothing at all, but only when entered: once `**` has read a character, the
    // "/" after it is required (`docs/**/x` matches `docs/x` and `docs/a/x`, never `docs/ax`).
    if (step?.kind === 'any' && step.skip === 2) enter(set, at + 2);
    if (at > end || set[at] === 1) return;
    set[at] = 1;
    if (step?.kind === 'star' || step?.kind === 'any') enter(set, at + 1);
  };
  /** Stays at a `*` or `**` that read a character. */
  const stay = (set: Uint8Array, at: number): void => {
    if (set[at] === 1) return;
    set[at] = 1;
    enter(set, at + 1);
  };

  const matches = (path: string): boolean => {
    current.fill(0);
    enter(current, 0);
    for (let p = 0; p < path.length; p++) {
      const c = path[p] as string;
      next.fill(0);
      let alive = false;
      for (let i = 0; i < end; i++) {
        if (current[i] === 0) continue;
        const step = steps[i] as Step;
        if (step.kind === 'char') {
          if (step.char === c) {
            enter(next, i + 1);
            alive = true;
          }
        } else if (step.kind === 'one') {
          if (c !== '/') {
            enter(next, i + 1);
            alive = true;
          }
        } else if (step.kind === 'star') {
          if (c !== '/') {
            stay(next, i);
            alive = true;
          }
        } else {
          stay(next, i);
          alive = true;
        }
      }
      if (!alive) return false;
      [current, next] = [next, current];
    }
    return current[end] === 1;
  };

  return glob.includes('/') ? matches : (path) => matches(path.slice(path.lastIndexOf('/') + 1));
}
