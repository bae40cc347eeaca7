/** Jaeger's v1 HTTP JSON query API, as served by Jaeger v2.20 (http_handler.go). */
import { adjustedTrace, planAdjustments, rawSequence, type SpanSequence } from '../../core/adjust/adjustPlan';
import { envelope, type JaegerError } from '../../core/jaeger/jaegerJson';
import { toJaegerTrace } from '../../core/jaeger/toJaegerJson';
import { DecodeError } from '../../core/model/decodeError';
import { jaegerTraceId } from '../../core/model/ids';
import type { Span, Trace } from '../../core/model/trace';
import { spansFromOtlpJson } from '../../core/otlp/fromOtlpJson';
import { groupByTrace } from '../../core/trace/groupByTrace';
import { readBody } from '../http/body';
import { HttpError } from '../http/httpError';
import { sendJson, streamChunks } from '../http/respond';
import type { RequestContext, Router } from '../http/router';
import type { ArchiveStore } from '../storage/archiveStore';
import { StoreQueryError, type TraceStore } from '../storage/traceStore';
import type { TopologyAggregator } from '../topology/aggregator';
import { parseBoolParam, parseInt64Param, parseV1Search } from './v1Params';
import { jaegerTraceChunks } from './jaegerTraceChunks';
import { pathTraceId } from './traceIdParam';

const DAY_MS = 86_400_000n;

/** Body limit of `POST /api/transform` when none is configured (the config's default). */
const DEFAULT_MAX_REQUEST_BYTES = 20 * 1024 * 1024;

export interface ApiV1Options {
  store: TraceStore;
  /** Archive storage: consulted when the main store misses a trace ID, written by POST /api/archive. */
  archive?: ArchiveStore;
  /** Largest `POST /api/transform` body, after decompression. */
  maxRequestBytes?: number;
  /**
   * Dependencies kept up to date at ingest (the topology aggregator): answers windows it covers
   * in microseconds, where the store would rescan every span (about 1 s at a million spans).
   */
  liveDependencies?: Pick<TopologyAggregator, 'covers' | 'dependencies'>;
  now?: () => bigint;
}

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

function pretty(ctx: RequestContext): boolean {
  const p = ctx.query.get('prettyPrint');
  return p !== null && p !== '' && p !== 'false';
}

/** A trace as the API answers it: adjusted span by span as it is written, unless `raw`. */
function answered(trace: Trace, raw: boolean): SpanSequence {
  return raw ? rawSequence(trace) : planAdjustments(trace);
}

async function storeCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof StoreQueryError) throw new HttpError(500, err.message);
    throw err;
  }
}

/** The OTLP/JSON body of /api/transform, refused as Jaeger does: `cannot unmarshal OTLP : <err>`. */
function transformInput(body: Buffer): Span[] {
  try {
    return spansFromOtlpJson(JSON.parse(body.toString('utf8')));
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof DecodeError)
      throw new HttpError(400, `cannot unmarshal OTLP : ${err.message}`);
    throw err;
  }
}

export function registerApiV1(router: Router, options: ApiV1Options): void {
  const { store, archive, maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES, now = nowNs } = options;
  // Jaeger's query service reads the archive only for IDs the main store does not have.
  const findTrace = async (id: string) => (await store.getTrace(id)) ?? (await archive?.getTrace(id)) ?? null;

  router.get('/api/services', async (ctx) => {
    const services = await store.getServices();
    sendJson(ctx.res, 200, envelope(services, services.length), pretty(ctx));
  });

  router.get('/api/operations', async (ctx) => {
    const service = ctx.query.get('service') ?? '';
    if (!service) throw new HttpError(400, "parameter 'service' is required");
    const ops = await store.getOperations(service, ctx.query.get('spanKind') ?? '');
    sendJson(ctx.res, 200, envelope(ops, ops.length), pretty(ctx));
  });

  router.get('/api/services/:service/operations', async (ctx) => {
    let service = ctx.params.service;
    try {
      service = decodeURIComponent(service.replace(/\+/g, ' '));
    } catch {
      // Go's QueryUnescape fails on bad escapes; Jaeger then keeps the path value as is.
    }
    const names = [...new Set((await store.getOperations(service, '')).map((o) => o.name))];
    sendJson(ctx.res, 200, envelope(names.length ? names : null, names.length), pretty(ctx));
  });

  router.get('/api/traces', async (ctx) => {
    const request = parseV1Search(ctx.query, now());
    if (request.kind === 'ids') {
      // The main store's finds come first, then the archive's, as Jaeger's GetTraces yields them.
      const found = new Map<string, Trace>();
      for (const id of request.traceIds) {
        const trace = found.has(id) ? null : await store.getTrace(id);
        if (trace) found.set(id, trace);
      }
      for (const id of request.traceIds) {
        const trace = found.has(id) ? null : await archive?.getTrace(id);
        if (trace) found.set(id, trace);
      }
      const data = [...found.values()].map((t) => answered(t, request.raw));
      const errors: JaegerError[] = request.traceIds
        .filter((id) => !found.has(id))
        .map((id) => ({ msg: 'trace not found', traceID: jaegerTraceId(id) }));
      const options = { pretty: pretty(ctx), errors: errors.length ? errors : null };
      await streamChunks(ctx.res, 200, jaegerTraceChunks(data, options));
      return;
    }
    const traces = await storeCall(store.findTraces(request.query));
    const data = traces.map((t) => answered(t, request.raw));
    await streamChunks(ctx.res, 200, jaegerTraceChunks(data, { pretty: pretty(ctx) }));
  });

  router.get('/api/traces/:traceID', async (ctx) => {
    const id = pathTraceId(ctx.params.traceID);
    parseInt64Param(ctx.query, 'start');
    parseInt64Param(ctx.query, 'end');
    const raw = parseBoolParam(ctx.query, 'raw');
    const trace = await findTrace(id);
    if (!trace) throw new HttpError(404, 'trace not found');
    // Streamed: a million-span answer is past V8's string limit, and the first bytes leave
    // while the rest is still being converted.
    await streamChunks(ctx.res, 200, jaegerTraceChunks([answered(trace, raw)], { pretty: pretty(ctx) }));
  });

  router.post('/api/archive/:traceID', async (ctx) => {
    ctx.req.resume();
    const id = pathTraceId(ctx.params.traceID);
    parseInt64Param(ctx.query, 'start');
    parseInt64Param(ctx.query, 'end');
    // Parsed for its 400, then unused: Jaeger archives the adjusted trace whatever `raw` says.
    parseBoolParam(ctx.query, 'raw');
    if (!archive) throw new HttpError(500, 'archive span storage was not configured');
    const trace = await findTrace(id);
    if (!trace) throw new HttpError(404, 'trace not found');
    // As in Jaeger, the archive receives the trace as its query service returns it: adjusted.
    await archive.writeTrace(adjustedTrace(trace));
    sendJson(ctx.res, 200, { data: [], total: 0, limit: 0, offset: 0, errors: [] }, pretty(ctx));
  });

  router.post('/api/transform', async (ctx) => {
    const spans = transformInput(await readBody(ctx.req, maxRequestBytes));
    // No storage and no adjusters: the translation only, one trace per ID in first-seen order.
    const data = groupByTrace(spans).map((t) => toJaegerTrace(t.spans));
    sendJson(ctx.res, 200, envelope(data), pretty(ctx));
  });

  router.get('/api/dependencies', async (ctx) => {
    const endTs = parseInt64Param(ctx.query, 'endTs') ?? BigInt(Date.now());
    const lookback = parseInt64Param(ctx.query, 'lookback') ?? DAY_MS;
    const service = ctx.query.get('service') ?? '';
    const live = options.liveDependencies;
    const window = { startMs: Number(endTs - lookback), endMs: Number(endTs), service };
    if (live && lookback > 0n && endTs - lookback > 0n && live.covers(window)) {
      sendJson(ctx.res, 200, envelope(live.dependencies(window)), pretty(ctx));
      return;
    }
    const links = await storeCall(store.getDependencies((endTs - lookback) * 1_000_000n, endTs * 1_000_000n));
    const summed = new Map<string, { parent: string; child: string; callCount: number }>();
    for (const l of links) {
      if (service && l.parent !== service && l.child !== service) continue;
      const key = `${l.parent}\u0000${l.child}`;
      const prev = summed.get(key);
      if (prev) prev.callCount += l.callCount;
      else summed.set(key, { ...l });
    }
    sendJson(ctx.res, 200, envelope([...summed.values()]), pretty(ctx));
  });
}
