/**
 * The metrics backend behind `/api/metrics/*`, as Jaeger's metricstore.Reader: the embedded one
 * (computed from ingested spans) and the Prometheus one (Jaeger's own PromQL) answer alike.
 */
import { formatGoFixed2 } from './goStrconv';
import type { MetricFamily } from './metricFamily';

/** Jaeger's BaseQueryParameters, after parsing and defaults. Times in milliseconds. */
export interface MetricsQuery {
  services: string[];
  groupByOperation: boolean;
  /** SPAN_KIND_* values; never empty once parsed (default SPAN_KIND_SERVER). */
  spanKinds: string[];
  endMs: number;
  lookbackMs: number;
  stepMs: number;
  ratePerMs: number;
}

export interface LatenciesQuery extends MetricsQuery {
  quantile: number;
}

export interface MetricsReader {
  getLatencies(query: LatenciesQuery): Promise<MetricFamily>;
  getCallRates(query: MetricsQuery): Promise<MetricFamily>;
  getErrorRates(query: MetricsQuery): Promise<MetricFamily>;
  /** Smallest step between points, in milliseconds (Jaeger's Prometheus reader: 1 ms). */
  getMinStepDuration(): Promise<number>;
}

/** A backend failure: the API answers 500 with this message, as Jaeger does. */
export class MetricsQueryError extends Error {
  override name = 'MetricsQueryError';
}

export type MetricKind = 'latencies' | 'calls' | 'errors';

/** MetricFamily name and help exactly as Jaeger's reader builds them. */
export function familyDescriptor(
  kind: MetricKind,
  groupByOperation: boolean,
  quantile = 0,
): { name: string; help: string } {
  let name: string;
  let help: string;
  switch (kind) {
    case 'latencies':
      name = 'service_latencies';
      help = `${formatGoFixed2(quantile)}th quantile latency, grouped by service`;
      break;
    case 'calls':
      name = 'service_call_rate';
      help = 'calls/sec, grouped by service';
      break;
    case 'errors':
      name = 'service_error_rate';
      help = 'error rate, computed as a fraction of errors/sec over calls/sec, grouped by service';
      break;
  }
  if (groupByOperation) {
    name = name.replace('service', 'service_operation');
    help += ' & operation';
  }
  return { name, help };
}

function wrap(prefix: string, err: unknown): never {
  if (err instanceof MetricsQueryError) throw new MetricsQueryError(`${prefix}: ${err.message}`);
  throw err;
}

/**
 * Jaeger's GetErrorRates: the errors/calls ratio; when it has no series at all, the call-rate
 * series with every value 0 (there were calls but no errors), keeping the error family's name.
 */
export async function errorRatesWithFallback(
  errorRates: () => Promise<MetricFamily>,
  callRates: () => Promise<MetricFamily>,
): Promise<MetricFamily> {
  const errors = await errorRates().catch((err: unknown) => wrap('failed getting error metrics', err));
  if (errors.metrics.length > 0) return errors;
  const calls = await callRates().catch((err: unknown) => wrap('failed getting call metrics', err));
  if (calls.metrics.length === 0) return errors;
  return {
    ...errors,
    metrics: calls.metrics.map((m) => ({
      labels: m.labels,
      metricPoints: m.metricPoints.map((p) => ({ timestampMs: p.timestampMs, value: 0 })),
    })),
  };
}
