/**
 * Bearer-token checks (RFC 6750) for the query API and the receivers. The presented token and
 * the expected one are hashed before the constant-time comparison, so neither a common prefix
 * nor the token's length shows in the response time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type AuthFailure = {
  /** `missing`: no usable Authorization header; `invalid`: a token that is not the right one. */
  readonly reason: 'missing' | 'invalid';
  readonly message: string;
  /** The WWW-Authenticate challenge an HTTP 401 carries. */
  readonly challenge: string;
};

/** The token of an `Authorization: Bearer <token>` value (scheme case-insensitive), or null. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^[ \t]*bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
  return match ? match[1] : null;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export interface TokenCheckOptions {
  /** What the token protects, for messages: "query API", "ingest". */
  readonly what: string;
  /** The setting that holds the token, named in the message so an operator knows which one. */
  readonly setting: string;
  /** The realm of the WWW-Authenticate challenge. */
  readonly realm: string;
}

/**
 * A check of Authorization header values against `expected`. An empty `expected` means the
 * endpoint is open: the check always passes.
 */
export function createTokenCheck(
  expected: string,
  options: TokenCheckOptions,
): (authorization: string | undefined) => AuthFailure | null {
  if (expected === '') return () => null;
  const expectedDigest = digest(expected);
  const realm = `Bearer realm="${options.realm}"`;
  return (authorization) => {
    const token = bearerToken(authorization);
    // Always hash and compare, also without a token, so both failures take the same time.
    const same = timingSafeEqual(digest(token ?? ''), expectedDigest);
    if (token !== null && same) return null;
    if (token === null) {
      return {
        reason: 'missing',
        message: `the ${options.what} requires a bearer token: send the header "Authorization: Bearer <token>" with the server's ${options.setting}`,
        challenge: realm,
      };
    }
    return {
      reason: 'invalid',
      message: `the bearer token is not valid for the ${options.what} (it must equal the server's ${options.setting})`,
      challenge: `${realm}, error="invalid_token"`,
    };
  };
}
