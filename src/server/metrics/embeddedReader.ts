/**
 * The metrics API answered from the in-process aggregator, with the semantics of Jaeger's
 * PromQL run by Prometheus on connector metrics, so switching backends changes nothing visible:
 * - points at endTs − lookback + k·step up to endTs, checked like Prometheus's query_range;
 * - a rate is the count in the `ratePer` window before the point ÷ its seconds (Prometheus's
 *   rate() estimates the same from scrapes); the exact ratePer is used, not the one-unit string
 *   Jaeger renders into PromQL (e.g. 90000 ms there becomes "1m");
 * - latencies are histogram_quantile over the windowed bucket counts, at the quantile rounded
 *   to two decimals as Jaeger's `%.2f` sends it;
 * - a group has points only from its first span on (before that Prometheus has no series); once
 *   it exists, a quiet window gives rate 0 and quantile NaN, as Prometheus answers;
 * - groups sorted by labels, as Prometheus sorts range results.
 */
import { StatusCode } from '../../core/model/trace';
import { STATUS_CODE_LABELS, type SpanMetricsAggregator, type SpanMetricsSeries } from './aggregator';
import { BUCKET_COUNT, histogramQuantile } from './histogram';
import { formatGoFixed2, parseGoFloat } from './goStrconv';
import type { Metric, MetricFamily, MetricLabel, MetricPoint } from './metricFamily';
import { buildPromQuery, SPM_NAMING } from './promql';
import {
  errorRatesWithFallback,
  familyDescriptor,
  MetricsQueryError,
  type LatenciesQuery,
  type MetricKind,
  type MetricsQuery,
  type MetricsReader,
} from './reader';

/** Prometheus's cap on points per series in one range query. */
const MAX_POINTS = 11_000;
const ERROR = STATUS_CODE_LABELS[StatusCode.Error];

type Series = Map<string, { labels: MetricLabel[]; points: MetricPoint[] }>;

const fail = (message: string): never => {
  throw new MetricsQueryError(`failed executing metrics query: bad_data: ${message}`);
};

/** The evaluation times, or Prometheus's own refusal (query_range's checks, then PromQL's parser). */
function evaluationTimes(kind: MetricKind, q: MetricsQuery): number[] {
  const start = q.endMs - q.lookbackMs;
  if (q.endMs < start) fail('invalid parameter "end": end timestamp must not be before start time');
  if (!(q.stepMs > 0))
    fail(
      'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  if (Math.floor((q.endMs - start) / q.stepMs) > MAX_POINTS)
    fail(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  if (q.ratePerMs <= 0) {
    const column = buildPromQuery(kind, SPM_NAMING, q).indexOf('[') + 2;
    const why = q.ratePerMs === 0 ? 'duration must be greater than 0' : 'missing unit character in duration';
    fail(`1:${column}: parse error: ${why}`);
  }
  const times: number[] = [];
  for (let k = 0; start + k * q.stepMs <= q.endMs; k++) times.push(start + k * q.stepMs);
  return times;
}

/**
 * `service_name =~ "<a|b>"`: Prometheus anchors the regex at both ends. A bad one is refused
 * with Prometheus's message shape (Go's regexp wording differs from JavaScript's).
 */
function serviceMatcher(kind: MetricKind, q: MetricsQuery): RegExp {
  const source = `^(?:${q.services.join('|')})$`;
  try {
    return new RegExp(source);
  } catch (err) {
    const column = buildPromQuery(kind, SPM_NAMING, q).indexOf('{') + 2;
    const reason = (err as Error).message.split(': ').pop();
    return fail(`1:${column}: parse error: error parsing regexp: ${reason}: \`${source}\``);
  }
}

/**
 * Go compares strings bytewise (UTF-8); so does Prometheus when it sorts series. UTF-8 byte order
 * is code point order, computed here without Buffer so the reader also runs in the browser (the
 * no-backend demo build).
 */
function byteOrder(a: string, b: string): number {
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done || q.done) return p.done && q.done ? 0 : p.done ? -1 : 1;
    const d = (p.value.codePointAt(0) ?? 0) - (q.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

export function createEmbeddedReader(aggregator: SpanMetricsAggregator): MetricsReader {
  /** The groups of `sum(...) by (service_name[, span_name])` over the matching series. */
  function groups(kind: MetricKind, q: MetricsQuery, errorsOnly: boolean) {
    const service = serviceMatcher(kind, q);
    const kinds = new Set(q.spanKinds);
    const out = new Map<string, { labels: MetricLabel[]; members: SpanMetricsSeries[] }>();
    for (const s of aggregator.allSeries()) {
      if (!kinds.has(s.spanKind) || !service.test(s.service)) continue;
      if (errorsOnly && s.statusCode !== ERROR) continue;
      const key = q.groupByOperation ? `${s.service}\u0000${s.spanName}` : s.service;
      let g = out.get(key);
      if (!g) {
        const labels = [{ name: 'service_name', value: s.service }];
        if (q.groupByOperation) labels.push({ name: 'operation', value: s.spanName });
        g = { labels, members: [] };
        out.set(key, g);
      }
      g.members.push(s);
    }
    return [...out.entries()].sort(([a], [b]) => byteOrder(a, b));
  }

  /** One windowed value per evaluation time and group, like `sum(rate(...))` or the quantile over it. */
  function evaluate(
    kind: MetricKind,
    q: MetricsQuery,
    times: number[],
    errorsOnly: boolean,
    width: 1 | 17,
    value: (counts: Float64Array) => number,
  ): Series {
    const out: Series = new Map();
    const all = groups(kind, q, errorsOnly);
    const edges = [...times, ...times.map((t) => t - q.ratePerMs)];
    const curves = aggregator.curves(
      all.map(([, g]) => g.members),
      edges,
      width,
    );
    for (const [i, [key, g]] of all.entries()) {
      const curve = curves[i];
      const born = g.members.reduce((min, m) => Math.min(min, m.firstSeenMs), Infinity);
      const points: MetricPoint[] = [];
      for (const t of times) {
        if (t < born) continue;
        const counts = curve.increase(t - q.ratePerMs, t);
        if (counts) points.push({ timestampMs: t, value: value(counts) });
      }
      if (points.length) out.set(key, { labels: g.labels, points });
    }
    return out;
  }

  const family = (kind: MetricKind, q: MetricsQuery, series: Series, quantile?: number): MetricFamily => ({
    ...familyDescriptor(kind, q.groupByOperation, quantile),
    type: 'GAUGE',
    metrics: [...series.values()].map((s): Metric => ({ labels: s.labels, metricPoints: s.points })),
  });

  const callRates = (kind: MetricKind, q: MetricsQuery, times: number[], errorsOnly: boolean) =>
    evaluate(kind, q, times, errorsOnly, 1, (c) => c[0] / (q.ratePerMs / 1000));

  async function getCallRates(q: MetricsQuery): Promise<MetricFamily> {
    return family('calls', q, callRates('calls', q, evaluationTimes('calls', q), false));
  }

  async function getErrorRatio(q: MetricsQuery): Promise<MetricFamily> {
    const times = evaluationTimes('errors', q);
    const errors = callRates('errors', q, times, true);
    const calls = callRates('errors', q, times, false);
    // `/` matches groups with identical labels and timestamps; 0/0 is NaN, as in PromQL.
    const ratio: Series = new Map();
    for (const [key, e] of errors) {
      const c = calls.get(key);
      if (!c) continue;
      const byTime = new Map(c.points.map((p) => [p.timestampMs, p.value]));
      const points = e.points
        .filter((p) => byTime.has(p.timestampMs))
        .map((p) => ({ timestampMs: p.timestampMs, value: p.value / (byTime.get(p.timestampMs) ?? NaN) }));
      if (points.length) ratio.set(key, { labels: e.labels, points });
    }
    return family('errors', q, ratio);
  }

  return {
    async getLatencies(q: LatenciesQuery) {
      const times = evaluationTimes('latencies', q);
      // Jaeger sends the quantile as `%.2f`; compute with what Prometheus would receive.
      const quantile = parseGoFloat(formatGoFixed2(q.quantile));
      const series = evaluate('latencies', q, times, false, BUCKET_COUNT as 17, (c) =>
        histogramQuantile(quantile, c),
      );
      return family('latencies', q, series, q.quantile);
    },
    getCallRates,
    getErrorRates: (q) =>
      errorRatesWithFallback(
        () => getErrorRatio(q),
        () => getCallRates(q),
      ),
    getMinStepDuration: async () => 1,
  };
}
