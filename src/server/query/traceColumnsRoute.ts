/**
 * Tracelens extensions of the query API for huge traces (docs/trace-columns-api.md, ADR 17):
 *
 * - `GET /api/traces/{traceID}/columns`: the adjusted trace as compact binary columns
 *   (core/columns), what the waterfall, minimap and critical path read, ~50 bytes a span
 *   instead of ~850 of Jaeger JSON;
 * - `GET /api/traces/{traceID}/spans/{spanID}`: one adjusted span as a Jaeger JSON trace
 *   response, for a span's details before (or without) the full JSON.
 *
 * A page opening a trace asks for the columns once and then for one span per click, so the
 * last traces answered are kept (columns, span positions, adjustment plan), keyed by where the
 * trace was found, its ID and its span count: a trace still receiving spans is re-encoded.
 * `prepare` starts that work before the page asks: the all-in-one calls it when it serves the
 * page of a trace, so the encoding runs while the page's scripts load (ADR 17).
 */
import type { ServerResponse } from 'node:http';
import { planAdjustments, type SpanSequence } from '../../core/adjust/adjustPlan';
import { adjustedColumnsSteps } from '../../core/columns/adjustedForColumns';
import { TRACE_COLUMNS_MEDIA_TYPE } from '../../core/columns/columnsFormat';
import { FirstPositions } from '../../core/columns/encodeTraceColumns';
import { normalizeSpanId } from '../../core/model/ids';
import type { Trace } from '../../core/model/trace';
import { HttpError } from '../http/httpError';
import type { RequestContext, Router } from '../http/router';
import type { ArchiveStore } from '../storage/archiveStore';
import type { TraceStore } from '../storage/traceStore';
import { jaegerTraceChunks } from './jaegerTraceChunks';
import { parseTraceIdParam, pathTraceId } from './traceIdParam';

/** Traces kept answered: the one open in a page, and the one opened before it. */
export const ANSWERED_TRACES_KEPT = 2;
/**
 * Spans encoded between two turns of the event loop (~10 ms), so ingest and other requests run:
 * the page's own scripts are served while the trace it is about to ask for is encoded.
 */
const SPANS_PER_TURN = 5_000;

interface AnsweredTrace {
  /** The columns buffer in parts, sent one after the other. */
  parts: Uint8Array[];
  byteLength: number;
  spanIds: Uint8Array;
  /** Span ID lookup, made on the first span request. */
  positions: FirstPositions | null;
  trace: Trace;
  /** The adjusted spans, made on the first span request. */
  plan: SpanSequence | null;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type OnEncoded = (traceId: string, spanCount: number, ms: number) => void;

async function encodeColumns(trace: Trace, onEncoded?: OnEncoded): Promise<AnsweredTrace> {
  const started = performance.now();
  const steps = adjustedColumnsSteps(trace, SPANS_PER_TURN);
  let step = steps.next();
  for (; !step.done; step = steps.next()) await nextTurn();
  const { parts, byteLength, spanIds } = step.value;
  onEncoded?.(trace.traceId, trace.spans.length, performance.now() - started);
  return { parts, byteLength, spanIds, positions: null, trace, plan: null };
}

/**
 * The last few traces answered, most recent last, by where they were found and their ID; an
 * answer is for one span count. A trace being encoded is shared by the requests asking for it.
 */
class AnsweredTraces {
  private readonly entries = new Map<string, { spanCount: number; answer: Promise<AnsweredTrace> }>();

  constructor(
    private readonly kept: number,
    private readonly onEncoded?: OnEncoded,
  ) {}

  get(key: string, trace: Trace): Promise<AnsweredTrace> {
    let entry = this.entries.get(key);
    this.entries.delete(key);
    if (entry?.spanCount !== trace.spans.length) {
      const answer = encodeColumns(trace, this.onEncoded);
      const made = { spanCount: trace.spans.length, answer };
      answer.catch(() => {
        if (this.entries.get(key) === made) this.entries.delete(key);
      });
      entry = made;
    }
    this.entries.set(key, entry);
    for (const old of this.entries.keys()) {
      if (this.entries.size <= this.kept) break;
      this.entries.delete(old);
    }
    return entry.answer;
  }
}

function pathSpanId(text: string): string {
  const id = normalizeSpanId(text);
  if (!id) throw new HttpError(400, `malformed spanID: ${JSON.stringify(text)} is not a hex span ID`);
  return id;
}

function positionParam(text: string | null): number | null {
  if (text === null || text === '') return null;
  if (!/^\d{1,9}$/.test(text))
    throw new HttpError(
      400,
      `unable to parse param 'position': ${JSON.stringify(text)} is not a whole number`,
    );
  return Number(text);
}

function sendBytes(
  ctx: RequestContext,
  parts: readonly Uint8Array[],
  byteLength: number,
  contentType: string,
): void {
  const res: ServerResponse = ctx.res;
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': byteLength });
  if (ctx.req.method !== 'HEAD') for (const part of parts) if (part.length) res.write(part);
  res.end();
}

export interface TraceColumnsRoutes {
  /**
   * Starts answering a trace's columns, given the ID as in a path (a no-op when it is answered,
   * not found or no ID). Resolves when the answer is ready or there is none; never rejects.
   */
  prepare(traceId: string): Promise<void>;
}

export function registerTraceColumnsRoutes(
  router: Router,
  deps: {
    store: TraceStore;
    archive?: ArchiveStore;
    kept?: number;
    /** Told of each encoding: its trace, span count and milliseconds (diagnostics, tests). */
    onEncoded?: (traceId: string, spanCount: number, ms: number) => void;
  },
): TraceColumnsRoutes {
  const answered = new AnsweredTraces(deps.kept ?? ANSWERED_TRACES_KEPT, deps.onEncoded);

  /** The trace (main store first, then the archive, as get-by-ID) and its answer. */
  const answerFor = async (id: string): Promise<AnsweredTrace> => {
    const stored = await deps.store.getTrace(id);
    const trace = stored ?? (await deps.archive?.getTrace(id)) ?? null;
    if (!trace) throw new HttpError(404, 'trace not found');
    return answered.get(`${stored ? 'store' : 'archive'}:${id}`, trace);
  };
  const answer = (ctx: RequestContext) => answerFor(pathTraceId(ctx.params.traceID));

  router.get('/api/traces/:traceID/columns', async (ctx) => {
    const { parts, byteLength } = await answer(ctx);
    sendBytes(ctx, parts, byteLength, TRACE_COLUMNS_MEDIA_TYPE);
  });

  router.get('/api/traces/:traceID/spans/:spanID', async (ctx) => {
    const spanId = pathSpanId(ctx.params.spanID);
    const position = positionParam(ctx.query.get('position'));
    const entry = await answer(ctx);
    const plan = (entry.plan ??= planAdjustments(entry.trace));
    const at = position ?? (entry.positions ??= new FirstPositions(entry.spanIds)).get(spanId);
    if (at < 0 || at >= plan.length) throw new HttpError(404, 'span not found');
    const span = plan.span(at);
    if (span.spanId !== spanId) throw new HttpError(404, 'span not found');
    const one: SpanSequence = { traceId: plan.traceId, warnings: [], length: 1, span: () => span };
    // A few kilobytes: one write with a length (small chunked writes can wait on delayed ACKs).
    const body = Buffer.concat([...jaegerTraceChunks([one], { pretty: false })].map((c) => Buffer.from(c)));
    sendBytes(ctx, [body], body.length, 'application/json');
  });

  return {
    prepare: async (traceId) => {
      const id = parseTraceIdParam(traceId);
      if (id) await answerFor(id).catch(() => undefined);
    },
  };
}
