/**
 * Runs one comparison in a dedicated worker: each trace's bytes are handed over (transferred, not
 * copied) piece by piece as they download, scanned there as they arrive, and the diff comes back
 * as typed arrays. Where module workers are missing (happy-dom in unit tests) the same handler
 * runs in-process.
 */
import type { TraceDiff } from '../../../../core/diff/traceDiff';
import { openChannel } from '../../../workers/channel';
import { ComparisonError } from '../compareError';
import type { DiffStage, DiffTimings, DiffWorkerRequest, DiffWorkerResponse, Side } from './diffProtocol';
import { createDiffRequestHandler } from './diffSession';

export interface ComparisonResult {
  diff: TraceDiff;
  timings: DiffTimings;
}

export interface ComparisonRun {
  /** Hands one trace's whole response body to the worker. */
  send(side: Side, bytes: Uint8Array<ArrayBuffer>, sourceUrl: string): void;
  /** Before a side's first piece: the body's size when the server said (sizes the buffer). */
  begin(side: Side, expectedBytes: number | null): void;
  /** Hands over the next piece of a side's response (transferred, not copied). */
  append(side: Side, chunk: Uint8Array<ArrayBuffer>): void;
  /** After a side's last piece. */
  end(side: Side, sourceUrl: string): void;
  /** Settles once: with the diff, or with a ComparisonError. Closes the worker either way. */
  readonly result: Promise<ComparisonResult>;
  /** Stops the worker; a pending result rejects with `reason`. */
  cancel(reason: unknown): void;
}

export function startComparison(onStage: (side: Side | null, stage: DiffStage) => void): ComparisonRun {
  const channel = openChannel<DiffWorkerRequest, DiffWorkerResponse>(
    () => new Worker(new URL('./diff.worker.ts', import.meta.url), { type: 'module', name: 'compare' }),
    createDiffRequestHandler,
    'compare',
  );
  const sources: Record<Side, string> = { a: '', b: '' };
  const begun: Record<Side, boolean> = { a: false, b: false };
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
  const post = (message: DiffWorkerRequest, transfer?: Transferable[]) => {
    if (settle) channel.post(message, transfer);
  };
  const begin = (side: Side, expectedBytes: number | null) => {
    if (begun[side]) return;
    begun[side] = true;
    post({ type: 'begin', side, expectedBytes });
  };
  return {
    send: (side, bytes, sourceUrl) => {
      sources[side] = sourceUrl;
      post({ type: 'trace', side, bytes, sourceUrl }, [bytes.buffer]);
    },
    begin,
    append: (side, chunk) => {
      begin(side, null);
      // A piece that is a view into a larger buffer is copied, so nothing else is detached.
      const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
      const own = whole ? chunk : chunk.slice();
      post({ type: 'chunk', side, bytes: own }, [own.buffer]);
    },
    end: (side, sourceUrl) => {
      sources[side] = sourceUrl;
      begin(side, null);
      post({ type: 'end', side, sourceUrl });
    },
    result,
    cancel: (reason) => finish({ error: reason }),
  };
}
