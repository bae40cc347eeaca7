/**
 * The views of the trace page. The timeline is the page itself; every other view is a component
 * loaded on first use (so the flame graph or the statistics table cost nothing until opened) that
 * reads the open trace from the TraceViewContext and asks the worker for what it shows.
 * The view in use is `?view=<id>` in the URL, so a shared link opens the same view.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface TraceViewProps {
  /** Switches to the timeline with this span selected and scrolled into view. */
  onOpenInTimeline(row: number): void;
}

export interface TraceViewDefinition {
  id: string;
  label: string;
  /** Absent for the timeline, which TraceView renders itself. */
  Component?: LazyExoticComponent<ComponentType<TraceViewProps>>;
}

export const TIMELINE_VIEW = 'timeline';

/**
 * In switcher order. Add a view: a folder under views/ whose module default-exports the
 * component, and an entry here with `Component: lazy(() => import('./<name>/<Name>View'))`.
 */
export const TRACE_VIEWS: readonly TraceViewDefinition[] = [
  { id: TIMELINE_VIEW, label: 'Timeline' },
  { id: 'statistics', label: 'Statistics', Component: lazy(() => import('./statistics/StatisticsView')) },
  { id: 'spans', label: 'Spans', Component: lazy(() => import('./spans/SpansView')) },
  { id: 'flame', label: 'Flame graph', Component: lazy(() => import('./flame/FlameView')) },
  { id: 'graph', label: 'Trace graph', Component: lazy(() => import('./graph/TraceGraphView')) },
  { id: 'events', label: 'Events', Component: lazy(() => import('./events/EventsView')) },
  { id: 'json', label: 'JSON', Component: lazy(() => import('./json/JsonView')) },
];

export function traceViewById(id: string | null): TraceViewDefinition {
  return TRACE_VIEWS.find((v) => v.id === id) ?? TRACE_VIEWS[0];
}
