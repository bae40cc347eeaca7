/** Jaeger's v1 HTTP JSON query API, as served by Jaeger v2.20 (http_handler.go). */
import { adjustTrace } from '../../core/adjust/adjustTrace';
import { envelope, type JaegerError } from '../../core/jaeger/jaegerJson';
import { toJaegerTrace } from '../../core/jaeger/toJaegerJson';
import { jaegerTraceId } from '../../core/model/ids';
import type { Trace } from '../../core/model/trace';
import { HttpError } from '../http/httpError';
import { sendJson } from '../http/respond';
import type { RequestContext, Router } from '../http/router';
import { StoreQueryError, type TraceStore } from '../storage/traceStore';
import { parseBoolParam, parseInt64Param, parseV1Search } from './v1Params';
import { parseTraceIdParam } from './traceIdParam';

const DAY_MS = 86_400_000n;

export interface ApiV1Options {
  store: TraceStore;
  now?: () => bigint;
}

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

function pretty(ctx: RequestContext): boolean {
  const p = ctx.query.get('prettyPrint');
  return p !== null && p !== '' && p !== 'false';
}

function toUi(trace: Trace, raw: boolean) {
  const t = raw ? trace : adjustTrace(trace);
  return toJaegerTrace(t.spans, t.warnings);
}

async function storeCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof StoreQueryError) throw new HttpError(500, err.message);
    throw err;
  }
}

export function registerApiV1(router: Router, { store, now = nowNs }: ApiV1Options): void {
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
      const data = [];
      const errors: JaegerError[] = [];
      for (const id of request.traceIds) {
        const trace = await store.getTrace(id);
        if (trace) data.push(toUi(trace, request.raw));
        else errors.push({ msg: 'trace not found', traceID: jaegerTraceId(id) });
      }
      sendJson(ctx.res, 200, envelope(data, 0, errors.length ? errors : null), pretty(ctx));
      return;
    }
    const traces = await storeCall(store.findTraces(request.query));
    sendJson(ctx.res, 200, envelope(traces.map((t) => toUi(t, request.raw))), pretty(ctx));
  });

  router.get('/api/traces/:traceID', async (ctx) => {
    const id = parseTraceIdParam(ctx.params.traceID);
    if (!id)
      throw new HttpError(
        400,
        `malformed traceID: ${JSON.stringify(ctx.params.traceID)} is not a hex or base64 trace ID`,
      );
    parseInt64Param(ctx.query, 'start');
    parseInt64Param(ctx.query, 'end');
    const raw = parseBoolParam(ctx.query, 'raw');
    const trace = await store.getTrace(id);
    if (!trace) throw new HttpError(404, 'trace not found');
    sendJson(ctx.res, 200, envelope([toUi(trace, raw)]), pretty(ctx));
  });

  router.get('/api/dependencies', async (ctx) => {
    const endTs = parseInt64Param(ctx.query, 'endTs') ?? BigInt(Date.now());
    const lookback = parseInt64Param(ctx.query, 'lookback') ?? DAY_MS;
    const service = ctx.query.get('service') ?? '';
    const links = await store.getDependencies((endTs - lookback) * 1_000_000n, endTs * 1_000_000n);
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
