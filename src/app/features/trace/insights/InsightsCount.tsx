import { useInsightsPanel } from './insightsPanelStore';
import { useTraceInsights } from './useTraceInsights';

/** The number of findings, for the trace header: a button that opens the Insights strip. */
export function InsightsCount() {
  const state = useTraceInsights();
  const openAndFocus = useInsightsPanel((s) => s.openAndFocus);
  if (state.status === 'loading') return <span className="insights-count insights-count--pending">…</span>;
  if (state.status === 'failed') return <span title={state.message}>—</span>;
  const count = state.insights.length;
  return (
    <button
      type="button"
      className="link-button insights-count"
      onClick={openAndFocus}
      aria-label={`${count === 1 ? '1 insight' : `${count} insights`}: show them`}
    >
      {count}
    </button>
  );
}
