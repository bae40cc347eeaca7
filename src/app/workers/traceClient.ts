/**
 * The page's handle on a trace loaded in a worker. Parsing a 70 MB body and indexing 100k spans
 * takes seconds; in a worker the page keeps painting progress. Where module workers are missing
 * (happy-dom in unit tests) the same handler runs in-process behind the same interface.
 */
import {
  createTraceRequestHandler,
  type LoadTimings,
  type TraceWorkerRequest,
  type TraceWorkerResponse,
} from './traceProtocol';
import { ColumnFind } from './columnFind';
import type { AnalysisName, AnalysisParams, AnalysisResult } from './analyses/registry';
import { openChannel, type Channel as WorkerChannel } from './channel';
import type { TraceSource } from './fetchTrace';
import type { FindOutcome, SpanDetailsPayload, TraceSkeleton } from './traceModel';
import { TraceLoadError, type LoadStage } from './traceSession';

type Channel = WorkerChannel<TraceWorkerRequest, TraceWorkerResponse>;

const openTraceChannel = (): Channel =>
  openChannel(
    () => new Worker(new URL('./traceWorker.ts', import.meta.url), { type: 'module', name: 'trace' }),
    createTraceRequestHandler,
    'trace',
  );

export interface OpenTraceOptions {
  onStage?: (stage: LoadStage) => void;
  /** Download progress while the worker fetches the trace itself (fetchTraceInWorker). */
  onProgress?: (progress: { receivedBytes: number; totalBytes: number | null }) => void;
  signal?: AbortSignal;
}

/**
 * Where the trace's spans are: all read (`complete`), still downloading behind rows that came
 * first as columns, or not to be had (the download failed, or the trace changed meanwhile and
 * must be reopened).
 */
export type SpansState =
  | { state: 'complete' }
  | { state: 'downloading'; receivedBytes: number; totalBytes: number | null }
  | { state: 'failed'; message: string; changed: boolean };

/**
 * User Timing marks of a trace's load (`tracelens:columns-downloaded`, `tracelens:json-downloaded`,
 * `tracelens:rows-received`, `tracelens:spans-read`): downloads happen in the worker, whose resource timings the page's
 * performance panel and the browser benchmark cannot see.
 */
function markLoad(name: string, startTime?: number, detail?: unknown): void {
  if (typeof performance.mark !== 'function') return;
  try {
    performance.mark(`tracelens:${name}`, { startTime, detail });
  } catch {
    // A mark is diagnostics only.
  }
}

function markDownloaded(message: Extract<TraceWorkerResponse, { type: 'downloaded' }>): void {
  markLoad(`${message.what}-downloaded`, Math.max(0, message.endEpochMs - performance.timeOrigin), {
    bytes: message.bytes,
  });
}

type Pending = { resolve: (message: TraceWorkerResponse) => void; reject: (error: Error) => void };

export class TraceHandle {
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private crashed: string | null = null;
  private spans: SpansState;
  private readonly spansListeners = new Set<() => void>();
  private readonly columnFind: ColumnFind;

  constructor(
    private readonly channel: Channel,
    readonly skeleton: TraceSkeleton,
    readonly timings: LoadTimings,
    complete = true,
  ) {
    this.spans = complete
      ? { state: 'complete' }
      : { state: 'downloading', receivedBytes: 0, totalBytes: null };
    this.columnFind = new ColumnFind(skeleton);
  }

  /** Where the spans are (for details, text find, the views); see SpansState. */
  spansState = (): SpansState => this.spans;

  /** Calls `listener` whenever spansState changes; returns the unsubscribe. */
  subscribeSpans = (listener: () => void): (() => void) => {
    this.spansListeners.add(listener);
    return () => this.spansListeners.delete(listener);
  };

  private setSpans(next: SpansState): void {
    this.spans = next;
    for (const listener of this.spansListeners) listener();
  }

  /** Called by openTrace once loaded: routes answers to the requests that asked. */
  receive(message: TraceWorkerResponse): void {
    if (message.type === 'progress' && this.spans.state === 'downloading') {
      return this.setSpans({
        state: 'downloading',
        receivedBytes: message.receivedBytes,
        totalBytes: message.totalBytes,
      });
    }
    if (message.type === 'downloaded') return markDownloaded(message);
    if (message.type === 'completed') {
      markLoad('spans-read');
      return this.setSpans({ state: 'complete' });
    }
    if (message.type === 'behindFailed') {
      return this.setSpans({ state: 'failed', message: message.message, changed: message.changed });
    }
    if (!('requestId' in message)) return;
    const waiting = this.pending.get(message.requestId);
    if (!waiting) return;
    this.pending.delete(message.requestId);
    if (message.type === 'rejected') waiting.reject(new Error(message.message));
    else waiting.resolve(message);
  }

  crash(reason: string): void {
    this.crashed = reason;
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason));
    this.pending.clear();
  }

  private ask(request: TraceWorkerRequest & { requestId: number }): Promise<TraceWorkerResponse> {
    if (this.crashed) return Promise.reject(new Error(this.crashed));
    return new Promise((resolve, reject) => {
      this.pending.set(request.requestId, { resolve, reject });
      this.channel.post(request);
    });
  }

  async details(row: number): Promise<SpanDetailsPayload> {
    const answer = await this.ask({ type: 'details', requestId: this.nextRequestId++, row });
    if (answer.type !== 'details') throw new Error(`unexpected answer ${answer.type}`);
    return answer.details;
  }

  /**
   * Finds matching rows. Queries of column terms only (duration, error, kind, service, critical
   * path) are answered here from the rows, at once, however busy the worker is (reading a
   * million spans' JSON, an insight detector); the others are asked of the worker.
   */
  async find(text: string): Promise<FindOutcome> {
    const local = this.columnFind.find(text);
    if (local) return local;
    const answer = await this.ask({ type: 'find', requestId: this.nextRequestId++, text });
    if (answer.type !== 'found') throw new Error(`unexpected answer ${answer.type}`);
    return answer.outcome;
  }

  /** Runs one of the worker's analyses (analyses/registry.ts) and resolves with its result. */
  async analyse<N extends AnalysisName>(name: N, params: AnalysisParams<N>): Promise<AnalysisResult<N>> {
    const answer = await this.ask({ type: 'analyse', requestId: this.nextRequestId++, name, params });
    if (answer.type !== 'analysed') throw new Error(`unexpected answer ${answer.type}`);
    return answer.result as AnalysisResult<N>;
  }

  dispose(): void {
    this.crash('the trace was closed');
    this.channel.close();
  }
}

/** A fresh worker (or in-process handler) and the promise of its loaded trace. */
function startLoad({ onStage, onProgress, signal }: OpenTraceOptions) {
  const channel = openTraceChannel();
  let fail: (error: Error) => void = () => {};
  const loaded = new Promise<TraceHandle>((resolve, reject) => {
    let handle: TraceHandle | null = null;
    fail = (error: Error) => {
      signal?.removeEventListener('abort', onAbort);
      channel.close();
      reject(error);
    };
    const onAbort = () =>
      fail(signal?.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', onAbort, { once: true });
    channel.listen(
      (message) => {
        if (handle) return handle.receive(message);
        if (message.type === 'stage') onStage?.(message.stage);
        else if (message.type === 'progress') onProgress?.(message);
        else if (message.type === 'downloaded') markDownloaded(message);
        else if (message.type === 'failed') {
          fail(new TraceLoadError(message.message, message.notFound, message.status));
        } else if (message.type === 'loaded') {
          markLoad('rows-received', undefined, { timings: message.timings, complete: message.complete });
          signal?.removeEventListener('abort', onAbort);
          handle = new TraceHandle(channel, message.skeleton, message.timings, message.complete);
          resolve(handle);
        }
      },
      (reason) =>
        handle ? handle.crash(reason) : fail(new TraceLoadError(`The trace could not be read: ${reason}`)),
    );
  });
  // Whoever awaits `loaded` sees failures; until then they must not count as unhandled.
  loaded.catch(() => {});
  return { channel, loaded, abort: (error: Error) => fail(error) };
}

/** Hands the downloaded bytes to a fresh worker (transferred, not copied) and waits for the index. */
export function openTrace(
  bytes: Uint8Array<ArrayBuffer>,
  sourceUrl: string,
  options: OpenTraceOptions = {},
): Promise<TraceHandle> {
  const { channel, loaded } = startLoad(options);
  channel.post({ type: 'load', bytes, sourceUrl }, [bytes.buffer]);
  return loaded;
}

/**
 * Starts a worker that downloads the trace itself (fetchTrace.ts): the columns first where the
 * backend has them, then the JSON. Resolves once the rows can be shown.
 */
export function fetchTraceInWorker(
  source: TraceSource,
  options: OpenTraceOptions = {},
): Promise<TraceHandle> {
  const { channel, loaded } = startLoad(options);
  channel.post({ type: 'fetch', source });
  return loaded;
}

/** A trace fed to its worker piece by piece while it downloads. */
export interface TraceStream {
  /** Before the first piece: the body's size when the server said (sizes the worker's buffer). */
  begin(expectedBytes: number | null): void;
  /** Hands over the next piece of the response (transferred, not copied). */
  append(chunk: Uint8Array<ArrayBuffer>): void;
  /** After the last piece: waits for the index. */
  finish(sourceUrl: string): Promise<TraceHandle>;
  /** Stops the worker, e.g. when the download failed. */
  abort(reason: Error): void;
}

/**
 * Starts a worker that reads the trace while it downloads: each piece is scanned as it arrives,
 * so the work left when the last byte comes is a fraction of reading the whole body then. Call
 * it before the request: the worker starts up while the backend prepares its answer.
 */
export function streamTrace(options: OpenTraceOptions = {}): TraceStream {
  const { channel, loaded, abort } = startLoad(options);
  let begun = false;
  const begin = (expectedBytes: number | null) => {
    if (begun) return;
    begun = true;
    channel.post({ type: 'begin', expectedBytes });
  };
  return {
    begin,
    append: (chunk) => {
      begin(null);
      // A piece that is a view into a larger buffer is copied, so nothing else is detached.
      const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
      const own = whole ? chunk : chunk.slice();
      channel.post({ type: 'chunk', bytes: own }, [own.buffer]);
    },
    finish: (sourceUrl) => {
      begin(null);
      channel.post({ type: 'end', sourceUrl });
      return loaded;
    },
    abort,
  };
}
