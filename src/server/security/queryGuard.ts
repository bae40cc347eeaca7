/**
 * What stands in front of the query port's handler: CORS for the API, the bearer-token check
 * for the API and /metrics, and the security headers of the UI. The UI's files and /health stay
 * open: the page holds no data (it asks the API, with the token), and probes need /health.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from '../http/listen';
import { sendGoError } from '../http/respond';
import { createTokenCheck, type AuthFailure } from './bearerToken';
import { createHostCheck } from './hostCheck';
import { applyCors, type CorsPolicy } from './cors';
import { uiSecurityHeaders } from './uiHeaders';

export interface QueryGuardOptions {
  basePath: string;
  /** Bearer token of the API and /metrics; '' leaves them open. */
  token: string;
  corsOrigins: readonly string[];
  frameAncestors: string;
  /** Address the port listens on and extra host names it answers to (DNS-rebinding check). */
  listenHost: string;
  allowedHosts: readonly string[];
}

/** An error in the API's own envelope (v1 or v3), as the UI reads them. */
function sendApiError(res: ServerResponse, path: string, status: number, message: string): void {
  const body = path.startsWith('/api/v3/')
    ? { error: { httpCode: status, message } }
    : { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg: message }] };
  sendGoError(res, status, JSON.stringify(body));
}

function sendUnauthorized(res: ServerResponse, path: string, failure: AuthFailure): void {
  res.setHeader('WWW-Authenticate', failure.challenge);
  sendApiError(res, path, 401, failure.message);
}

/** 421 Misdirected Request: this server does not answer to the name the request used. */
const MISDIRECTED = 421;

export function guardQueryPort(handler: RequestHandler, options: QueryGuardOptions): RequestHandler {
  const checkToken = createTokenCheck(options.token, {
    what: 'query API',
    setting: 'query_token (--query-token, TRACELENS_QUERY_TOKEN)',
    realm: 'tracelens-query',
  });
  const cors: CorsPolicy = {
    origins: options.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Content-Encoding'],
    exposeHeaders: ['WWW-Authenticate'],
    setting: 'query_cors_allowed_origins',
  };
  const uiHeaders = Object.entries(uiSecurityHeaders(options.frameAncestors));
  const base = options.basePath;
  const checkHost = createHostCheck(options.listenHost, options.allowedHosts);

  return async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    let path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (base && (path === base || path.startsWith(`${base}/`))) path = path.slice(base.length) || '/';
    const api = path === '/api' || path.startsWith('/api/');
    // Before CORS and tokens: a rebound name gets nothing, not even a preflight answer.
    const refusal = checkHost?.(req.headers.host);
    if (refusal) {
      req.resume();
      if (api) return sendApiError(res, path, MISDIRECTED, refusal);
      return sendGoError(res, MISDIRECTED, refusal);
    }
    if (api && applyCors(req, res, cors)) return;
    if (api || path === '/metrics') {
      const failure = checkToken(req.headers.authorization);
      if (failure) {
        req.resume();
        return sendUnauthorized(res, path, failure);
      }
    } else if (path !== '/health') {
      // index.html replaces the policy with one that also lists its inline scripts' hashes.
      for (const [name, value] of uiHeaders) res.setHeader(name, value);
    }
    await handler(req, res);
  };
}
