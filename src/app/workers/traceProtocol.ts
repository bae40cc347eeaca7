/** Messages between the page and the trace worker, and the handler both ends of a channel share. */
import { skeletonTransferables } from './buildSkeleton';
import type { FindOutcome, SpanDetailsPayload, TraceSkeleton } from './traceModel';
import { TraceLoadError, TraceSession, type LoadStage } from './traceSession';
import { UNFINISHED } from './analyses/analysis';
import { analysisPriority } from './analyses/registry';
import { PRIORITY, WorkScheduler } from './analyses/workScheduler';

export interface LoadTimings {
  parseMs: number;
  indexMs: number;
  analyseMs: number;
}

export type TraceWorkerRequest =
  | { type: 'load'; bytes: Uint8Array; sourceUrl: string }
  /** A response streamed in: begin, its pieces as they arrive (scanned at once), then end. */
  | { type: 'begin'; expectedBytes: number | null }
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end'; sourceUrl: string }
  | { type: 'details'; requestId: number; row: number }
  | { type: 'find'; requestId: number; text: string }
  | { type: 'analyse'; requestId: number; name: string; params: unknown };

export type TraceWorkerResponse =
  | { type: 'stage'; stage: LoadStage }
  | { type: 'loaded'; skeleton: TraceSkeleton; timings: LoadTimings }
  | { type: 'failed'; message: string; notFound: boolean }
  | { type: 'details'; requestId: number; details: SpanDetailsPayload }
  | { type: 'found'; requestId: number; outcome: FindOutcome }
  | { type: 'analysed'; requestId: number; result: unknown }
  | { type: 'rejected'; requestId: number; message: string };

export type PostResponse = (message: TraceWorkerResponse, transfer?: Transferable[]) => void;

/** Milliseconds of find preparation between two looks at the message queue. */
const PREPARE_SLICE_MS = 12;

/** Returns the function that answers one request; it owns the session for the channel's life. */
export function createTraceRequestHandler(post: PostResponse): (request: TraceWorkerRequest) => void {
  const session = new TraceSession();
  // Cleared when the channel fails a load: later pieces of that response are dropped.
  let receiving = true;
  // Requests someone waits for go before background work, which runs in slices (workScheduler.ts).
  const work = new WorkScheduler();
  const open = (load: (onStage: (stage: LoadStage) => void) => TraceSkeleton) => {
    const marks: Partial<Record<LoadStage | 'done', number>> = {};
    try {
      const skeleton = load((stage) => {
        marks[stage] = performance.now();
        post({ type: 'stage', stage });
      });
      marks.done = performance.now();
      const timings: LoadTimings = {
        parseMs: (marks.indexing ?? 0) - (marks.parsing ?? 0),
        indexMs: (marks.analysing ?? 0) - (marks.indexing ?? 0),
        analyseMs: marks.done - (marks.analysing ?? 0),
      };
      post({ type: 'loaded', skeleton, timings }, skeletonTransferables(skeleton));
      // After the rows are on their way: the first text search then finds its tables ready.
      work.clear(PRIORITY.idle);
      work.add(PRIORITY.idle, () => session.prepareFindSlice(PREPARE_SLICE_MS));
    } catch (error) {
      const notFound = error instanceof TraceLoadError && error.notFound;
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error), notFound });
    }
  };
  return (request) => {
    switch (request.type) {
      case 'load':
        return open((onStage) => session.load(request.bytes, request.sourceUrl, onStage));
      case 'begin':
        session.begin(request.expectedBytes);
        receiving = true;
        return;
      case 'chunk':
        if (!receiving) return;
        try {
          session.append(request.bytes);
        } catch (error) {
          receiving = false;
          post({
            type: 'failed',
            message: error instanceof Error ? error.message : String(error),
            notFound: false,
          });
        }
        return;
      case 'end':
        if (receiving) open((onStage) => session.finish(request.sourceUrl, onStage));
        return;
      case 'details':
        return work.add(PRIORITY.user, () => {
          try {
            post({ type: 'details', requestId: request.requestId, details: session.details(request.row) });
          } catch (error) {
            post({ type: 'rejected', requestId: request.requestId, message: String(error) });
          }
        });
      case 'find':
        return work.add(PRIORITY.user, () => {
          const outcome = session.find(request.text);
          post(
            { type: 'found', requestId: request.requestId, outcome },
            'rows' in outcome ? [outcome.rows.buffer as ArrayBuffer] : [],
          );
        });
      case 'analyse':
        return work.add(analysisPriority(request.name), () => {
          try {
            const { result, transfer } = session.analyse(request.name, request.params);
            // A background analysis did one slice: it runs again after waiting requests.
            if (result === UNFINISHED) return true;
            post({ type: 'analysed', requestId: request.requestId, result }, transfer);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            post({ type: 'rejected', requestId: request.requestId, message });
          }
        });
    }
  };
}
