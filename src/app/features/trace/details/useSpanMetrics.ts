import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { shouldRetry } from '../../../api/queryClient';
import { isMetricsDisabled, metricQueryOptions } from '../../../api/spanMetrics';
import {
  spanMetricsRows,
  spanMetricsWindow,
  type SpanMetricsRow,
  type SpanMetricsSubject,
} from './spanMetrics';

export type SpanMetricsState =
  | { status: 'loading' }
  /** The backend has no metrics store (Jaeger's 501): the section is not shown at all. */
  | { status: 'disabled' }
  | { status: 'error'; message: string }
  | { status: 'ready'; rows: SpanMetricsRow[] };

/** A backend without metrics says so at once: asking again only delays hiding the section. */
const retry = (failures: number, error: unknown) => !isMetricsDisabled(error) && shouldRetry(failures, error);

/** The operation's p95, call rate and error rate around the span, from /api/metrics/*. */
export function useSpanMetrics(subject: SpanMetricsSubject) {
  // "Now" as of opening the span: the window stays put while the details are shown.
  const [openedAt] = useState(() => Date.now());
  const range = spanMetricsWindow(subject, openedAt);
  const byOperation = { groupByOperation: true };
  const state = useQueries({
    queries: [
      metricQueryOptions('latencies', range, { ...byOperation, quantile: 0.95 }),
      metricQueryOptions('calls', range, byOperation),
      metricQueryOptions('errors', range, byOperation),
    ].map((query) => ({ ...query, retry })),
    combine: (results): SpanMetricsState => {
      const error = results.find((r) => r.error)?.error;
      if (error) {
        return isMetricsDisabled(error)
          ? { status: 'disabled' }
          : { status: 'error', message: error.message };
      }
      const [p95, calls, errors] = results.map((r) => r.data);
      if (!p95 || !calls || !errors) return { status: 'loading' };
      return { status: 'ready', rows: spanMetricsRows(subject.operation, p95, calls, errors) };
    },
  });
  return { state, range };
}
