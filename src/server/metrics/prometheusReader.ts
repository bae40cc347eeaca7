/**
 * Jaeger's Prometheus metrics reader: its PromQL as a range query against `/api/v1/query_range`
 * (POST form, GET when the server refuses POST, as client_golang does), the matrix translated
 * into a MetricFamily (`span_name` → `operation`), and its error-rate fallback.
 */
import { posix } from 'node:path';
import type { Metric, MetricFamily, MetricLabel } from './metricFamily';
import { buildPromQuery, SPM_NAMING, type PromNaming } from './promql';
import {
  errorRatesWithFallback,
  familyDescriptor,
  MetricsQueryError,
  type LatenciesQuery,
  type MetricKind,
  type MetricsQuery,
  type MetricsReader,
} from './reader';

export interface PrometheusReaderOptions extends Partial<PromNaming> {
  /** Base URL of Prometheus (or anything speaking its HTTP API), e.g. http://localhost:9090. */
  url: string;
  /** Added to every request's query string (Jaeger's extra_query_parameters). */
  extraQueryParameters?: Record<string, string>;
  /** Whole-request timeout; Jaeger's connect timeout defaults to 30 s. */
  timeoutMs?: number;
  /** Prometheus answered with warnings; Jaeger logs them and uses the data. */
  onWarnings?: (warnings: string[], query: string) => void;
}

/** The minimum step Jaeger reports for Prometheus (its minStep constant). */
const MIN_STEP_MS = 1;

/** Seconds with millisecond decimals, as client_golang formats range times and steps. */
function seconds(ms: number): string {
  const neg = ms < 0;
  const abs = Math.abs(Math.trunc(ms));
  const frac = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${neg ? '-' : ''}${Math.floor(abs / 1000)}${frac ? `.${frac}` : ''}`;
}

/** A sample value as Prometheus writes it: a decimal string, or NaN, +Inf, -Inf. */
function sampleValue(text: unknown): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return typeof text === 'string' ? Number(text) : NaN;
}

interface PromResponse {
  status?: string;
  errorType?: string;
  error?: string;
  warnings?: string[];
  data?: { resultType?: string; result?: unknown };
}

interface MatrixSeries {
  metric?: Record<string, string>;
  values?: [number, string][];
}

/** client_golang's api.Client.Do error rules, giving `<type>: <message>` strings. */
function checkResponse(status: number, text: string): PromResponse {
  const apiError = status === 400 || status === 422 || status === 503;
  if (Math.floor(status / 100) !== 2 && !apiError) {
    const type = status >= 500 ? 'server_error' : 'client_error';
    throw new Error(`${type}: ${status >= 500 ? 'server' : 'client'} error: ${status}`);
  }
  let body: PromResponse = {};
  if (status !== 204) {
    try {
      body = JSON.parse(text) as PromResponse;
    } catch (err) {
      throw new Error(`bad_response: ${(err as Error).message}`, { cause: err });
    }
  }
  if (body.status === 'error') throw new Error(`${body.errorType ?? ''}: ${body.error ?? ''}`);
  if (apiError && body.status === 'success')
    throw new Error('bad_response: inconsistent body for response code');
  return body;
}

function toMetrics(result: unknown): Metric[] {
  return (Array.isArray(result) ? (result as MatrixSeries[]) : []).map((series) => ({
    labels: Object.entries(series.metric ?? {}).map(([name, value]): MetricLabel => ({
      name: name === 'span_name' ? 'operation' : name,
      value,
    })),
    metricPoints: (series.values ?? []).map(([ts, v]) => ({
      timestampMs: Math.round(Number(ts) * 1000),
      value: sampleValue(v),
    })),
  }));
}

export function createPrometheusReader(options: PrometheusReaderOptions): MetricsReader {
  const naming: PromNaming = {
    metricNamespace: options.metricNamespace ?? SPM_NAMING.metricNamespace,
    latencyUnit: options.latencyUnit ?? SPM_NAMING.latencyUnit,
    normalizeCalls: options.normalizeCalls ?? SPM_NAMING.normalizeCalls,
    normalizeDuration: options.normalizeDuration ?? SPM_NAMING.normalizeDuration,
  };
  const endpoint = new URL(options.url);
  endpoint.pathname = posix.join(endpoint.pathname, '/api/v1/query_range');
  for (const [k, v] of Object.entries(options.extraQueryParameters ?? {})) endpoint.searchParams.append(k, v);
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function send(form: URLSearchParams): Promise<{ status: number; text: string }> {
    const post = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (post.status !== 405 && post.status !== 501) return { status: post.status, text: await post.text() };
    await post.body?.cancel();
    const url = new URL(endpoint);
    for (const [k, v] of form) url.searchParams.append(k, v);
    const get = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: get.status, text: await get.text() };
  }

  async function queryRange(promQuery: string, q: MetricsQuery): Promise<unknown> {
    const form = new URLSearchParams({
      query: promQuery,
      start: seconds(q.endMs - q.lookbackMs),
      end: seconds(q.endMs),
      step: seconds(q.stepMs),
    });
    let response: { status: number; text: string };
    try {
      response = await send(form);
    } catch (err) {
      const e = err as Error & { cause?: Error };
      const why = e.name === 'TimeoutError' ? 'context deadline exceeded' : (e.cause?.message ?? e.message);
      throw new Error(`Post ${JSON.stringify(endpoint.href)}: ${why}`, { cause: err });
    }
    const body = checkResponse(response.status, response.text);
    if (body.warnings?.length) options.onWarnings?.(body.warnings, promQuery);
    return body.data;
  }

  /** Jaeger's executeQuery: one range query, translated; failures become 500s. */
  async function execute(kind: MetricKind, q: MetricsQuery | LatenciesQuery): Promise<MetricFamily> {
    const { name, help } = familyDescriptor(kind, q.groupByOperation, 'quantile' in q ? q.quantile : 0);
    let data: unknown;
    try {
      data = await queryRange(buildPromQuery(kind, naming, q), q);
    } catch (err) {
      throw new MetricsQueryError(`failed executing metrics query: ${(err as Error).message}`);
    }
    const { resultType, result } = (data ?? {}) as { resultType?: string; result?: unknown };
    if (resultType !== 'matrix') throw new MetricsQueryError(`unexpected metrics ValueType: ${resultType}`);
    return { name, type: 'GAUGE', help, metrics: toMetrics(result) };
  }

  return {
    getLatencies: (q) => execute('latencies', q),
    getCallRates: (q) => execute('calls', q),
    getErrorRates: (q) =>
      errorRatesWithFallback(
        () => execute('errors', q),
        () => execute('calls', q),
      ),
    getMinStepDuration: async () => MIN_STEP_MS,
  };
}
