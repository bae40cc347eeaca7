import { describe, expect, it } from 'vitest';
import { makeResource, makeSpan, query, str } from '../conformance/spans';
import { compileSpanCriteria, type CompiledSpanCriteria } from '../spanMatcher';
import { chunkTokens, criteriaMatch, termToken } from './terms';

function compiled(q: Parameters<typeof query>[0]): CompiledSpanCriteria {
  const c = compileSpanCriteria(query(q));
  if (c === null) throw new Error('query matches nothing');
  return c;
}

const tokensOf = (match: string | null) => new Set(match?.match(/t[0-9a-z]+/g) ?? []);

describe('search terms', () => {
  it('hashes terms to distinct single tokens', () => {
    const tokens = ['a', 'b', 'ab', 'ba', 'service-1', 'service-10', ''].map(termToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const t of tokens) expect(t).toMatch(/^t[0-9a-z]+$/);
    expect(termToken('service-1')).toBe(termToken('service-1'));
  });

  it('gives a chunk every token a query for one of its spans asks for', () => {
    const spans = [
      makeSpan({ trace: 1, span: 1, resource: makeResource('shop'), attributes: [str('zone', 'z1')] }),
      makeSpan({ trace: 1, span: 2, name: 'charge', resource: makeResource('billing') }),
    ];
    const chunk = new Set(chunkTokens(spans).split(' '));
    const services = () => ['shop', 'billing'];
    const queries: Parameters<typeof query>[0][] = [
      { serviceName: 'shop', tags: { zone: 'z1' } },
      { serviceName: 'billing', operationName: 'charge' },
      { tags: { zone: 'z1', 'resource.service.name': 'shop' } },
    ];
    for (const q of queries) {
      const match = criteriaMatch(compiled(q), services);
      // Each AND group needs one of its tokens in the chunk.
      for (const group of match?.split(' AND ') ?? []) {
        expect(
          [...tokensOf(group)].some((t) => chunk.has(t)),
          `${JSON.stringify(q)}: ${group}`,
        ).toBe(true);
      }
    }
  });

  it('scopes terms by service, so a tag of another service does not match', () => {
    const chunk = new Set(
      chunkTokens([
        makeSpan({ trace: 1, span: 1, resource: makeResource('shop') }),
        makeSpan({ trace: 1, span: 2, resource: makeResource('billing'), attributes: [str('zone', 'z1')] }),
      ]).split(' '),
    );
    const match = criteriaMatch(compiled({ serviceName: 'shop', tags: { zone: 'z1' } }), () => []);
    expect([...tokensOf(match)].every((t) => chunk.has(t))).toBe(false);
  });

  it('asks for a term under any service when the query names none', () => {
    const match = criteriaMatch(compiled({ tags: { zone: 'z1' } }), () => ['a', 'b']);
    // The empty service name, which no catalog lists, and the two known ones.
    expect(match).toMatch(/^\("t[0-9a-z]+" OR "t[0-9a-z]+" OR "t[0-9a-z]+"\)$/);
  });

  it('has nothing to look up for a query of only unindexed criteria', () => {
    expect(criteriaMatch(compiled({}), () => ['a'])).toBeNull();
    expect(criteriaMatch(compiled({ tags: { error: 'false', v: 'x'.repeat(300) } }), () => ['a'])).toBeNull();
    expect(criteriaMatch(compiled({ durationMin: 5n }), () => ['a'])).toBeNull();
  });
});
