/**
 * Jaeger's remote sampling HTTP endpoint (`internal/sampling/http/handler.go`), registered on "/":
 * any path and any method answer, because SDKs differ in the path they poll (`/sampling`,
 * `/api/sampling`, `/`). The same answer is served on the query port at `/api/sampling`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from '../http/listen';
import { sendGoError } from '../http/respond';
import { encodeStrategyResponse } from './response';
import type { SamplingStore } from './store';

export const SERVICE_PARAM_ERROR = "'service' parameter must be provided once";

/** Writes the strategy for `?service=` (which must appear exactly once, even if empty). */
export function sendSamplingStrategy(
  res: ServerResponse,
  store: SamplingStore,
  query: URLSearchParams,
): void {
  const services = query.getAll('service');
  if (services.length !== 1) return sendGoError(res, 400, SERVICE_PARAM_ERROR);
  let body: string;
  try {
    body = encodeStrategyResponse(store.strategyFor(services[0]));
  } catch (err) {
    // Jaeger's wording for a provider failure.
    return sendGoError(res, 500, `collector error: ${err instanceof Error ? err.message : String(err)}`);
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The handler for the sampling port (Jaeger: 5778). */
export function createSamplingPortHandler(store: SamplingStore): RequestHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    sendSamplingStrategy(res, store, url.searchParams);
  };
}
