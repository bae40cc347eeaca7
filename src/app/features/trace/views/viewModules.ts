/**
 * The views' modules, fetched ahead of the click: all of them one after another once the
 * browser is idle after the trace is drawn, and any one as soon as its tab is pointed at or
 * focused. A view whose module is here renders at once; only one opened before its module
 * arrived (a shared link, a very early click) waits, inside the panel's Suspense boundary.
 */
import { use, type ComponentType } from 'react';
import type { TraceViewDefinition, TraceViewProps } from './traceViews';

type ViewComponent = ComponentType<TraceViewProps>;

interface Entry {
  promise: Promise<ViewComponent>;
  component: ViewComponent | null;
}

const entries = new Map<string, Entry>();

/** Starts fetching a view's module (once); null for the timeline, which has none. */
export function preloadView(view: TraceViewDefinition): Promise<ViewComponent> | null {
  const { load } = view;
  if (!load) return null;
  const known = entries.get(view.id);
  if (known) return known.promise;
  const entry: Entry = {
    component: null,
    promise: load().then(
      (module) => (entry.component = module.default),
      (error: unknown) => {
        // A failed fetch (a deploy replaced the chunk, the network dropped) is tried again next time.
        entries.delete(view.id);
        throw error;
      },
    ),
  };
  entries.set(view.id, entry);
  return entry.promise;
}

/** The view's component: at once when its module is here, else it suspends until it is. */
export function useViewComponent(view: TraceViewDefinition): ViewComponent | null {
  if (!view.load) return null;
  const entry = entries.get(view.id);
  if (entry?.component) return entry.component;
  const promise = preloadView(view);
  return promise ? use(promise) : null;
}

type IdleCallback = (run: () => void) => () => void;

const whenIdle: IdleCallback = (run) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 200);
  return () => clearTimeout(id);
};

/**
 * Fetches every view's module, one per idle period, so the fetches and their parsing never
 * compete with drawing the trace. Returns a function that stops what has not started.
 */
export function preloadViewsWhenIdle(views: readonly TraceViewDefinition[], idle = whenIdle): () => void {
  const waiting = views.filter((v) => v.load && !entries.has(v.id));
  let cancel = () => {};
  let stopped = false;
  const next = () => {
    const view = waiting.shift();
    if (!view || stopped) return;
    cancel = idle(() => {
      if (stopped) return;
      const loading = preloadView(view);
      if (loading) void loading.catch(() => {}).finally(next);
    });
  };
  next();
  return () => {
    stopped = true;
    cancel();
  };
}
