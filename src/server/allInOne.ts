/**
 * The all-in-one: one process with the query API and UI, the OTLP/HTTP, OTLP/gRPC and Zipkin
 * receivers and the trace store (memory or SQLite), each listener on its own port as in Jaeger.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from './config';
import { HttpError } from './http/httpError';
import { listenHttp, type Listener } from './http/listen';
import { sendJaegerError, sendJson, sendNotFound } from './http/respond';
import { createIngestPipeline, type IngestPipeline } from './ingest/pipeline';
import { startReceivers, type Receivers } from './ingest/receivers';
import { SpanMetricsAggregator } from './metrics/aggregator';
import { createEmbeddedReader } from './metrics/embeddedReader';
import { sendExposition } from './metrics/exposition';
import { createPrometheusReader } from './metrics/prometheusReader';
import type { MetricsReader } from './metrics/reader';
import { createQueryRoutes } from './query/queryRoutes';
import { guardQueryPort } from './security/queryGuard';
import { inlineScriptHashes, uiSecurityHeaders } from './security/uiHeaders';
import { createSampling } from './sampling/sampling';
import { TopologyAggregator } from './topology/aggregator';
import { openStorage } from './storage/openStorage';
import type { TraceStore } from './storage/traceStore';
import { createStaticUi, tracePageId } from './ui/staticUi';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export interface RunningAllInOne {
  config: Config;
  store: TraceStore;
  pipeline: IngestPipeline;
  /** Real bound addresses, e.g. http://127.0.0.1:16686 (after port 0 was resolved). */
  urls: { query: string; sampling: string } & Receivers['urls'];
  close(): Promise<void>;
}

const packageVersion = (): string => {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'dev';
  }
};

function loadUiConfig(file: string): unknown {
  if (!file) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`ui_config ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export async function startAllInOne(config: Config, log: Logger): Promise<RunningAllInOne> {
  const storage = openStorage(config, log.error);
  const store = storage.traces;
  if (config.storage === 'sqlite') log.info(`Opened ${storage.description}.`);
  const pipeline = createIngestPipeline(store);
  // The aggregator also feeds /metrics, which an external Prometheus may scrape.
  const spanMetrics =
    config.metricsBackend === 'none'
      ? null
      : new SpanMetricsAggregator({ maxSeries: config.metricsMaxSeries });
  if (spanMetrics) pipeline.observe(spanMetrics.observe);
  let metricsReader: MetricsReader | null = null;
  if (config.metricsBackend === 'embedded' && spanMetrics) metricsReader = createEmbeddedReader(spanMetrics);
  if (config.metricsBackend === 'prometheus') {
    metricsReader = createPrometheusReader({
      url: config.prometheusUrl,
      metricNamespace: config.prometheusMetricNamespace,
      latencyUnit: config.prometheusLatencyUnit,
      normalizeCalls: config.prometheusNormalizeCalls,
      normalizeDuration: config.prometheusNormalizeDuration,
      onWarnings: (warnings, query) => log.info(`Prometheus warnings for ${query}: ${warnings.join('; ')}`),
    });
  }
  // An invalid strategies file stops start-up, as in Jaeger.
  const sampling = await createSampling({
    file: config.samplingStrategiesFile,
    defaultProbability: config.samplingDefaultProbability,
    reloadIntervalMs: config.samplingReloadInterval,
    log,
    traces: store,
    maxRequestBytes: config.maxRequestBytes,
  });
  pipeline.observe(sampling.observe);
  // Service dependencies are kept up to date as spans arrive instead of computed per request.
  // A store that starts empty has been seen whole; one that persists was partly filled before.
  const topology = new TopologyAggregator({
    coveredSinceMs: config.storage === 'memory' ? Number.NEGATIVE_INFINITY : Date.now(),
  });
  pipeline.observe(topology.observe);
  const { router, prepareTrace } = createQueryRoutes({
    store,
    archive: storage.archive,
    maxRequestBytes: config.maxRequestBytes,
    metricsReader,
    sampling: sampling.routes,
    topology,
  });
  const serveUi = createStaticUi({
    dir: config.uiDir,
    basePath: config.basePath,
    uiConfig: loadUiConfig(config.uiConfig),
    capabilities: { archiveStorage: true, metricsStorage: metricsReader !== null, aiAssistant: false },
    version: { gitCommit: '', gitVersion: `tracelens-${packageVersion()}`, buildDate: '' },
    pageHeaders: (html) => uiSecurityHeaders(config.frameAncestors, inlineScriptHashes(html)),
  });

  const base = config.basePath;
  const handleQuery = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = url.pathname;
    if (base) {
      if (path === base) path = '/';
      else if (path.startsWith(`${base}/`)) path = path.slice(base.length);
      else return sendNotFound(res);
    }
    if (path === '/health') return sendJson(res, 200, { status: 'ready', ...store.stats() });
    if (path === '/metrics' && spanMetrics && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendExposition(res, spanMetrics);
    }
    if (path === '/api' || path.startsWith('/api/')) {
      const match = router.match(req.method ?? 'GET', path);
      if (!match) return sendNotFound(res);
      try {
        await match.handler({ req, res, params: match.params, query: url.searchParams, path });
      } catch (err) {
        if (err instanceof HttpError) return sendJaegerError(res, err.status, err.message);
        log.error(
          `${req.method} ${url.pathname}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        if (!res.headersSent) sendJaegerError(res, 500, 'internal error; see the server log');
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendNotFound(res);
    // The page of a trace will ask for its columns as soon as its scripts run: start them now.
    const tracePage = req.method === 'GET' ? tracePageId(path) : null;
    if (tracePage) void prepareTrace(tracePage);
    serveUi(path, res);
  };

  let query: Listener | undefined;
  let receivers: Receivers | undefined;
  let samplingListener: Listener;
  try {
    query = await listenHttp(
      'query',
      config.listenHost,
      config.queryPort,
      guardQueryPort(handleQuery, {
        basePath: base,
        token: config.queryToken,
        corsOrigins: config.queryCorsAllowedOrigins,
        frameAncestors: config.frameAncestors,
        listenHost: config.listenHost,
        allowedHosts: config.allowedHosts,
      }),
      log.error,
      { requestTimeoutMs: config.requestTimeout },
    );
    receivers = await startReceivers(config, pipeline, log.error);
    samplingListener = await listenHttp(
      'sampling',
      config.listenHost,
      config.samplingPort,
      sampling.handler,
      log.error,
      { requestTimeoutMs: config.requestTimeout },
    );
  } catch (err) {
    await Promise.all([query?.close(), receivers?.close()]);
    await sampling.close();
    await storage.close();
    throw err;
  }
  const started = { query, receivers };
  return {
    config,
    store,
    pipeline,
    urls: { query: `${started.query.url}${base}`, sampling: samplingListener.url, ...started.receivers.urls },
    async close() {
      await Promise.all([started.query.close(), started.receivers.close(), samplingListener.close()]);
      await sampling.close();
      // Receivers are closed first, so nothing is written after the store closes.
      await storage.close();
    },
  };
}
