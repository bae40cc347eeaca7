import type { ServerResponse } from 'node:http';

/**
 * JSON; `prettyPrint` indents with 4 spaces as Jaeger does. No replacer: it would slow every
 * response several times over, and the converters never hand us a bigint.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, pretty = false): void {
  const text = JSON.stringify(body, null, pretty ? 4 : undefined);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Go's http.Error: text/plain, nosniff, and a trailing newline. Jaeger writes its JSON error bodies this way. */
export function sendGoError(res: ServerResponse, status: number, body: string): void {
  const text = `${body}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Jaeger's v1 error envelope. */
export function sendJaegerError(res: ServerResponse, status: number, msg: string): void {
  sendGoError(
    res,
    status,
    JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] }),
  );
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendNotFound(res: ServerResponse): void {
  sendGoError(res, 404, '404 page not found');
}

/** Waits until the response's buffered output has gone to the socket, or the client went away. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A response body written in chunks as `chunks` produces them, for answers too large to build
 * as one string (a million-span trace is ~850 MB of JSON, past V8's string limit). Between two
 * chunks the event loop runs (other requests and ingest are served meanwhile), and a chunk the
 * socket cannot take yet is waited for ('drain'). Chunked transfer encoding, no Content-Length.
 *
 * When the client goes away the producer is stopped (its `return()` runs, so its `finally`
 * blocks do) and nothing more is computed. A HEAD request gets the headers only. If the producer
 * throws after the headers went out, the connection is destroyed, since no error status can
 * follow a started body, and the error is rethrown for the caller's log.
 *
 * Resolves true when the whole body was written, false when the client left first.
 */
export async function streamChunks(
  res: ServerResponse,
  status: number,
  chunks: Iterable<string | Uint8Array>,
  contentType = 'application/json',
): Promise<boolean> {
  res.writeHead(status, { 'Content-Type': contentType });
  if (res.req.method === 'HEAD') {
    res.end();
    return true;
  }
  let closed = false;
  const onClose = () => {
    closed = true;
  };
  res.once('close', onClose);
  const gone = () => closed || res.destroyed;
  const producer = chunks[Symbol.iterator]();
  try {
    // Checked before each chunk is made: a client that left costs no more work.
    while (!gone()) {
      const next = producer.next();
      if (next.done) break;
      if (!res.write(next.value)) await drainedOrClosed(res);
      // Always a full turn: a write the kernel takes at once emits 'drain' on the next tick,
      // so waiting for 'drain' alone would never let timers and other sockets run.
      await nextTurn();
    }
    if (gone()) return false;
    res.end();
    return true;
  } catch (err) {
    res.destroy();
    throw err;
  } finally {
    producer.return?.();
    res.off('close', onClose);
  }
}
