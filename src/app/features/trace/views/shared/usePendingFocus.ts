import { useCallback, useEffect, useRef, type RefObject } from 'react';

/**
 * Focus for a row of a virtual list that may not be rendered yet: after asking the list to scroll
 * to it, call the returned function with its position, and the row `[data-position]` takes focus
 * on the first render that has it in the DOM.
 */
export function usePendingFocus(scrollRef: RefObject<HTMLElement | null>) {
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-position="${pendingFocus.current}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });
  return useCallback((position: number) => {
    pendingFocus.current = position;
  }, []);
}
