/**
 * What stands in front of the query port's handler: CORS for the API, the bearer-token check
 * for the API and /metrics, and the security headers of the UI. The UI's files and /health stay
 * open: the page holds no data (it asks the API, with the token), and probes need /health.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from '../http/listen';
import { sendGoError } from '../http/respond';
import { createTokenCheck, type AuthFailure } from './bearerToken';
import { applyCors, type CorsPolicy } from './cors';
import { uiSecurityHeaders } from './uiHeaders';

export interface QueryGuardOptions {
  basePath: string;
  /** Bearer token of the API and /metrics; '' leaves them open. */
  token: string;
  corsOrigins: readonly string[];
  frameAncestors: string;
}

function sendUnauthorized(res: ServerResponse, path: string, failure: AuthFailure): void {
  res.setHeader('WWW-Authenticate', failure.challenge);
  const body = path.startsWith('/api/v3/')
    ? { error: { httpCode: 401, message: failure.message } }
    : { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 401, msg: failure.message }] };
  sendGoError(res, 401, JSON.stringify(body));
}

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

  return async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    let path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (base && (path === base || path.startsWith(`${base}/`))) path = path.slice(base.length) || '/';
    const api = path === '/api' || path.startsWith('/api/');
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
