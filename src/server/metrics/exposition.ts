/**
 * `GET /metrics`: the aggregator's cumulative counts in the Prometheus text format 0.0.4, under
 * the names and labels the spanmetrics connector gets through Jaeger's SPM pipeline
 * (connector → prometheus exporter), so a Prometheus scraping us can be queried with Jaeger's
 * own PromQL (`metrics_backend: prometheus`).
 */
import type { ServerResponse } from 'node:http';
import type { SpanMetricsAggregator, SpanMetricsSeries } from './aggregator';
import { formatGoFloatG } from './goStrconv';
import { DEFAULT_BUCKETS_MS } from './histogram';
import { callsMetricName, latencyMetricName, SPM_NAMING } from './promql';

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const CALLS = callsMetricName(SPM_NAMING);
const DURATION = latencyMetricName(SPM_NAMING);

/** Label values escape backslash, double quote and line feed. */
const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

const LE = [...DEFAULT_BUCKETS_MS.map(formatGoFloatG), '+Inf'];

const compare = (a: SpanMetricsSeries, b: SpanMetricsSeries) =>
  Buffer.compare(
    Buffer.from(`${a.service}\u0000${a.spanName}\u0000${a.spanKind}\u0000${a.statusCode}`),
    Buffer.from(`${b.service}\u0000${b.spanName}\u0000${b.spanKind}\u0000${b.statusCode}`),
  );

function labels(s: SpanMetricsSeries): string {
  return (
    `service_name="${escapeLabel(s.service)}",span_name="${escapeLabel(s.spanName)}",` +
    `span_kind="${s.spanKind}",status_code="${s.statusCode}"`
  );
}

/** The exposition text, series in a stable order; families are present even when empty. */
export function renderExposition(series: readonly SpanMetricsSeries[]): string {
  const sorted = [...series].sort(compare);
  const lines = [
    `# HELP ${CALLS} Spans completed, by service, span name, span kind and status code.`,
    `# TYPE ${CALLS} counter`,
  ];
  for (const s of sorted) lines.push(`${CALLS}{${labels(s)}} ${formatGoFloatG(s.calls)}`);
  lines.push(
    `# HELP ${DURATION} Span durations in milliseconds, by service, span name, span kind and status code.`,
    `# TYPE ${DURATION} histogram`,
  );
  for (const s of sorted) {
    const l = labels(s);
    let cumulative = 0;
    for (let i = 0; i < LE.length; i++) {
      cumulative += s.buckets[i];
      lines.push(`${DURATION}_bucket{${l},le="${LE[i]}"} ${formatGoFloatG(cumulative)}`);
    }
    lines.push(`${DURATION}_sum{${l}} ${formatGoFloatG(s.sumMs)}`);
    lines.push(`${DURATION}_count{${l}} ${formatGoFloatG(s.calls)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the exposition (the body is skipped for HEAD by Node itself). */
export function sendExposition(res: ServerResponse, aggregator: SpanMetricsAggregator): void {
  const text = renderExposition(aggregator.allSeries());
  res.writeHead(200, { 'Content-Type': EXPOSITION_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
