/**
 * One way for every stateful prop to be controllable: given `value` the parent owns the state
 * (and hears of changes through `onChange`); left out, the component keeps it, starting from
 * `defaultValue`. Updates may be functions of the current value, as with `useState`. Switching
 * between the two modes while mounted is a bug in the parent: it is said once, in the console.
 */
import { useCallback, useRef, useState } from 'react';

export interface Controllable<T> {
  value: T | undefined;
  defaultValue: T | (() => T);
  onChange?: ((value: T) => void) | undefined;
  /** The component and prop, for the warning ("FileTree expanded"). */
  name: string;
}

export function useControllable<T>(
  options: Controllable<T>,
): [T, (next: T | ((previous: T) => T)) => void] {
  const controlled = options.value !== undefined;
  const [own, setOwn] = useState<T>(options.defaultValue);
  const current = controlled ? (options.value as T) : own;
  // What the next functional update starts from: the newest value, even between renders.
  const latest = useRef(current);
  latest.current = current;
  const onChange = useRef(options.onChange);
  onChange.current = options.onChange;
  const mode = useRef({ controlled, warned: false });
  mode.current.controlled = controlled;
  const first = useRef(controlled);
  // A development warning: an app's production build (NODE_ENV=production) drops it and its text.
  if (
    typeof process !== 'undefined' &&
    process.env.NODE_ENV !== 'production' &&
    first.current !== controlled &&
    !mode.current.warned
  ) {
    mode.current.warned = true;
    console.warn(
      `${options.name} changed from ${first.current ? 'controlled' : 'uncontrolled'} to ${controlled ? 'controlled' : 'uncontrolled'}: ` +
        'give `value` on every render (with `onChange`) or never, and use `defaultValue` for a starting value.',
    );
  }
  const set = useCallback((next: T | ((previous: T) => T)) => {
    const value = typeof next === 'function' ? (next as (previous: T) => T)(latest.current) : next;
    if (Object.is(value, latest.current)) return;
    latest.current = value;
    if (!mode.current.controlled) setOwn(value);
    onChange.current?.(value);
  }, []);
  return [current, set];
}
