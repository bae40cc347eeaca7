/**
 * The worker side of a comparison: reads each trace as its bytes arrive (scanned piece by piece
 * while it downloads, as the trace page does, so A can be indexed while B is still coming), then
 * aligns them. Plain TypeScript with no worker globals, so tests and browsers without module
 * workers run it on the main thread.
 */
import { diffTraces, diffTransferables } from '../../../../core/diff/traceDiff';
import { tracesFromJaegerResponse } from '../../../../core/jaeger/fromJaegerJson';
import { JaegerResponseScanner } from '../../../../core/jaeger/scanJaegerResponse';
import type { Trace } from '../../../../core/model/trace';
import { buildTraceIndex, type TraceIndex } from '../../../../core/tree/traceIndex';
import { IncomingBody } from '../../../workers/incomingBody';
import { utf8 } from '../../../workers/utf8';
import type { DiffTimings, DiffWorkerRequest, PostDiffResponse, Side } from './diffProtocol';

class NotFound extends Error {}

/** The general decoder: for responses the byte scan does not handle, and to word errors. */
function decodeGenerally(bytes: Uint8Array, sourceUrl: string): Trace {
  let body: unknown;
  try {
    body = JSON.parse(utf8(bytes));
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
  const incoming: Partial<Record<Side, IncomingBody>> = {};
  const indexes: Partial<Record<Side, TraceIndex>> = {};
  const timings: DiffTimings = { parseMs: { a: 0, b: 0 }, indexMs: { a: 0, b: 0 }, diffMs: 0 };
  let failed = false;

  const fail = (side: Side, error: unknown) => {
    failed = true;
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'failed', side, message, notFound: error instanceof NotFound });
  };

  /** Reads and indexes one side's whole response; the byte scan has read as much as had arrived. */
  const open = (side: Side, bytes: Uint8Array, scanner: JaegerResponseScanner, sourceUrl: string) => {
    try {
      post({ type: 'stage', side, stage: 'parsing' });
      let started = performance.now();
      const scanned = scanner.finish(bytes);
      const trace = scanned?.trace ?? decodeGenerally(bytes, sourceUrl);
      timings.parseMs[side] = performance.now() - started;
      post({ type: 'stage', side, stage: 'indexing' });
      started = performance.now();
      indexes[side] = buildTraceIndex(trace, scanned ?? {});
      timings.indexMs[side] = performance.now() - started;
      post({ type: 'stage', side, stage: 'indexed' });
    } catch (error) {
      fail(side, error);
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

  return (request) => {
    const { side } = request;
    if (failed) return;
    switch (request.type) {
      case 'trace':
        return open(side, request.bytes, new JaegerResponseScanner(utf8), request.sourceUrl);
      case 'begin':
        incoming[side] = new IncomingBody(request.expectedBytes);
        return;
      case 'chunk':
        try {
          (incoming[side] ??= new IncomingBody(null)).append(request.bytes);
        } catch (error) {
          fail(side, error);
        }
        return;
      case 'end': {
        const body = incoming[side] ?? new IncomingBody(null);
        delete incoming[side];
        return open(side, body.bytes(), body.scanner, request.sourceUrl);
      }
    }
  };
}
