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
import type { AnalysisName, AnalysisParams, AnalysisResult } from './analyses/registry';
import { openChannel, type Channel as WorkerChannel } from './channel';
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
  signal?: AbortSignal;
}

type Pending = { resolve: (message: TraceWorkerResponse) => void; reject: (error: Error) => void };

export class TraceHandle {
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private crashed: string | null = null;

  constructor(
    private readonly channel: Channel,
    readonly skeleton: TraceSkeleton,
    readonly timings: LoadTimings,
  ) {}

  /** Called by openTrace once loaded: routes answers to the requests that asked. */
  receive(message: TraceWorkerResponse): void {
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

  async find(text: string): Promise<FindOutcome> {
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
function startLoad({ onStage, signal }: OpenTraceOptions) {
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
        else if (message.type === 'failed') fail(new TraceLoadError(message.message, message.notFound));
        else if (message.type === 'loaded') {
          signal?.removeEventListener('abort', onAbort);
          handle = new TraceHandle(channel, message.skeleton, message.timings);
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
