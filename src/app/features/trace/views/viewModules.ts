/**
 * The views' modules, fetched ahead of the click: all of them one after another once the
 * browser is idle after the trace is drawn, and any one as soon as its tab is pointed at or
 * focused. A view whose module is here renders at once; only one opened before its module
 * arrived (a shared link, a very early click) waits, inside the panel's Suspense boundary.
 */
import { use, type ComponentType } from 'react';
import type { TraceViewDefinition, TraceViewProps } from './traceViews';

type ViewComponent = ComponentType<TraceViewProps>;

/**
 * A promise carrying its outcome the way React's `use()` reads it: one already fulfilled is
 * unwrapped in the same render instead of suspending for a turn.
 */
type TrackedPromise<T> = Promise<T> & { status?: 'fulfilled'; value?: T };

interface Entry {
  promise: TrackedPromise<ViewComponent>;
}

const entries = new Map<string, Entry>();

/** Starts fetching a view's module (once); null for the timeline, which has none. */
export function preloadView(view: TraceViewDefinition): Promise<ViewComponent> | null {
  const { load } = view;
  if (!load) return null;
  const known = entries.get(view.id);
  if (known) return known.promise;
  const promise: TrackedPromise<ViewComponent> = load().then(
    (module) => {
      promise.status = 'fulfilled';
      promise.value = module.default;
      return module.default;
    },
    (error: unknown) => {
      // A failed fetch (a deploy replaced the chunk, the network dropped) is tried again next time.
      entries.delete(view.id);
      throw error;
    },
  );
  entries.set(view.id, { promise });
  return promise;
}

/** The view's component: at once when its module is here, else it suspends until it is. */
export function useViewComponent(view: TraceViewDefinition): ViewComponent | null {
  const promise = preloadView(view);
  // use() on every render, loaded or not: a component that suspended on it must call it again
  // when it resumes, and a fulfilled promise is unwrapped without suspending.
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
