import { describe, expect, it } from 'vitest';
import { bearerToken, createTokenCheck } from './bearerToken';

describe('bearerToken', () => {
  it('reads the token of a Bearer header, scheme in any case', () => {
    expect(bearerToken('Bearer abc.DEF-123')).toBe('abc.DEF-123');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('BEARER abc')).toBe('abc');
  });

  it('is null for other schemes, empty or malformed values', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwdw==', 'Bearer a b', 'abc'])
      expect(bearerToken(header)).toBeNull();
  });
});

describe('createTokenCheck', () => {
  const options = { what: 'query API', setting: 'query_token', realm: 'tracelens-query' };

  it('lets everything through when no token is configured', () => {
    expect(createTokenCheck('', options)(undefined)).toBeNull();
  });

  it('accepts the token and refuses a missing or different one, saying which', () => {
    const check = createTokenCheck('s3cret-token', options);
    expect(check('Bearer s3cret-token')).toBeNull();
    expect(check(undefined)).toEqual({
      reason: 'missing',
      message:
        'the query API requires a bearer token: send the header "Authorization: Bearer <token>" with the server\'s query_token',
      challenge: 'Bearer realm="tracelens-query"',
    });
    for (const wrong of ['Bearer s3cret-toke', 'Bearer s3cret-token2', 'Bearer S3CRET-TOKEN']) {
      expect(check(wrong)).toMatchObject({
        reason: 'invalid',
        challenge: 'Bearer realm="tracelens-query", error="invalid_token"',
      });
    }
  });
});
