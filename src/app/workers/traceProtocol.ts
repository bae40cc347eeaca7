/** Messages between the page and the trace worker, and the handler both ends of a channel share. */
import { skeletonTransferables } from './buildSkeleton';
import type { FindOutcome, SpanDetailsPayload, TraceSkeleton } from './traceModel';
import { TraceLoadError, TraceSession, type LoadStage } from './traceSession';
import { UNFINISHED } from './analyses/analysis';
import { formatBytes } from '../format/bytes';
import { fetchSpan, fetchTrace, type TraceSource } from './fetchTrace';
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
  /** Downloads the trace in the worker (fetchTrace.ts). */
  | { type: 'fetch'; source: TraceSource }
  | { type: 'details'; requestId: number; row: number }
  | { type: 'find'; requestId: number; text: string }
  | { type: 'analyse'; requestId: number; name: string; params: unknown };

export type TraceWorkerResponse =
  | { type: 'stage'; stage: LoadStage }
  /** `complete` is false when the rows came first and the spans still download (fetchTrace.ts). */
  | { type: 'loaded'; skeleton: TraceSkeleton; timings: LoadTimings; complete: boolean }
  | { type: 'failed'; message: string; notFound: boolean; status?: number }
  /** Bytes of the download; `behind` when the rows are shown and the spans follow them. */
  | { type: 'progress'; receivedBytes: number; totalBytes: number | null; behind: boolean }
  /** A body has arrived: `endEpochMs` is when (performance.timeOrigin + now, comparable across threads). */
  | { type: 'downloaded'; what: 'columns' | 'json'; bytes: number; endEpochMs: number }
  /** The spans behind the rows are read. */
  | { type: 'completed' }
  /** The spans behind the rows could not be read; `changed` when the trace changed meanwhile. */
  | { type: 'behindFailed'; message: string; changed: boolean }
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
  let source: TraceSource | null = null;
  const downloads = new AbortController();
  /** Requests for the spans (analyses) that wait until the spans behind the rows are read. */
  const waitingForSpans: (() => void)[] = [];
  let behindFailure: string | null = null;
  let behindProgress: { receivedBytes: number; totalBytes: number | null } | null = null;
  const downloadedSoFar = () => {
    if (!behindProgress) return undefined;
    const { receivedBytes, totalBytes } = behindProgress;
    return totalBytes
      ? `${Math.floor((receivedBytes / totalBytes) * 100)} %`
      : `${formatBytes(receivedBytes)} so far`;
  };
  const open = (
    load: (onStage: (stage: LoadStage) => void) => TraceSkeleton,
    { complete = true, fallible = false } = {},
  ): boolean => {
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
      post({ type: 'loaded', skeleton, timings, complete }, skeletonTransferables(skeleton));
      // After the rows are on their way: the first text search then finds its tables ready.
      if (complete) prepareInBackground();
      return true;
    } catch (error) {
      if (fallible) return false;
      const notFound = error instanceof TraceLoadError && error.notFound;
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error), notFound });
      return false;
    }
  };
  /**
   * Queues find's preparation in slices, ahead of background analyses: on a huge trace an insight
   * detector holds the worker for seconds, and a first search behind it would wait for them all.
   */
  const prepareInBackground = () => {
    work.clear(PRIORITY.preparation);
    work.add(PRIORITY.preparation, () => session.prepareFindSlice(PREPARE_SLICE_MS));
  };
  const startFetch = (from: TraceSource) => {
    source = from;
    void fetchTrace(session, from, downloads.signal, {
      progress: (p) => {
        if (p.behind) behindProgress = p;
        post({ type: 'progress', ...p });
      },
      open,
      downloaded: (what, bytes) =>
        post({ type: 'downloaded', what, bytes, endEpochMs: performance.timeOrigin + performance.now() }),
      failed: (message, status) =>
        post({ type: 'failed', message, notFound: status === 404 || /not found/i.test(message), status }),
      completed: () => {
        post({ type: 'completed' });
        // Before the analyses that waited (insights): the page's first search waits on it.
        prepareInBackground();
        for (const run of waitingForSpans.splice(0)) run();
      },
      behindFailed: (message, changed) => {
        behindFailure = message;
        post({ type: 'behindFailed', message, changed });
        for (const run of waitingForSpans.splice(0)) run();
      },
    });
  };
  /** Runs `run` now when the spans are read (or will not be), else once they are. */
  const withSpans = (run: () => void) => {
    if (session.complete || behindFailure !== null || !source) run();
    else waitingForSpans.push(run);
  };
  const remoteDetails = (requestId: number, row: number) => {
    const from = source;
    if (!from) return;
    void fetchSpan(from, session.spanIdOf(row), downloads.signal)
      .then((span) => post({ type: 'details', requestId, details: session.detailsFromSpan(row, span) }))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        post({ type: 'rejected', requestId, message });
      });
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
      case 'fetch':
        return startFetch(request.source);
      case 'details':
        return work.add(PRIORITY.user, () => {
          if (!session.complete && source?.spanUrl && behindFailure === null) {
            return remoteDetails(request.requestId, request.row);
          }
          try {
            post({ type: 'details', requestId: request.requestId, details: session.details(request.row) });
          } catch (error) {
            post({ type: 'rejected', requestId: request.requestId, message: String(error) });
          }
        });
      case 'find':
        return work.add(PRIORITY.user, () => {
          const outcome = session.find(request.text, downloadedSoFar());
          post(
            { type: 'found', requestId: request.requestId, outcome },
            'rows' in outcome ? [outcome.rows.buffer as ArrayBuffer] : [],
          );
        });
      case 'analyse':
        return withSpans(() =>
          work.add(analysisPriority(request.name), () => {
            if (!session.complete && behindFailure !== null) {
              const message = `This view needs the spans, which could not be read: ${behindFailure}`;
              return post({ type: 'rejected', requestId: request.requestId, message });
            }
            try {
              const { result, transfer } = session.analyse(request.name, request.params);
              // A background analysis did one slice: it runs again after waiting requests.
              if (result === UNFINISHED) return true;
              post({ type: 'analysed', requestId: request.requestId, result }, transfer);
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              post({ type: 'rejected', requestId: request.requestId, message });
            }
          }),
        );
    }
  };
}
