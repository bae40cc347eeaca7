import { createElement, Suspense, useEffect, type ReactNode } from 'react';
import { prewarmLayoutWorker } from '../../../components/graph/layoutClient';
import { LoadingView } from '../../../components/StatusViews';
import { TRACE_VIEWS, type TraceViewDefinition, type TraceViewProps } from './traceViews';
import { preloadViewsWhenIdle, useViewComponent } from './viewModules';

/** After the trace is drawn and its first background work has started. */
const LAYOUT_WARM_UP_DELAY_MS = 1500;

interface TraceViewPanelProps extends TraceViewProps {
  view: TraceViewDefinition;
  /** The timeline, which the trace page draws itself. */
  timeline: ReactNode;
  /** Fetch the other views' modules when idle (not when embedded: there is only the timeline). */
  preload?: boolean;
}

/**
 * What the selected view shows, inside one Suspense boundary for every view. A switch is a
 * router transition, so while a view whose module has not arrived yet waits, the previous view
 * stays on screen (the switcher marks the tab busy) instead of a blank fallback; the fallback
 * shows only when the page opens on such a view. Once the trace is drawn, the other views'
 * modules are fetched in idle time, so switching later renders at once.
 */
export function TraceViewPanel({ view, timeline, onOpenInTimeline, preload = true }: TraceViewPanelProps) {
  useEffect(() => {
    if (!preload) return undefined;
    const stopPreloading = preloadViewsWhenIdle(TRACE_VIEWS);
    // The trace graph's first layout would otherwise load and compile ELK on the click.
    const warmUp = setTimeout(prewarmLayoutWorker, LAYOUT_WARM_UP_DELAY_MS);
    return () => {
      stopPreloading();
      clearTimeout(warmUp);
    };
  }, [preload]);
  return (
    <Suspense fallback={<LoadingView label={`Opening the ${view.label.toLowerCase()} view`} />}>
      {view.load ? <OtherView key={view.id} view={view} onOpenInTimeline={onOpenInTimeline} /> : timeline}
    </Suspense>
  );
}

function OtherView({ view, onOpenInTimeline }: TraceViewProps & { view: TraceViewDefinition }) {
  const Component = useViewComponent(view);
  // A module's default export, the same object on every render (not a component made here).
  return Component ? createElement(Component, { onOpenInTimeline }) : null;
}
