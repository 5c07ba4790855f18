/**
 * Focus that would fall to `<body>` is caught: when the focused element inside `root` is removed
 * (the History button that opened a commit, a Commit button whose form was replaced by its
 * result), focus moves to `fallback` — the new view's region — and the caller can say where the
 * reader is now. A keyboard user then goes on from where they were instead of from the top of
 * the page. Focus that leaves on purpose (to another element, or a click elsewhere on the page)
 * is left alone.
 *
 * Chromium fires focusout when it removes the focused element, other browsers may fire nothing:
 * both are watched (focusout, and a MutationObserver for the element last focused).
 */
import { type RefObject, useEffect, useRef } from 'react';

export function useFocusRescue(
  root: RefObject<HTMLElement | null>,
  fallback: RefObject<HTMLElement | null>,
  onRescued?: () => void,
): void {
  const rescued = useRef(onRescued);
  rescued.current = onRescued;
  useEffect(() => {
    const element = root.current;
    if (!element || typeof MutationObserver === 'undefined') return;
    let focused: Element | null = null;
    const rescue = () => {
      const active = document.activeElement;
      const target = fallback.current;
      if ((active && active !== document.body) || !target?.isConnected) return;
      target.focus();
      rescued.current?.();
    };
    const onFocusIn = (event: FocusEvent) => {
      focused = event.target as Element;
    };
    // Chromium fires focusout while removing the focused element (still connected then): look
    // again once the update is done. Still connected: the reader left on purpose.
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget !== null) {
        focused = null;
        return;
      }
      const lost = event.target as Element;
      requestAnimationFrame(() => {
        if (lost.isConnected) {
          if (focused === lost) focused = null;
        } else rescue();
      });
    };
    // Browsers that fire nothing on removal: the element last focused is seen to be gone.
    const observer = new MutationObserver(() => {
      if (!focused || focused.isConnected) return;
      focused = null;
      rescue();
    });
    element.addEventListener('focusin', onFocusIn);
    element.addEventListener('focusout', onFocusOut);
    observer.observe(element, { childList: true, subtree: true });
    return () => {
      element.removeEventListener('focusin', onFocusIn);
      element.removeEventListener('focusout', onFocusOut);
      observer.disconnect();
    };
  }, [root, fallback]);
}
