/**
 * recharts is a third of the bundle and only a page with results needs it, so the plot is its own
 * chunk. The search page preloads it while a search runs, so results never wait for it.
 */
import { lazy } from 'react';

const load = () => import('./TraceScatterPlot').then((m) => ({ default: m.TraceScatterPlot }));

export const LazyTraceScatterPlot = lazy(load);

export function preloadScatterPlot(): void {
  void load();
}
