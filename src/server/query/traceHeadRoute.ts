/**
 * `GET /api/traces/{traceID}/head?rows=N` — a Tracelens extension (Jaeger answers it with a
 * plain 404): the first N rows of the trace in display order, its span count, service count and
 * time range (core/tree/traceHead.ts), as small JSON. The trace page asks for it next to the full
 * trace and draws the first screen from it while the full response (85 MB at 100k spans) is
 * still being written and read. Documented in docs/trace-head-api.md.
 */
import { adjustedTrace } from '../../core/adjust/adjustPlan';
import { indexSpanIds } from '../../core/adjust/spanIdIndex';
import { jaegerTraceId } from '../../core/model/ids';
import type { Trace } from '../../core/model/trace';
import { traceHead, type TraceHead } from '../../core/tree/traceHead';
import { HttpError } from '../http/httpError';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { ArchiveStore } from '../storage/archiveStore';
import type { TraceStore } from '../storage/traceStore';
import { pathTraceId } from './traceIdParam';

export const DEFAULT_HEAD_ROWS = 100;
export const MAX_HEAD_ROWS = 1000;

function rowsParam(text: string | null): number {
  if (text === null || text === '') return DEFAULT_HEAD_ROWS;
  const rows = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(rows >= 1 && rows <= MAX_HEAD_ROWS))
    throw new HttpError(
      400,
      `unable to parse param 'rows': ${JSON.stringify(text)} is not a whole number from 1 to ${MAX_HEAD_ROWS}`,
    );
  return rows;
}

/**
 * The spans whose order the page will show. Without repeated span IDs (nearly every trace) the
 * adjusters change no ID, parent or time, so the stored spans give the same rows; otherwise the
 * trace is adjusted first, as the full response is.
 */
function spansAsAnswered(trace: Trace) {
  const read = (spans: Trace['spans']) => indexSpanIds((i) => spans[i].spanId, spans.length);
  const stored = read(trace.spans);
  if (!stored.repeated) return { spans: trace.spans, positions: stored.positions };
  const adjusted = adjustedTrace(trace).spans;
  return { spans: adjusted, positions: read(adjusted).positions };
}

/** Times cut to whole microseconds, as the Jaeger JSON of the full trace carries them. */
function inWholeMicros(head: TraceHead): TraceHead {
  return {
    ...head,
    durationUs: Math.trunc(head.durationUs),
    rows: head.rows.map((r) => ({
      ...r,
      startUs: Math.trunc(r.startUs),
      durationUs: Math.trunc(r.durationUs),
    })),
  };
}

export function registerTraceHeadRoute(
  router: Router,
  deps: { store: TraceStore; archive?: ArchiveStore },
): void {
  router.get('/api/traces/:traceID/head', async (ctx) => {
    const id = pathTraceId(ctx.params.traceID);
    const rows = rowsParam(ctx.query.get('rows'));
    const trace = (await deps.store.getTrace(id)) ?? (await deps.archive?.getTrace(id)) ?? null;
    if (!trace) throw new HttpError(404, 'trace not found');
    const { spans, positions } = spansAsAnswered(trace);
    const head = traceHead(jaegerTraceId(trace.traceId), spans, positions, rows);
    sendJson(ctx.res, 200, inWholeMicros(head));
  });
}
