import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { DetailsSection } from './DetailsSection';
import { monitorUrl, tracesUrl, type SpanMetricsSubject } from './spanMetrics';
import { useSpanMetrics } from './useSpanMetrics';

// recharts is loaded only when a span with metrics is opened: the trace page stays small.
const SpanMetricsChart = lazy(() => import('./SpanMetricsChart'));

/**
 * The span's operation as the Monitor tab sees it: p95 latency, request rate and error rate in
 * the hour around the span, with links to the Monitor tab and to this operation's traces. Not
 * shown at all when the backend has no metrics store.
 */
export function SpanMetricsSection({ subject }: { subject: SpanMetricsSubject }) {
  const { state, range } = useSpanMetrics(subject);
  if (state.status === 'disabled') return null;
  return (
    <DetailsSection title="Operation metrics">
      {state.status === 'loading' && (
        <p className="span-metrics__note" role="status">
          Loading the metrics of {subject.operation}…
        </p>
      )}
      {state.status === 'error' && (
        <p className="span-metrics__note" role="alert">
          The metrics could not be loaded: {state.message}
        </p>
      )}
      {state.status === 'ready' && state.rows.length === 0 && (
        <p className="span-metrics__note">
          No span metrics for {subject.service} · {subject.operation} in the hour around this span. They are
          recorded as spans arrive, so older traces may have none.
        </p>
      )}
      {state.status === 'ready' && state.rows.length > 0 && (
        <Suspense fallback={<p className="span-metrics__note">Drawing the charts…</p>}>
          <SpanMetricsChart
            rows={state.rows}
            spanStartMs={subject.startMs}
            fromMs={range.endMs - range.lookbackMs}
            toMs={range.endMs}
          />
        </Suspense>
      )}
      <p className="span-metrics__links">
        <Link to={monitorUrl(subject)}>Monitor {subject.service}</Link>
        <Link to={tracesUrl(subject, range)}>Traces of this operation in this hour</Link>
      </p>
    </DetailsSection>
  );
}
