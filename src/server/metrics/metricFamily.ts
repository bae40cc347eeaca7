/**
 * Jaeger's `metrics.MetricFamily` (internal/proto/metrics/openmetrics.proto) as the metrics API
 * returns it, and its JSON the way gogo jsonpb writes it: field order of the proto, zero values
 * left out (except inside the value oneof), NaN and infinities as strings, RFC 3339 timestamps.
 */
import { formatGoJsonFloat } from './goStrconv';
import { formatProtoTimestamp } from './goTime';

export interface MetricLabel {
  name: string;
  value: string;
}

export interface MetricPoint {
  /** Epoch milliseconds (Prometheus's resolution). */
  timestampMs: number;
  value: number;
}

export interface Metric {
  labels: MetricLabel[];
  metricPoints: MetricPoint[];
}

export interface MetricFamily {
  name: string;
  /** Always GAUGE: latencies and rates go up and down. */
  type: 'GAUGE';
  help: string;
  metrics: Metric[];
}

type Json = string | { [key: string]: Json } | Json[];

function double(v: number): string {
  if (Number.isNaN(v)) return '"NaN"';
  if (v === Infinity) return '"Infinity"';
  if (v === -Infinity) return '"-Infinity"';
  return formatGoJsonFloat(v);
}

/** The JSON tree with numbers already rendered, so the writer below only does layout. */
function tree(family: MetricFamily): Json {
  const out: Record<string, Json> = {};
  if (family.name) out.name = JSON.stringify(family.name);
  out.type = '"GAUGE"';
  if (family.help) out.help = JSON.stringify(family.help);
  // The translator always allocates the slice, so an empty result is still "metrics":[].
  out.metrics = family.metrics.map((m) => {
    const metric: Record<string, Json> = {};
    if (m.labels.length)
      metric.labels = m.labels.map((l) => {
        const label: Record<string, Json> = {};
        if (l.name) label.name = JSON.stringify(l.name);
        if (l.value) label.value = JSON.stringify(l.value);
        return label;
      });
    if (m.metricPoints.length)
      metric.metricPoints = m.metricPoints.map((p) => ({
        gaugeValue: { doubleValue: double(p.value) },
        timestamp: JSON.stringify(formatProtoTimestamp(p.timestampMs)),
      }));
    return metric;
  });
  return out;
}

/**
 * jsonpb's layout. With an indent, it matches JSON.stringify(…, 4) except that an empty array
 * still gets a line break (`[\n    ]`), as jsonpb's slice writer always closes on a new line.
 */
function write(value: Json, indent: string, step: string): string {
  if (typeof value === 'string') return value;
  const nl = step ? '\n' : '';
  const inner = indent + step;
  if (Array.isArray(value)) {
    const items = value.map((v) => `${nl}${inner}${write(v, inner, step)}`);
    return `[${items.join(',')}${nl}${step ? indent : ''}]`;
  }
  const fields = Object.entries(value).map(
    ([k, v]) => `${step ? inner : ''}"${k}":${step ? ' ' : ''}${write(v, inner, step)}`,
  );
  return `{${nl}${fields.join(`,${nl}`)}${nl}${step ? indent : ''}}`;
}

/** The response body of `/api/metrics/*`; `pretty` is Jaeger's prettyPrint (4 spaces). */
export function metricFamilyJson(family: MetricFamily, pretty = false): string {
  return write(tree(family), '', pretty ? '    ' : '');
}
