/**
 * Jaeger's HTTP API v3 (`/api/v3/*`, apiv3/http_gateway.go in v2.20): OTLP/JSON traces, trace
 * summaries, services and operations.
 *
 * Its errors are not the v1 envelope but `{"error":{"httpCode":…,"message":…}}` written with
 * Go's http.Error, so every handler here formats its own errors instead of throwing them to the
 * query port's v1 error handling.
 */
import { summarizeV3, withInsightTally } from '../../core/trace/v3Summary';
import { SummaryInsightCache } from '../../core/insights/summaryTally';
import type { ServerResponse } from 'node:http';
import { adjustedTrace, planAdjustments, rawSequence } from '../../core/adjust/adjustPlan';
import type { Trace } from '../../core/model/trace';
import { HttpError } from '../http/httpError';
import { sendGoError, sendText, streamChunks } from '../http/respond';
import type { Handler, Router } from '../http/router';
import type { ArchiveStore } from '../storage/archiveStore';
import { StoreQueryError, type TraceStore } from '../storage/traceStore';
import { otlpTraceChunks } from './otlpTraceChunks';
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

/**
 * gogo jsonpb's GRPCGatewayWrapper around pdata's own JSON, which it inserts verbatim; streamed,
 * with each slice of spans adjusted as it is written.
 */
async function sendTraces(res: ServerResponse, traces: readonly Trace[], raw: boolean): Promise<void> {
  await streamChunks(
    res,
    200,
    otlpTraceChunks(traces.map((t) => (raw ? rawSequence(t) : planAdjustments(t)))),
  );
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
      await sendTraces(ctx.res, [trace], request.raw);
    }),
  );

  router.get(
    '/api/v3/traces',
    v3(async (ctx) => {
      const request = parseV3Search(ctx.query);
      const traces = await store.findTraces(request.query);
      // Unlike the v1 search (200 with []), v3 answers an empty result with a 404.
      if (traces.length === 0) throw noTraces();
      await sendTraces(ctx.res, traces, request.raw);
    }),
  );

  // Insight tallies on the summaries (docs/trace-summaries-insights.md): each trace's detectors
  // run once while it is unchanged, and a search spends at most this long on new ones.
  const insightTallies = new SummaryInsightCache();
  const INSIGHT_BUDGET_MS = 150;
  router.get(
    '/api/v3/trace-summaries',
    v3(async (ctx) => {
      // Summaries are always computed from adjusted traces: rawTraces is parsed, then ignored.
      const request = parseV3Search(ctx.query);
      const traces = await store.findTraces(request.query);
      const budget = insightTallies.budget(INSIGHT_BUDGET_MS);
      const summaries = traces.map((t) => {
        const adjusted = adjustedTrace(t);
        return withInsightTally(summarizeV3(adjusted), insightTallies.tally(adjusted, budget));
      });
      sendV3Json(ctx.res, { summaries });
    }),
  );
}
