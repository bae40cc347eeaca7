/**
 * CORS and the bearer-token check in front of an HTTP receiver (OTLP/HTTP, Zipkin). Each
 * receiver answers an unauthenticated request in its own protocol's error format.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from '../http/listen';
import { createTokenCheck, type AuthFailure } from './bearerToken';
import { applyCors } from './cors';

export const INGEST_TOKEN_SETTING = 'ingest_token (--ingest-token, TRACELENS_INGEST_TOKEN)';

export interface IngestGuardOptions {
  /** Bearer token the senders must present; '' leaves the receiver open. */
  token: string;
  corsOrigins: readonly string[];
  /** Writes the 401 in the receiver's format; the WWW-Authenticate header is already set. */
  refuse: (req: IncomingMessage, res: ServerResponse, failure: AuthFailure) => void;
}

export function createIngestTokenCheck(token: string) {
  return createTokenCheck(token, {
    what: 'ingest',
    setting: INGEST_TOKEN_SETTING,
    realm: 'tracelens-ingest',
  });
}

export function guardIngest(handler: RequestHandler, options: IngestGuardOptions): RequestHandler {
  const checkToken = createIngestTokenCheck(options.token);
  const cors = {
    origins: options.corsOrigins,
    methods: ['POST'],
    allowHeaders: ['Authorization', 'Content-Type', 'Content-Encoding'],
    setting: 'ingest_cors_allowed_origins',
  };
  return async (req, res) => {
    if (applyCors(req, res, cors)) return;
    const failure = checkToken(req.headers.authorization);
    if (failure) {
      // Read the body off the socket so that the answer reaches the client.
      req.resume();
      res.setHeader('WWW-Authenticate', failure.challenge);
      return options.refuse(req, res, failure);
    }
    await handler(req, res);
  };
}
