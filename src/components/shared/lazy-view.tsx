/**
 * A component whose code is a chunk of its own, fetched the first time it is drawn (or earlier
 * with `preload`). Once the chunk is here it renders directly: React reveals a suspended boundary
 * up to 300 ms late, so a view that is already loaded must never suspend again. Hand-written
 * because `React.lazy` suspends on the first render of each lazy object even when its chunk has
 * long arrived.
 */
import {
  type ComponentType,
  createElement,
  lazy,
  type ReactElement,
  type ReactNode,
  Suspense,
} from 'react';

export interface LazyView<P extends object> {
  (props: P): ReactElement;
  /** Starts fetching the chunk (idempotent). */
  preload(): Promise<unknown>;
}

export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** Shown while the chunk loads (a function of the props, for their labels). */
  fallback: (props: P) => ReactNode,
): LazyView<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  let loaded: ComponentType<P> | undefined;
  const preload = () => {
    loading ??= load().then((component) => {
      loaded = component;
      return component;
    });
    return loading;
  };
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: a factory of components, called once per view at module level (never during a render).
  const View = (props: P): ReactElement =>
    loaded
      ? createElement(loaded, props)
      : createElement(Suspense, { fallback: fallback(props) }, createElement(Lazy, props));
  View.preload = preload;
  return View;
}
