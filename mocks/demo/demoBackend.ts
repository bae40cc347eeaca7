/**
 * The whole Tracelens backend, answered in the browser from the recorded demo
 * (mocks/recorded/, written by scripts/record-mocks.ts) for the no-backend build:
 * - v1 and v3 query APIs over the recorded traces (mocks/generations, Jaeger's semantics);
 * - `/api/metrics/*` from the server's own span-metrics aggregator and embedded reader, fed the
 *   recorded traffic moved to the present;
 * - `/api/topology` and `/api/dependencies` from the server's topology aggregator, fed the same;
 * - `/api/sampling*` over the demo's services (stateful, like the real one);
 * - `POST /api/archive/{id}`;
 * and every other `/api/` path as the real backend's 404.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { JaegerTrace } from '../../src/core/jaeger/jaegerJson';
import { HttpError } from '../../src/server/http/httpError';
import { SpanMetricsAggregator } from '../../src/server/metrics/aggregator';
import { createEmbeddedReader } from '../../src/server/metrics/embeddedReader';
import { metricFamilyJson } from '../../src/server/metrics/metricFamily';
import { parseMetricsQuery, parseQuantile } from '../../src/server/metrics/params';
import { MetricsQueryError, type MetricsQuery, type MetricsReader } from '../../src/server/metrics/reader';
import { TopologyAggregator, type TopologyWindow } from '../../src/server/topology/aggregator';
import { parseInt64Param } from '../../src/server/query/v1Params';
import { generationHandlers } from '../generations';
import { sameTraceId } from '../generations/traceSet';
import { routeNotFound, v1Error, v1Ok } from '../generations/wire';
import { createSamplingHandlers, DEMO_SAMPLING } from '../sampling';
import { serviceBuckets, serviceRates, trafficSpans, type TrafficDigest } from './trafficDigest';

/** The sampling API's observed-rate step. */
const SAMPLING_BUCKET_MS = 5_000;

export interface RecordedTraces {
  recordedAtMs: number;
  traces: JaegerTrace[];
}

export interface RecordedDemo {
  traces: RecordedTraces;
  traffic: TrafficDigest;
}

/** Jaeger JSON with every time (µs) moved by `shiftUs`. */
export function shiftTrace(trace: JaegerTrace, shiftUs: number): JaegerTrace {
  return {
    ...trace,
    spans: trace.spans.map((s) => ({
      ...s,
      startTime: s.startTime + shiftUs,
      logs: s.logs?.map((l) => ({ ...l, timestamp: l.timestamp + shiftUs })),
    })),
  };
}

/** Runs a handler body, answering HttpError the way the backend's router does. */
async function answering(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpError) return v1Error(error.status, error.message);
    if (error instanceof MetricsQueryError) return v1Error(500, error.message);
    throw error;
  }
}

function metricsHandlers(reader: MetricsReader, now: () => number): HttpHandler[] {
  const serve =
    (read: (q: MetricsQuery, query: URLSearchParams) => Promise<Parameters<typeof metricFamilyJson>[0]>) =>
    ({ request }: { request: Request }) =>
      answering(async () => {
        const query = new URL(request.url).searchParams;
        const family = await read(parseMetricsQuery(query, now()), query);
        return new HttpResponse(metricFamilyJson(family), {
          headers: { 'Content-Type': 'application/json' },
        });
      });
  return [
    http.get(
      '*/api/metrics/latencies',
      // Jaeger reads the quantile before anything else, so its error comes first.
      ({ request }) =>
        answering(() => {
          const quantile = parseQuantile(new URL(request.url).searchParams);
          return serve((q) => reader.getLatencies({ ...q, quantile }))({ request });
        }),
    ),
    http.get(
      '*/api/metrics/calls',
      serve((q) => reader.getCallRates(q)),
    ),
    http.get(
      '*/api/metrics/errors',
      serve((q) => reader.getErrorRates(q)),
    ),
    http.get('*/api/metrics/minstep', async () => v1Ok(await reader.getMinStepDuration())),
  ];
}

const DAY_MS = 86_400_000n;

/**
 * `endTs`, `lookback` and `service` as the server's topology route reads them (its module also
 * holds Node's HTTP plumbing, which the browser cannot load).
 */
function topologyWindow(query: URLSearchParams, nowMs: number): TopologyWindow {
  const endTs = parseInt64Param(query, 'endTs') ?? BigInt(nowMs);
  const lookback = parseInt64Param(query, 'lookback') ?? DAY_MS;
  if (endTs - lookback <= 0n) throw new HttpError(500, 'start time is required');
  if (lookback < 0n) throw new HttpError(500, 'end time must be greater than start time');
  return { startMs: Number(endTs - lookback), endMs: Number(endTs), service: query.get('service') ?? '' };
}

function topologyHandlers(topology: TopologyAggregator, now: () => number): HttpHandler[] {
  return [
    http.get('*/api/topology', ({ request }) =>
      answering(() =>
        HttpResponse.json(topology.topology(topologyWindow(new URL(request.url).searchParams, now()))),
      ),
    ),
    http.get('*/api/dependencies', ({ request }) =>
      answering(() => v1Ok(topology.dependencies(topologyWindow(new URL(request.url).searchParams, now())))),
    ),
  ];
}

/**
 * Handlers for the recorded demo, as of `nowMs`: the recording is moved so that it ends then, and
 * the aggregators keep the real clock afterwards, so the charts age as they would live.
 */
export function createDemoHandlers(recorded: RecordedDemo, nowMs: number = Date.now()): HttpHandler[] {
  const now = () => Date.now();
  const shiftMs = nowMs - recorded.traffic.recordedAtMs;
  const traces = recorded.traces.traces.map((t) => shiftTrace(t, shiftMs * 1000));
  const spans = trafficSpans(recorded.traffic, shiftMs);

  const metrics = new SpanMetricsAggregator({ now });
  metrics.observe(spans);
  const topology = new TopologyAggregator({ now, coveredSinceMs: nowMs - recorded.traffic.windowMs });
  topology.observe(spans);

  const services = [...new Set(recorded.traffic.services)].sort();
  const sampling = createSamplingHandlers({
    ...DEMO_SAMPLING,
    seen: services,
    rates: serviceRates(recorded.traffic),
    history: serviceBuckets(recorded.traffic, shiftMs, SAMPLING_BUCKET_MS),
  });

  return [
    ...generationHandlers('tracelens', traces, { timeWindow: 'honor', unknownRoutes: false }),
    ...metricsHandlers(createEmbeddedReader(metrics), now),
    ...topologyHandlers(topology, now),
    ...sampling,
    http.post('*/api/archive/:traceId', ({ params }) =>
      traces.some((t) => sameTraceId(t.traceID, String(params.traceId)))
        ? HttpResponse.json({ data: [], total: 0, limit: 0, offset: 0, errors: [] })
        : v1Error(404, 'trace not found'),
    ),
    http.all('*/api/*', () => routeNotFound()),
  ];
}
