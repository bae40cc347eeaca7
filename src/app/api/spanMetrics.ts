/**
 * Jaeger's SPM API (`/api/metrics/{latencies,calls,errors}`): fetchers and query options, shared
 * by the Monitor tab and the span-level charts of the trace page. The answer is a bare
 * MetricFamily (jsonpb, not the v1 envelope) but errors — the 501 without a metrics backend,
 * 400s, 500s — are v1 envelopes, which getJaegerJson turns into ApiErrors whose message is the
 * backend's own text.
 */
import { queryOptions } from '@tanstack/react-query';
import { ApiError, isApiError } from './apiError';
import { getJaegerJson, isJsonObject } from './jaegerFetch';

export type MetricKind = 'latencies' | 'calls' | 'errors';

/** One time series; `value` is null where the backend wrote NaN (no calls in that window). */
export interface MetricSeries {
  /** The `operation` label, or null for a per-service series. */
  operation: string | null;
  points: { t: number; value: number | null }[];
}

export interface MetricsWindow {
  service: string;
  spanKind: string;
  /** Epoch ms, the right edge of the charts. */
  endMs: number;
  lookbackMs: number;
  stepMs: number;
}

/** Jaeger UI's rate window (10 min): each point is a rate over the 10 minutes before it. */
export const RATE_PER_MS = 600_000;

/** About 60–120 points per chart whatever the range, never finer than 15 s. */
export function stepFor(lookbackMs: number): number {
  return Math.max(15_000, Math.round(lookbackMs / 60 / 15_000) * 15_000);
}

function toNumber(raw: unknown): number | null {
  // jsonpb writes NaN and the infinities as strings.
  const n = typeof raw === 'string' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Reads a MetricFamily JSON body into series, tolerating fields jsonpb leaves out. */
export function parseMetricFamily(body: unknown, url: string): MetricSeries[] {
  if (!isJsonObject(body) || (body.metrics !== undefined && !Array.isArray(body.metrics))) {
    throw new ApiError(`The backend at ${url} sent metrics that could not be read.`, 200, url);
  }
  const metrics: unknown[] = Array.isArray(body.metrics) ? body.metrics : [];
  return metrics.filter(isJsonObject).map((m) => {
    const labels = Array.isArray(m.labels) ? m.labels.filter(isJsonObject) : [];
    const op = labels.find((l) => l.name === 'operation');
    const rawPoints = Array.isArray(m.metricPoints) ? m.metricPoints.filter(isJsonObject) : [];
    const points = rawPoints.map((p) => ({
      t: typeof p.timestamp === 'string' ? Date.parse(p.timestamp) : NaN,
      value: toNumber(isJsonObject(p.gaugeValue) ? p.gaugeValue.doubleValue : undefined),
    }));
    return {
      operation: op && typeof op.value === 'string' ? op.value : null,
      points: points.filter((p) => Number.isFinite(p.t)),
    };
  });
}

export interface MetricOptions {
  quantile?: number;
  groupByOperation?: boolean;
}

export function metricsParams(w: MetricsWindow, options: MetricOptions = {}): URLSearchParams {
  const params = new URLSearchParams({ service: w.service, spanKind: w.spanKind });
  if (options.quantile !== undefined) params.set('quantile', String(options.quantile));
  if (options.groupByOperation) params.set('groupByOperation', 'true');
  params.set('endTs', String(w.endMs));
  params.set('lookback', String(w.lookbackMs));
  params.set('step', String(w.stepMs));
  params.set('ratePer', String(RATE_PER_MS));
  return params;
}

export async function fetchMetric(
  kind: MetricKind,
  w: MetricsWindow,
  options: MetricOptions = {},
  signal?: AbortSignal,
): Promise<MetricSeries[]> {
  const { url, body } = await getJaegerJson(`api/metrics/${kind}`, metricsParams(w, options), signal);
  return parseMetricFamily(body, url);
}

export function metricQueryOptions(kind: MetricKind, w: MetricsWindow, options: MetricOptions = {}) {
  return queryOptions({
    queryKey: ['metrics', kind, w, options] as const,
    queryFn: ({ signal }) => fetchMetric(kind, w, options, signal),
    staleTime: 30_000,
  });
}

/** Jaeger's 501: the backend runs without a metrics store. */
export function isMetricsDisabled(error: unknown): boolean {
  return isApiError(error) && error.status === 501;
}
