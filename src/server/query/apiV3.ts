/**
 * Jaeger's HTTP API v3 (`/api/v3/*`, apiv3/http_gateway.go in v2.20): OTLP/JSON traces, trace
 * summaries, services and operations.
 *
 * Its errors are not the v1 envelope but `{"error":{"httpCode":…,"message":…}}` written with
 * Go's http.Error, so every handler here formats its own errors instead of throwing them to the
 * query port's v1 error handling.
 */
import { summarizeV3 } from '../../core/trace/v3Summary';
import type { ServerResponse } from 'node:http';
import { adjustTrace } from '../../core/adjust/adjustTrace';
import type { Trace } from '../../core/model/trace';
import { tracesToOtlpJson } from '../../core/otlp/toOtlpJson';
import { HttpError } from '../http/httpError';
import { sendGoError, sendText } from '../http/respond';
import type { Handler, Router } from '../http/router';
import type { ArchiveStore } from '../storage/archiveStore';
import { StoreQueryError, type TraceStore } from '../storage/traceStore';
import { parseV3GetTrace, parseV3Search } from './v3Params';

export interface ApiV3Options {
  store: TraceStore;
  /** Consulted by get-by-ID when the main store misses, as Jaeger's query service does. */
  archive?: ArchiveStore;
}

/**
 * Go's encoding/json (which writes gogo jsonpb's strings and the error body) escapes these
 * characters; the OTLP part of a trace response comes from pdata's writer, which does not.
 */
function goJsonEscape(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sendV3Json(res: ServerResponse, body: unknown): void {
  sendText(res, 200, goJsonEscape(JSON.stringify(body)), 'application/json');
}

function sendV3Error(res: ServerResponse, status: number, message: string): void {
  sendGoError(res, status, goJsonEscape(JSON.stringify({ error: { httpCode: status, message } })));
}

/** Parameter errors keep their status; storage refusals (e.g. the search depth) are a 500. */
function v3(handler: Handler): Handler {
  return async (ctx) => {
    try {
      await handler(ctx);
    } catch (err) {
      if (err instanceof HttpError) sendV3Error(ctx.res, err.status, err.message);
      else if (err instanceof StoreQueryError) sendV3Error(ctx.res, 500, err.message);
      else throw err;
    }
  };
}

const noTraces = () => new HttpError(404, 'No traces found');

function sendTraces(res: ServerResponse, traces: readonly Trace[], raw: boolean): void {
  const otlp = tracesToOtlpJson(raw ? traces : traces.map(adjustTrace));
  // gogo jsonpb's GRPCGatewayWrapper around pdata's own JSON, which it inserts verbatim.
  sendText(res, 200, `{"result":${JSON.stringify(otlp)}}`, 'application/json');
}

export function registerApiV3(router: Router, { store, archive }: ApiV3Options): void {
  router.get(
    '/api/v3/services',
    v3(async (ctx) => {
      sendV3Json(ctx.res, { services: await store.getServices() });
    }),
  );

  router.get(
    '/api/v3/operations',
    v3(async (ctx) => {
      const spanKind = ctx.query.get('spanKind') || ctx.query.get('span_kind') || '';
      const ops = await store.getOperations(ctx.query.get('service') ?? '', spanKind);
      // Since v2.15.1 an unspecified kind is reported as "internal".
      const operations = ops.map((o) => ({
        ...(o.name ? { name: o.name } : {}),
        spanKind: o.spanKind || 'internal',
      }));
      sendV3Json(ctx.res, { operations });
    }),
  );

  router.get(
    '/api/v3/traces/:trace_id',
    v3(async (ctx) => {
      const request = parseV3GetTrace(ctx.params.trace_id, ctx.query);
      const trace =
        (await store.getTrace(request.traceId)) ?? (await archive?.getTrace(request.traceId)) ?? null;
      if (!trace) throw noTraces();
      sendTraces(ctx.res, [trace], request.raw);
    }),
  );

  router.get(
    '/api/v3/traces',
    v3(async (ctx) => {
      const request = parseV3Search(ctx.query);
      const traces = await store.findTraces(request.query);
      // Unlike the v1 search (200 with []), v3 answers an empty result with a 404.
      if (traces.length === 0) throw noTraces();
      sendTraces(ctx.res, traces, request.raw);
    }),
  );

  router.get(
    '/api/v3/trace-summaries',
    v3(async (ctx) => {
      // Summaries are always computed from adjusted traces: rawTraces is parsed, then ignored.
      const request = parseV3Search(ctx.query);
      const traces = await store.findTraces(request.query);
      sendV3Json(ctx.res, { summaries: traces.map((t) => summarizeV3(adjustTrace(t))) });
    }),
  );
}
