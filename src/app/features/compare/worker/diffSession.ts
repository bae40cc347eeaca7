/**
 * The worker side of a comparison: parses and indexes each trace as its bytes arrive (A can be
 * indexed while B is still downloading), then aligns them. Plain TypeScript with no worker
 * globals, so tests and browsers without module workers run it on the main thread.
 */
import { diffTraces, diffTransferables } from '../../../../core/diff/traceDiff';
import { tracesFromJaegerResponse } from '../../../../core/jaeger/fromJaegerJson';
import type { Trace } from '../../../../core/model/trace';
import { buildTraceIndex, type TraceIndex } from '../../../../core/tree/traceIndex';
import type { DiffTimings, DiffWorkerRequest, PostDiffResponse, Side } from './diffProtocol';

class NotFound extends Error {}

function readTrace(bytes: Uint8Array, sourceUrl: string): Trace {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new Error(`The backend at ${sourceUrl} answered a response that is not JSON.`, { cause: error });
  }
  // Jaeger answers a trace it does not have with `"data": null` (and an error) or an empty list.
  if (typeof body === 'object' && body !== null && (body as { data?: unknown }).data === null) {
    throw new NotFound('trace not found');
  }
  let traces: Trace[];
  try {
    traces = tracesFromJaegerResponse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The backend at ${sourceUrl} sent a trace that could not be read: ${reason}`, {
      cause: error,
    });
  }
  if (traces.length === 0) throw new NotFound('trace not found');
  return traces[0];
}

/** Returns the function that handles one request; it keeps both sides for the channel's life. */
export function createDiffRequestHandler(post: PostDiffResponse): (request: DiffWorkerRequest) => void {
  const indexes: Partial<Record<Side, TraceIndex>> = {};
  const timings: DiffTimings = { parseMs: { a: 0, b: 0 }, indexMs: { a: 0, b: 0 }, diffMs: 0 };
  let failed = false;
  return (request) => {
    const { side } = request;
    if (failed) return;
    try {
      post({ type: 'stage', side, stage: 'parsing' });
      let started = performance.now();
      const trace = readTrace(request.bytes, request.sourceUrl);
      timings.parseMs[side] = performance.now() - started;
      post({ type: 'stage', side, stage: 'indexing' });
      started = performance.now();
      indexes[side] = buildTraceIndex(trace);
      timings.indexMs[side] = performance.now() - started;
      post({ type: 'stage', side, stage: 'indexed' });
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? error.message : String(error);
      const notFound = error instanceof NotFound;
      post({ type: 'failed', side, message, notFound });
      return;
    }
    const { a, b } = indexes;
    if (!a || !b) return;
    post({ type: 'stage', side: null, stage: 'aligning' });
    const started = performance.now();
    const diff = diffTraces(a, b);
    timings.diffMs = performance.now() - started;
    post({ type: 'diffed', diff, timings }, diffTransferables(diff));
  };
}
