/**
 * MSW handlers for Jaeger's SPM API (`/api/metrics/{latencies,calls,errors}`), built from the
 * Jaeger fixtures so the Monitor tab shows the same services and operations as search. Each
 * (service, span kind, operation) gets flat series from its spans' durations, call and error
 * counts, gently varied per point so charts look alive; answers are bare MetricFamily JSON and
 * errors are v1 envelopes with the backend's exact messages, as Tracelens' backend sends them.
 */
import { http, HttpResponse } from 'msw';
import type { JaegerSpan, JaegerTrace } from '../src/core/jaeger/jaegerJson';
import { jaegerError, mockTraces } from './handlers';

export const METRICS_DISABLED_MESSAGE =
  'trace metrics are currently disabled - no metrics backend configured';

interface Group {
  service: string;
  operation: string;
  kind: string;
  durationsMs: number[];
  errors: number;
}

function tag(span: JaegerSpan, key: string): unknown {
  return span.tags.find((t) => t.key === key)?.value;
}

/** Spans grouped by service, span kind and operation. */
export function metricGroups(traces: readonly JaegerTrace[]): Group[] {
  const groups = new Map<string, Group>();
  for (const trace of traces) {
    for (const span of trace.spans) {
      const service = trace.processes[span.processID ?? '']?.serviceName ?? span.process?.serviceName ?? '';
      const raw = tag(span, 'span.kind');
      const kind = typeof raw === 'string' ? raw : 'internal';
      const id = `${service}\u0000${kind}\u0000${span.operationName}`;
      let g = groups.get(id);
      if (!g)
        groups.set(id, (g = { service, operation: span.operationName, kind, durationsMs: [], errors: 0 }));
      g.durationsMs.push(span.duration / 1000);
      if (tag(span, 'error') === true) g.errors++;
    }
  }
  return [...groups.values()];
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const HELP: Record<string, string> = {
  latencies: 'quantile latency',
  calls: 'calls/sec',
  errors: 'error rate, computed as a fraction of errors/sec over calls/sec',
};
const NAMES: Record<string, string> = { latencies: 'latencies', calls: 'call_rate', errors: 'error_rate' };

function int(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  return raw ? Number(raw) : fallback;
}

/** Handlers over a set of traces; `now` is the default endTs. */
export function createMonitorHandlers(traces: readonly JaegerTrace[] = mockTraces, now = () => Date.now()) {
  const groups = metricGroups(traces);
  return [
    http.get('*/api/metrics/:kind', ({ request, params: pathParams }) => {
      const kind = String(pathParams.kind);
      if (!(kind in NAMES)) return jaegerError(404, '404 page not found');
      const params = new URL(request.url).searchParams;
      const q = Number(params.get('quantile') ?? '');
      if (kind === 'latencies' && (params.get('quantile') === null || Number.isNaN(q))) {
        return jaegerError(
          400,
          `unable to parse param 'quantile': strconv.ParseFloat: parsing "": invalid syntax`,
        );
      }
      const services = params.getAll('service');
      if (services.length === 0) {
        return jaegerError(400, "unable to parse param 'service': please provide at least one service name");
      }
      const spanKind = (params.get('spanKind') ?? 'server').toLowerCase();
      const byOp = params.get('groupByOperation') === 'true';
      const end = int(params, 'endTs', now());
      const lookback = int(params, 'lookback', 3_600_000);
      const step = int(params, 'step', 5_000);
      const ratePerSec = int(params, 'ratePer', 600_000) / 1000;

      const chosen = groups.filter((g) => services.includes(g.service) && g.kind === spanKind);
      const buckets = new Map<string, Group[]>();
      for (const g of chosen) {
        const key = byOp ? `${g.service}\u0000${g.operation}` : g.service;
        buckets.set(key, [...(buckets.get(key) ?? []), g]);
      }
      const metrics = [...buckets.values()].map((gs) => {
        const durations = gs.flatMap((g) => g.durationsMs);
        const calls = durations.length;
        const errors = gs.reduce((n, g) => n + g.errors, 0);
        const base =
          kind === 'latencies'
            ? quantile(durations, q)
            : kind === 'calls'
              ? calls / ratePerSec
              : errors / calls;
        const points = [];
        for (let t = end - lookback, i = 0; t <= end; t += step, i++) {
          const value = base * (1 + 0.15 * Math.sin(i / 3));
          points.push({ gaugeValue: { doubleValue: value }, timestamp: new Date(t).toISOString() });
        }
        const labels = [{ name: 'service_name', value: gs[0].service }];
        if (byOp) labels.push({ name: 'operation', value: gs[0].operation });
        return { labels, metricPoints: points };
      });
      const prefix = byOp ? 'service_operation' : 'service';
      const help = kind === 'latencies' ? `${q.toFixed(2)}th ${HELP[kind]}` : HELP[kind];
      return HttpResponse.json({
        name: `${prefix}_${NAMES[kind]}`,
        type: 'GAUGE',
        help: `${help}, grouped by service${byOp ? ' & operation' : ''}`,
        metrics,
      });
    }),
  ];
}

export const monitorHandlers = createMonitorHandlers();

/** A backend started with `--metrics-backend none`: Jaeger's 501 on every metrics route. */
export const metricsDisabledHandlers = [
  http.get('*/api/metrics/:kind', () => jaegerError(501, METRICS_DISABLED_MESSAGE)),
];
