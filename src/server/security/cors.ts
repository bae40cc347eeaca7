/**
 * Cross-origin access, closed by default: without an allowlist no CORS header is ever sent, so
 * a page on another origin can neither read the query API nor send spans from a browser. With
 * one, preflights from listed origins are answered and responses carry the allow headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendGoError } from '../http/respond';

export interface CorsPolicy {
  /** Exact origins (`https://app.example.com`), or `*` for any. Empty: CORS is off. */
  readonly origins: readonly string[];
  readonly methods: readonly string[];
  /** Request headers a browser may send besides the CORS-safelisted ones. */
  readonly allowHeaders: readonly string[];
  /** Response headers a script on the allowed origin may read. */
  readonly exposeHeaders?: readonly string[];
  /** The setting holding the allowlist, named in the refusal so an operator knows what to change. */
  readonly setting: string;
}

/** Preflight answers may be cached this long by the browser, seconds. */
const PREFLIGHT_MAX_AGE = 600;

function allowedOrigin(policy: CorsPolicy, origin: string): string | null {
  if (policy.origins.includes('*')) return '*';
  return policy.origins.includes(origin.toLowerCase()) ? origin : null;
}

/**
 * Applies the policy to one request. Returns true when the request was a preflight and has been
 * answered; otherwise the caller handles the request (with the allow headers set when the origin
 * is listed).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, policy: CorsPolicy): boolean {
  if (policy.origins.length === 0) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const allowed = allowedOrigin(policy, origin);
  res.setHeader('Vary', 'Origin');
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (preflight) {
    req.resume();
    if (allowed === null) {
      sendGoError(res, 403, `CORS: origin ${origin} is not allowed; add it to ${policy.setting}`);
      return true;
    }
    res.writeHead(204, {
      'Access-Control-Allow-Origin': allowed,
      'Access-Control-Allow-Methods': policy.methods.join(', '),
      'Access-Control-Allow-Headers': policy.allowHeaders.join(', '),
      'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
      'Content-Length': 0,
    });
    res.end();
    return true;
  }
  if (allowed !== null) {
    res.setHeader('Access-Control-Allow-Origin', allowed);
    if (policy.exposeHeaders?.length)
      res.setHeader('Access-Control-Expose-Headers', policy.exposeHeaders.join(', '));
  }
  return false;
}
