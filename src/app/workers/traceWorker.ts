/// <reference lib="webworker" />
/** Entry point of the trace worker (bundled by Vite from `new Worker(new URL(...))`). */
import { createTraceRequestHandler, type TraceWorkerRequest } from './traceProtocol';

declare const self: DedicatedWorkerGlobalScope;

const handle = createTraceRequestHandler((message, transfer = []) => self.postMessage(message, transfer));
self.onmessage = (event: MessageEvent<TraceWorkerRequest>) => handle(event.data);
