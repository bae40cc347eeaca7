import { describe, expect, it } from 'vitest';
import { formatLogfmt, parseLogfmt } from './logfmt';

function pairs(text: string) {
  const result = parseLogfmt(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.pairs;
}

function problem(text: string) {
  const result = parseLogfmt(text);
  if (result.ok) throw new Error(`expected a problem for ${text}`);
  return result.problem;
}

describe('parseLogfmt', () => {
  it('reads space-separated pairs, every value a string', () => {
    expect(pairs('http.status_code=500 error=true')).toEqual({ 'http.status_code': '500', error: 'true' });
    expect(pairs('  a=1\t b=2\n')).toEqual({ a: '1', b: '2' });
    expect(pairs('')).toEqual({});
  });

  it('reads quoted values with spaces, = signs and escaped quotes', () => {
    expect(pairs('db.statement="select * from users where id=1"')).toEqual({
      'db.statement': 'select * from users where id=1',
    });
    expect(pairs('msg="say \\"hi\\"" path="C:\\\\tmp"')).toEqual({ msg: 'say "hi"', path: 'C:\\tmp' });
    expect(pairs('empty=""')).toEqual({ empty: '' });
  });

  it('keeps Jaeger UI rules: a bare key is true, a backslash takes the next character', () => {
    expect(pairs('error')).toEqual({ error: 'true' });
    expect(pairs('http.url="http://x/customer\\\\?customer=123"')).toEqual({
      'http.url': 'http://x/customer\\?customer=123',
    });
    expect(pairs('a=x\\ y')).toEqual({ a: 'x y' });
  });

  it('explains each mistake with the column it is at', () => {
    expect(problem('a="unclosed value')).toEqual({
      message: 'This quote is never closed (column 3).',
      column: 3,
    });
    expect(problem('a=1 =2').message).toBe('An "=" needs a key before it (column 5).');
    expect(problem('a= b=1').message).toBe(
      '"a=" has no value; to match an empty value write a="" (column 2).',
    );
    expect(problem('a=b"c d"').message).toMatch(/^Quote the whole value of "a"/);
    expect(problem('a=b=c').message).toMatch(/^A value with "=" must be quoted/);
    expect(problem('a="x"y').message).toBe('Put a space after the closing quote (column 6).');
    expect(problem('a=1 a=2').message).toBe(
      '"a" appears twice; a search can ask for one value per key (column 5).',
    );
    expect(problem('"k"=v').message).toMatch(/^Keys cannot be quoted/);
  });
});

describe('formatLogfmt', () => {
  it('writes what a person would type, quoting only where needed', () => {
    expect(formatLogfmt({ 'http.status_code': '500', error: 'true' })).toBe(
      'http.status_code=500 error=true',
    );
    expect(formatLogfmt({ q: 'a b', e: '', s: 'say "hi"', eq: 'a=b' })).toBe(
      'q="a b" e="" s="say \\"hi\\"" eq="a=b"',
    );
  });

  it('round-trips through the parser', () => {
    const original = { a: 'x y', b: 'back\\slash', c: '"quoted"', d: 'plain', e: '' };
    expect(pairs(formatLogfmt(original))).toEqual(original);
  });
});
