/**
 * Runs one comparison in a dedicated worker: each trace's bytes are handed over (transferred, not
 * copied) as soon as they are downloaded, and the diff comes back as typed arrays. Where module
 * workers are missing (happy-dom in unit tests) the same handler runs in-process.
 */
import type { TraceDiff } from '../../../../core/diff/traceDiff';
import { ComparisonError } from '../compareError';
import type { DiffStage, DiffTimings, DiffWorkerRequest, DiffWorkerResponse, Side } from './diffProtocol';
import { createDiffRequestHandler } from './diffSession';

interface Channel {
  post(message: DiffWorkerRequest, transfer?: Transferable[]): void;
  listen(onMessage: (message: DiffWorkerResponse) => void, onCrash: (reason: string) => void): void;
  close(): void;
}

function workerChannel(): Channel | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./diff.worker.ts', import.meta.url), { type: 'module', name: 'compare' });
  } catch {
    return null;
  }
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    listen(onMessage, onCrash) {
      worker.onmessage = (event: MessageEvent<DiffWorkerResponse>) => onMessage(event.data);
      worker.onerror = (event) => onCrash(event.message || 'the compare worker stopped');
      worker.onmessageerror = () => onCrash('a message from the compare worker could not be read');
    },
    close: () => worker.terminate(),
  };
}

function inProcessChannel(): Channel {
  let listener: ((message: DiffWorkerResponse) => void) | null = null;
  let closed = false;
  const handle = createDiffRequestHandler((message) => {
    setTimeout(() => {
      if (!closed) listener?.(message);
    }, 0);
  });
  return {
    post: (message) => setTimeout(() => !closed && handle(message), 0),
    listen: (onMessage) => (listener = onMessage),
    close: () => (closed = true),
  };
}

export interface ComparisonResult {
  diff: TraceDiff;
  timings: DiffTimings;
}

export interface ComparisonRun {
  /** Hands one trace's response body to the worker. */
  send(side: Side, bytes: Uint8Array<ArrayBuffer>, sourceUrl: string): void;
  /** Settles once: with the diff, or with a ComparisonError. Closes the worker either way. */
  readonly result: Promise<ComparisonResult>;
  /** Stops the worker; a pending result rejects with `reason`. */
  cancel(reason: unknown): void;
}

export function startComparison(onStage: (side: Side | null, stage: DiffStage) => void): ComparisonRun {
  const channel = workerChannel() ?? inProcessChannel();
  const sources: Record<Side, string> = { a: '', b: '' };
  let settle: { resolve: (r: ComparisonResult) => void; reject: (e: unknown) => void } | null = null;
  const result = new Promise<ComparisonResult>((resolve, reject) => (settle = { resolve, reject }));
  const finish = (outcome: { ok: ComparisonResult } | { error: unknown }) => {
    const waiting = settle;
    if (!waiting) return;
    settle = null;
    channel.close();
    if ('ok' in outcome) waiting.resolve(outcome.ok);
    else waiting.reject(outcome.error);
  };
  channel.listen(
    (message) => {
      if (message.type === 'stage') onStage(message.side, message.stage);
      else if (message.type === 'failed') {
        const status = message.notFound ? 404 : 200;
        const url = sources[message.side];
        finish({ error: new ComparisonError(message.message, status, url, message.side) });
      } else finish({ ok: { diff: message.diff, timings: message.timings } });
    },
    (reason) => finish({ error: new ComparisonError(`The comparison stopped: ${reason}`, 0, '', null) }),
  );
  return {
    send: (side, bytes, sourceUrl) => {
      sources[side] = sourceUrl;
      if (settle) channel.post({ type: 'trace', side, bytes, sourceUrl }, [bytes.buffer]);
    },
    result,
    cancel: (reason) => finish({ error: reason }),
  };
}
