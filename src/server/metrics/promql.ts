/**
 * Jaeger's SPM PromQL (internal/storage/metricstore/prometheus/metricstore/reader.go), built
 * character for character: same metric names, filters, group-by lists and range syntax.
 */
import { formatGoFixed2, strconvQuote } from './goStrconv';
import { promqlDuration } from './goTime';
import type { LatenciesQuery, MetricKind, MetricsQuery } from './reader';

export interface PromNaming {
  /** Prefix of the connector's metrics; Jaeger's default `traces_span_metrics`. */
  metricNamespace: string;
  latencyUnit: 'ms' | 's';
  /** `_total` suffix on the calls counter, as Prometheus exporters add it. */
  normalizeCalls: boolean;
  /** `_milliseconds`/`_seconds` suffix on the duration histogram. */
  normalizeDuration: boolean;
}

/** Jaeger's config-spm.yaml: what the connector → Prometheus exporter pipeline produces. */
export const SPM_NAMING: PromNaming = Object.freeze({
  metricNamespace: 'traces_span_metrics',
  latencyUnit: 'ms',
  normalizeCalls: true,
  normalizeDuration: true,
});

export function callsMetricName(n: PromNaming): string {
  const name = n.metricNamespace ? `${n.metricNamespace}_calls` : 'calls';
  return n.normalizeCalls ? `${name}_total` : name;
}

export function latencyMetricName(n: PromNaming): string {
  const name = n.metricNamespace ? `${n.metricNamespace}_duration` : 'duration';
  if (!n.normalizeDuration) return name;
  return `${name}_${n.latencyUnit === 's' ? 'seconds' : 'milliseconds'}`;
}

/**
 * The query Jaeger sends for one metric kind. The service list is joined with `|` into a regex
 * and quoted Go-style (%q); the span kinds become a `span_kind =~` regex; `ratePer` is rendered
 * by promqlDuration, Jaeger's truncating formatter.
 */
export function buildPromQuery(
  kind: MetricKind,
  naming: PromNaming,
  q: MetricsQuery | LatenciesQuery,
): string {
  const groupBy = ['service_name'];
  if (q.groupByOperation) groupBy.push('span_name');
  if (kind === 'latencies') groupBy.push('le');
  const by = groupBy.join(',');
  const kinds = q.spanKinds.length ? `span_kind =~ "${q.spanKinds.join('|')}"` : '';
  const services = strconvQuote(q.services.join('|'));
  const rate = promqlDuration(q.ratePerMs);
  const calls = callsMetricName(naming);
  switch (kind) {
    case 'latencies': {
      const quantile = formatGoFixed2('quantile' in q ? q.quantile : 0);
      const metric = `${latencyMetricName(naming)}_bucket`;
      return `histogram_quantile(${quantile}, sum(rate(${metric}{service_name =~ ${services}, ${kinds}}[${rate}])) by (${by}))`;
    }
    case 'calls':
      return `sum(rate(${calls}{service_name =~ ${services}, ${kinds}}[${rate}])) by (${by})`;
    case 'errors':
      return (
        `sum(rate(${calls}{service_name =~ ${services}, status_code = "STATUS_CODE_ERROR", ${kinds}}[${rate}])) by (${by})` +
        ` / sum(rate(${calls}{service_name =~ ${services}, ${kinds}}[${rate}])) by (${by})`
      );
  }
}
