/**
 * The page's end of a conversation with a worker: messages out, messages and crashes back.
 * Where module workers are missing (happy-dom in unit tests, or a browser that refuses to start
 * one) the worker's own handler runs in-process behind the same interface, each message
 * delivered on a later task as a worker's would be.
 */

export interface Channel<Request, Response> {
  post(message: Request, transfer?: Transferable[]): void;
  listen(onMessage: (message: Response) => void, onCrash: (reason: string) => void): void;
  close(): void;
}

/** Answers requests by posting responses: what a worker's entry point wires to `self`. */
export type RequestHandlerFactory<Request, Response> = (
  post: (message: Response, transfer?: Transferable[]) => void,
) => (request: Request) => void;

/**
 * `startWorker` must call `new Worker(new URL('./x.ts', import.meta.url), …)` itself, in the
 * module next to the worker's file, so that the bundler finds and builds the worker.
 */
function workerChannel<Request, Response>(
  startWorker: () => Worker,
  name: string,
): Channel<Request, Response> | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = startWorker();
  } catch {
    return null;
  }
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    listen(onMessage, onCrash) {
      worker.onmessage = (event: MessageEvent<Response>) => onMessage(event.data);
      worker.onerror = (event) => onCrash(event.message || `the ${name} worker stopped`);
      worker.onmessageerror = () => onCrash(`a message from the ${name} worker could not be read`);
    },
    close: () => worker.terminate(),
  };
}

function inProcessChannel<Request, Response>(
  createHandler: RequestHandlerFactory<Request, Response>,
): Channel<Request, Response> {
  let listener: ((message: Response) => void) | null = null;
  let closed = false;
  const handle = createHandler((message) => {
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

/** A worker started by `startWorker`, or `createHandler` in-process where workers are missing. */
export function openChannel<Request, Response>(
  startWorker: () => Worker,
  createHandler: RequestHandlerFactory<Request, Response>,
  name: string,
): Channel<Request, Response> {
  return workerChannel<Request, Response>(startWorker, name) ?? inProcessChannel(createHandler);
}
