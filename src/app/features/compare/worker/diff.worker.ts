/// <reference lib="webworker" />
/** Entry point of the compare page's diff worker (bundled by Vite from `new Worker(new URL(...))`). */
import type { DiffWorkerRequest } from './diffProtocol';
import { createDiffRequestHandler } from './diffSession';

declare const self: DedicatedWorkerGlobalScope;

const handle = createDiffRequestHandler((message, transfer = []) => {
  self.postMessage(message, transfer);
  // A comparison is done after its answer. Closing from inside frees two indexed traces' worth of
  // heap on this thread; terminate() from the page can stall the page's thread while it does so.
  if (message.type === 'diffed' || message.type === 'failed') self.close();
});
self.onmessage = (event: MessageEvent<DiffWorkerRequest>) => handle(event.data);
