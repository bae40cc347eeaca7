/**
 * Responses byte-shaped like Jaeger's: JSON bodies for success, and for errors Go's http.Error
 * (text/plain, nosniff, trailing newline) around the v1 envelope or the v3 gateway error.
 */
import { HttpResponse } from 'msw';
import { envelope } from '../../src/core/jaeger/jaegerJson';

function goHttpError(status: number, body: string) {
  return new HttpResponse(`${body}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

export function v1Ok<T>(data: T, total = 0) {
  return HttpResponse.json(envelope(data, total));
}

export function v1Error(status: number, msg: string) {
  return goHttpError(status, JSON.stringify(envelope(null, 0, [{ code: status, msg }])));
}

export function v3Ok(body: unknown) {
  return HttpResponse.json(body as Record<string, unknown>);
}

export function v3Error(status: number, message: string) {
  return goHttpError(status, JSON.stringify({ error: { httpCode: status, message } }));
}

/** What Jaeger's `/api/` catch-all (and Go's mux) answers for a route it does not serve. */
export function routeNotFound() {
  return goHttpError(404, '404 page not found');
}

/** What a query service that sends its UI for every unknown path answers (an SPA fallback). */
export function spaIndexHtml() {
  return new HttpResponse(
    '<!doctype html><html><head><title>Jaeger UI</title></head><body><div id="jaeger-ui-root"></div></body></html>',
    {
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    },
  );
}

/** A parameter error the way Jaeger words the strconv/time failures it wraps. */
export class ParamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
