/**
 * The span-level metrics of the span details: rate, errors and p95 latency of the span's service
 * and operation (Jaeger's SPM API, grouped by operation) in the hour around the span's start.
 */
import { SpanKind, spanKindNames } from '../../../../core/model/trace';
import type { MetricSeries, MetricsWindow } from '../../../api/spanMetrics';

export const SPAN_METRICS_LOOKBACK_MS = 3_600_000;
export const SPAN_METRICS_STEP_MS = 60_000;

export interface SpanMetricsSubject {
  service: string;
  operation: string;
  kind: SpanKind;
  /** Epoch ms of the span's start. */
  startMs: number;
}

/** The SPM API's kind: a span without one counts as internal, as the spanmetrics connector files it. */
export function metricsSpanKind(kind: SpanKind): string {
  return kind === SpanKind.Unspecified ? 'internal' : spanKindNames[kind];
}

/**
 * Half an hour either side of the span (up to now), on whole minutes so that the spans of one
 * operation in a trace share one cached query.
 */
export function spanMetricsWindow(subject: SpanMetricsSubject, nowMs: number): MetricsWindow {
  const wanted = subject.startMs + SPAN_METRICS_LOOKBACK_MS / 2;
  const endMs = Math.ceil(Math.min(nowMs, wanted) / SPAN_METRICS_STEP_MS) * SPAN_METRICS_STEP_MS;
  return {
    service: subject.service,
    spanKind: metricsSpanKind(subject.kind),
    endMs,
    lookbackMs: SPAN_METRICS_LOOKBACK_MS,
    stepMs: SPAN_METRICS_STEP_MS,
  };
}

export interface SpanMetricsRow {
  t: number;
  /** Milliseconds. */
  p95: number | null;
  /** Requests per second. */
  rate: number | null;
  /** Percent of calls. */
  errorPct: number | null;
}

const pointsOf = (series: readonly MetricSeries[], operation: string) =>
  series.find((s) => s.operation === operation)?.points ?? [];

/** The operation's three series merged by time; empty when the backend has nothing for it. */
export function spanMetricsRows(
  operation: string,
  p95: readonly MetricSeries[],
  calls: readonly MetricSeries[],
  errors: readonly MetricSeries[],
): SpanMetricsRow[] {
  const rows = new Map<number, SpanMetricsRow>();
  const row = (t: number) => {
    let r = rows.get(t);
    if (!r) rows.set(t, (r = { t, p95: null, rate: null, errorPct: null }));
    return r;
  };
  for (const p of pointsOf(p95, operation)) row(p.t).p95 = p.value;
  for (const p of pointsOf(calls, operation)) row(p.t).rate = p.value;
  for (const p of pointsOf(errors, operation)) row(p.t).errorPct = p.value === null ? null : p.value * 100;
  const sorted = [...rows.values()].sort((a, b) => a.t - b.t);
  return sorted.some((r) => r.p95 !== null || r.rate !== null) ? sorted : [];
}

/** The Monitor tab on this service and kind, over the last hour. */
export function monitorUrl(subject: SpanMetricsSubject): string {
  const params = new URLSearchParams({ service: subject.service, spanKind: metricsSpanKind(subject.kind) });
  params.set('lookback', '1h');
  return `/monitor?${params}`;
}

/** The search page for this operation in the window, as the Monitor tab's drill-down opens it. */
export function tracesUrl(subject: SpanMetricsSubject, window: MetricsWindow): string {
  const params = new URLSearchParams({ service: subject.service, operation: subject.operation });
  params.set('lookback', 'custom');
  params.set('start', String((window.endMs - window.lookbackMs) * 1000));
  params.set('end', String(window.endMs * 1000));
  return `/search?${params}`;
}
