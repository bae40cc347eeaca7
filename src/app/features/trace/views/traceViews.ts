/**
 * The views of the trace page. The timeline is the page itself; every other view is a module of
 * its own (so the flame graph or the statistics table cost nothing at first paint), fetched when
 * the browser is idle or a tab is pointed at (viewModules.ts), that reads the open trace from the
 * TraceViewContext and asks the worker for what it shows.
 * The view in use is `?view=<id>` in the URL, so a shared link opens the same view.
 */
import type { ComponentType } from 'react';

export interface TraceViewProps {
  /** Switches to the timeline with this span selected and scrolled into view. */
  onOpenInTimeline(row: number): void;
}

export interface TraceViewModule {
  default: ComponentType<TraceViewProps>;
}

export interface TraceViewDefinition {
  id: string;
  label: string;
  /** Fetches the view's module; absent for the timeline, which TraceView renders itself. */
  load?: () => Promise<TraceViewModule>;
}

export const TIMELINE_VIEW = 'timeline';

/**
 * In switcher order. Add a view: a folder under views/ whose module default-exports the
 * component, and an entry here with `load: () => import('./<name>/<Name>View')`.
 */
export const TRACE_VIEWS: readonly TraceViewDefinition[] = [
  { id: TIMELINE_VIEW, label: 'Timeline' },
  { id: 'statistics', label: 'Statistics', load: () => import('./statistics/StatisticsView') },
  { id: 'spans', label: 'Spans', load: () => import('./spans/SpansView') },
  { id: 'flame', label: 'Flame graph', load: () => import('./flame/FlameView') },
  { id: 'graph', label: 'Trace graph', load: () => import('./graph/TraceGraphView') },
  { id: 'events', label: 'Events', load: () => import('./events/EventsView') },
  { id: 'json', label: 'JSON', load: () => import('./json/JsonView') },
];

export function traceViewById(id: string | null): TraceViewDefinition {
  return TRACE_VIEWS.find((v) => v.id === id) ?? TRACE_VIEWS[0];
}
