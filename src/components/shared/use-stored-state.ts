/**
 * State remembered in `localStorage` under `key` (none: plain state). Reading and writing never
 * throw: storage may be full, disabled or absent (server rendering), and then the state is simply
 * not remembered.
 */
import { useCallback, useEffect, useState } from 'react';

function read<T>(key: string | undefined, fallback: T): T {
  if (!key || typeof localStorage === 'undefined') return fallback;
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function useStoredState<T>(
  key: string | undefined,
  fallback: T,
): [T, (next: T | ((previous: T) => T)) => void] {
  const [state, setState] = useState<{ key: string | undefined; value: T }>(() => ({
    key,
    value: read(key, fallback),
  }));
  // A new key (another diff) reads its own remembered value.
  useEffect(() => {
    if (state.key !== key) setState({ key, value: read(key, fallback) });
  }, [key, state.key, fallback]);
  const set = useCallback(
    (next: T | ((previous: T) => T)) => {
      setState((previous) => {
        const value = typeof next === 'function' ? (next as (p: T) => T)(previous.value) : next;
        if (key && typeof localStorage !== 'undefined') {
          try {
            localStorage.setItem(key, JSON.stringify(value));
          } catch {
            // not remembered; the state still changes
          }
        }
        return { key, value };
      });
    },
    [key],
  );
  return [state.key === key ? state.value : read(key, fallback), set];
}
