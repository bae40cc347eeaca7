/**
 * Jaeger's SPM routes: `/api/metrics/{latencies,calls,errors}` answer a bare MetricFamily
 * (jsonpb, not the v1 envelope); `/api/metrics/minstep` (removed in Jaeger v2.18, kept for
 * older UIs) answers the envelope. Without a backend every route is Jaeger's 501 — after the
 * parameters are checked, because Jaeger only learns the backend is disabled when it calls it.
 */
import { envelope } from '../../core/jaeger/jaegerJson';
import { HttpError } from '../http/httpError';
import { sendJson } from '../http/respond';
import type { RequestContext, Router } from '../http/router';
import { metricFamilyJson, type MetricFamily } from './metricFamily';
import { parseMetricsQuery, parseQuantile } from './params';
import { MetricsQueryError, type MetricsQuery, type MetricsReader } from './reader';

export const METRICS_DISABLED_MESSAGE =
  'trace metrics are currently disabled - no metrics backend configured';

export interface MetricsRouteDeps {
  /** null when `metrics_backend: none`. */
  reader: MetricsReader | null;
  /** Epoch milliseconds, the default `endTs`. */
  now?: () => number;
}

function pretty(ctx: RequestContext): boolean {
  const p = ctx.query.get('prettyPrint');
  return p !== null && p !== '' && p !== 'false';
}

export function registerMetricsRoutes(router: Router, deps: MetricsRouteDeps): void {
  const now = deps.now ?? Date.now;

  const backend = (): MetricsReader => {
    if (!deps.reader) throw new HttpError(501, METRICS_DISABLED_MESSAGE);
    return deps.reader;
  };

  /** Jaeger's APIHandler.metrics: parse (400), query (500 on failure), write jsonpb. */
  const serve =
    (read: (reader: MetricsReader, q: MetricsQuery, ctx: RequestContext) => Promise<MetricFamily>) =>
    async (ctx: RequestContext) => {
      const q = parseMetricsQuery(ctx.query, now());
      const reader = backend();
      let family: MetricFamily;
      try {
        family = await read(reader, q, ctx);
      } catch (err) {
        if (err instanceof MetricsQueryError) throw new HttpError(500, err.message);
        throw err;
      }
      const text = metricFamilyJson(family, pretty(ctx));
      ctx.res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      });
      ctx.res.end(text);
    };

  router.get('/api/metrics/latencies', async (ctx) => {
    // Jaeger's latencies handler reads the quantile before any other parameter.
    const quantile = parseQuantile(ctx.query);
    await serve((reader, q) => reader.getLatencies({ ...q, quantile }))(ctx);
  });
  router.get(
    '/api/metrics/calls',
    serve((reader, q) => reader.getCallRates(q)),
  );
  router.get(
    '/api/metrics/errors',
    serve((reader, q) => reader.getErrorRates(q)),
  );
  router.get('/api/metrics/minstep', async (ctx) => {
    const ms = await backend().getMinStepDuration();
    sendJson(ctx.res, 200, envelope(ms), pretty(ctx));
  });
}
