/**
 * For tests: the query port's `/api` router and `GET /metrics`, served the way allInOne.ts
 * serves them (thrown HttpErrors become the v1 error envelope), around an ingest pipeline that
 * feeds a span-metrics aggregator — the wiring allInOne gets, without the rest of it.
 */
import { HttpError } from '../http/httpError';
import { listenHttp } from '../http/listen';
import { sendJaegerError, sendNotFound } from '../http/respond';
import { createIngestPipeline, type IngestPipeline } from '../ingest/pipeline';
import { createQueryRouter } from '../query/queryRoutes';
import { createMemoryStore } from '../storage/memoryStore';
import { SpanMetricsAggregator, type AggregatorOptions } from './aggregator';
import { createEmbeddedReader } from './embeddedReader';
import { sendExposition } from './exposition';
import type { MetricsReader } from './reader';

export interface MetricsTestServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  pipeline: IngestPipeline;
  aggregator: SpanMetricsAggregator;
  close(): Promise<void>;
}

export interface MetricsTestServerOptions extends AggregatorOptions {
  /** 'embedded' (default), a reader built from the aggregator, or null for `metrics_backend: none`. */
  reader?: 'embedded' | ((aggregator: SpanMetricsAggregator) => MetricsReader) | null;
}

export async function startMetricsTestServer(
  options: MetricsTestServerOptions = {},
): Promise<MetricsTestServer> {
  const store = createMemoryStore({ maxTraces: 10_000 });
  const pipeline = createIngestPipeline(store);
  const aggregator = new SpanMetricsAggregator(options);
  pipeline.observe(aggregator.observe);
  const choice = options.reader === undefined ? 'embedded' : options.reader;
  const reader =
    choice === 'embedded' ? createEmbeddedReader(aggregator) : choice ? choice(aggregator) : null;
  const router = createQueryRouter({ store, metricsReader: reader });
  const listener = await listenHttp(
    'query',
    '127.0.0.1',
    0,
    async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/metrics' && (req.method === 'GET' || req.method === 'HEAD'))
        return sendExposition(res, aggregator);
      const match = router.match(req.method ?? 'GET', url.pathname);
      if (!match) return sendNotFound(res);
      try {
        await match.handler({ req, res, params: match.params, query: url.searchParams, path: url.pathname });
      } catch (err) {
        if (err instanceof HttpError) return sendJaegerError(res, err.status, err.message);
        throw err;
      }
    },
    (message) => console.error(message),
  );
  return {
    url: listener.url,
    pipeline,
    aggregator,
    async close() {
      await listener.close();
      await store.close();
    },
  };
}
