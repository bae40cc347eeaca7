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
