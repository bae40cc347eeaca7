/**
 * The Monitor tab's requests: every chart and the operations table, fetched in parallel the way
 * Jaeger UI does, on the shared SPM client (api/spanMetrics.ts).
 */
import { useQueries } from '@tanstack/react-query';
import { metricQueryOptions, type MetricSeries, type MetricsWindow } from '../../../api/spanMetrics';

export const QUANTILES = [0.5, 0.75, 0.95] as const;

/** Everything the Monitor tab shows, fetched in parallel the way Jaeger UI does (8 requests). */
export function monitorQueries(w: MetricsWindow) {
  return [
    ...QUANTILES.map((quantile) => metricQueryOptions('latencies', w, { quantile })),
    metricQueryOptions('calls', w),
    metricQueryOptions('errors', w),
    metricQueryOptions('latencies', w, { quantile: 0.95, groupByOperation: true }),
    metricQueryOptions('calls', w, { groupByOperation: true }),
    metricQueryOptions('errors', w, { groupByOperation: true }),
  ];
}

export interface MonitorData {
  p50: MetricSeries[];
  p75: MetricSeries[];
  p95: MetricSeries[];
  calls: MetricSeries[];
  errors: MetricSeries[];
  opP95: MetricSeries[];
  opCalls: MetricSeries[];
  opErrors: MetricSeries[];
}

export function useMonitorMetrics(w: MetricsWindow | null) {
  return useQueries({
    queries: (w ? monitorQueries(w) : []).map((q) => ({ ...q })),
    combine: (results) => {
      const error = results.find((r) => r.error)?.error ?? null;
      const done = results.filter((r) => r.isSuccess).length;
      const [p50, p75, p95, calls, errors, opP95, opCalls, opErrors] = results.map((r) => r.data ?? []);
      const data: MonitorData | null =
        results.length > 0 && done === results.length
          ? { p50, p75, p95, calls, errors, opP95, opCalls, opErrors }
          : null;
      return {
        data,
        error,
        done,
        total: results.length,
        isFetching: results.some((r) => r.isFetching),
        refetch: () => results.forEach((r) => void r.refetch()),
      };
    },
  });
}
