/// <reference lib="webworker" />
/**
 * ELK layout off the main thread: the GWT-compiled layout is synchronous and uninterruptible, and
 * ~1.5 MB that only this worker chunk loads. The client cancels by terminating the worker.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { runElkLayout } from './elkLayout';
import type { LayoutRequest, LayoutResponse } from './layoutProtocol';

const elk = new ELK();
const scope = self as unknown as DedicatedWorkerGlobalScope;

async function layout({ id, input }: LayoutRequest): Promise<LayoutResponse> {
  const started = performance.now();
  const positions = await runElkLayout(elk, input);
  return { id, ok: true, ...positions, ms: performance.now() - started };
}

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  layout(event.data).then(
    (response) => scope.postMessage(response),
    (err: unknown) =>
      scope.postMessage({ id: event.data.id, ok: false, message: String(err) } satisfies LayoutResponse),
  );
};
