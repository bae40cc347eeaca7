import { useEffect, useRef } from 'react';
import { useTraceViewStore } from '../state/traceViewStore';
import { FULL_RANGE, panRange, zoomRange } from '../viewRange';

interface ShortcutHandlers {
  focusFind(): void;
  openHelp(): void;
  stepMatch(direction: 1 | -1): void;
  /** Escape with nothing else to clear: close the open span. */
  closeDetails(): void;
  clearFind(): boolean;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The page-wide shortcuts (see shortcuts.ts). Typing in a field and open dialogs are left alone. */
export function useTraceShortcuts(handlers: ShortcutHandlers): void {
  const store = useTraceViewStore();
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const h = latest.current;
      const state = store.getState();
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && !event.altKey && (event.key === 'f' || event.key === 'b')) {
        event.preventDefault();
        return h.focusFind();
      }
      if (ctrl || event.altKey || isTyping(event.target)) return;
      const scroller = document.querySelector<HTMLElement>('.waterfall__scroll');
      const page = (scroller?.clientHeight ?? 0) * 0.9;
      const pan = event.shiftKey ? 0.25 : 0.05;
      const zoomIn = event.shiftKey ? 0.5 : 0.8;
      const act: Record<string, () => void> = {
        '/': h.focusFind,
        '?': h.openHelp,
        s: () => scroller?.scrollBy({ top: page }),
        w: () => scroller?.scrollBy({ top: -page }),
        f: () => h.stepMatch(1),
        b: () => h.stepMatch(-1),
        a: () => state.setViewRange(panRange(state.viewRange, -pan)),
        ArrowLeft: () => state.setViewRange(panRange(state.viewRange, -pan)),
        d: () => state.setViewRange(panRange(state.viewRange, pan)),
        ArrowRight: () => state.setViewRange(panRange(state.viewRange, pan)),
        ArrowUp: () => state.setViewRange(zoomRange(state.viewRange, zoomIn)),
        ArrowDown: () => state.setViewRange(zoomRange(state.viewRange, 1 / zoomIn)),
        '0': () => state.setViewRange(FULL_RANGE),
        ']': () => state.updateTree((t) => t.collapseAll()),
        '[': () => state.updateTree((t) => t.expandAll()),
        p: () => state.updateTree((t) => t.collapseOneLevel()),
        o: () => state.updateTree((t) => t.expandOneLevel()),
        Escape: () => {
          if (!h.clearFind()) h.closeDetails();
        },
      };
      const action = act[event.key.length === 1 ? event.key.toLowerCase() : event.key] ?? act[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
