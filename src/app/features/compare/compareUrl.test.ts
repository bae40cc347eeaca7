import { describe, expect, it } from 'vitest';
import {
  canonicalTraceId,
  cohortOf,
  compareHref,
  compareIdProblem,
  isCompareParam,
  parseCompareParam,
  spanHref,
} from './compareUrl';

describe('compare URLs', () => {
  it('recognises Jaeger UI’s /trace/<A>...<B>, either side possibly empty', () => {
    expect(isCompareParam('4bf92f3577b34da6...0af7651916cd43dd')).toBe(true);
    expect(isCompareParam('4bf92f3577b34da6')).toBe(false);
    expect(parseCompareParam('aaaa...bbbb')).toEqual({ a: 'aaaa', b: 'bbbb' });
    expect(parseCompareParam('aaaa...')).toEqual({ a: 'aaaa', b: '' });
    expect(parseCompareParam('...bbbb')).toEqual({ a: '', b: 'bbbb' });
    expect(parseCompareParam('...')).toEqual({ a: '', b: '' });
  });

  it('accepts 16 or 32 hex digits and says what is wrong with anything else', () => {
    expect(compareIdProblem('4bf92f3577b34da6')).toBeNull();
    expect(compareIdProblem('4BF92F3577B34DA6A3CE929D0E0E4736')).toBeNull();
    expect(compareIdProblem('')).toBe('Enter a trace ID.');
    expect(compareIdProblem('4bf92f3577b34dz6')).toBe(
      'A trace ID uses only the digits 0–9 and the letters a–f.',
    );
    expect(compareIdProblem('4bf92f')).toBe('A trace ID has 16 or 32 hexadecimal digits; this one has 6.');
  });

  it('writes IDs as Jaeger does: lower case, a zero high half dropped', () => {
    expect(canonicalTraceId('0000000000000000ABCDEF0123456789')).toBe('abcdef0123456789');
    expect(canonicalTraceId('4BF92F3577B34DA6A3CE929D0E0E4736')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('keeps the cohort: valid IDs, canonical, once each, in order', () => {
    const search = new URLSearchParams(
      'cohort=AAAAAAAAAAAAAAAA&cohort=nope&cohort=aaaaaaaaaaaaaaaa&cohort=bbbbbbbbbbbbbbbb',
    );
    expect(cohortOf(search)).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    expect(compareHref('aaaaaaaaaaaaaaaa', 'cccccccccccccccc', ['bbbbbbbbbbbbbbbb'])).toBe(
      '/trace/aaaaaaaaaaaaaaaa...cccccccccccccccc?cohort=bbbbbbbbbbbbbbbb&cohort=aaaaaaaaaaaaaaaa&cohort=cccccccccccccccc',
    );
    expect(spanHref('aaaaaaaaaaaaaaaa', '00000000000000a1')).toBe(
      '/trace/aaaaaaaaaaaaaaaa?span=00000000000000a1',
    );
  });
});
