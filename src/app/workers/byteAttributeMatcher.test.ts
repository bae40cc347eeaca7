import { afterEach, describe, expect, it, vi } from 'vitest';
import { LazyJaegerSpan } from '../../core/jaeger/lazyJaegerSpan';
import { findSpans, parseFindQuery, type FindQuery } from '../../core/search/findInTrace';
import { ByteAttributeMatcher } from './byteAttributeMatcher';
import { SpansUnlikeTheirBytes } from './byteFind';
import { scannedTrace } from './testing/scannedTrace';

const query = (text: string): FindQuery => {
  const parsed = parseFindQuery(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.query;
};

describe('find over the response bytes (ByteAttributeMatcher)', () => {
  const { index, ranges } = scannedTrace();
  const unlike = new SpansUnlikeTheirBytes(ranges);
  const byBytes = () => ({ attributes: new ByteAttributeMatcher(index, unlike) });

  afterEach(() => vi.restoreAllMocks());

  it.each([
    'cust-42',
    'CUST-4',
    'cust',
    'a/b/cust',
    'kelvin',
    'invoice',
    'checkout',
    'http',
    'string',
    'span.kind',
    'server',
    'event',
    'exception',
    'miss',
    'deadline exceeded',
    '200',
    '503',
    'true',
    'req-1',
    'select * from t1',
    'customer_id=cust-42',
    'http.status_code=503',
    'cache.hit=true',
    'exception.type=TimeoutError',
    'error=true',
    'span.kind=server',
    'service.name=checkout',
    'error cust-1',
    '>1ms cust-7',
    'postgresql redis',
    'naïve',
    'İnvoice',
    '"quoted \\"cust-42\\""',
  ])('answers %s exactly as the AttributeTable does', (text) => {
    const q = query(text);
    expect(Array.from(findSpans(index, q, byBytes()))).toEqual(Array.from(findSpans(index, q)));
  });

  it('decodes no span to find a word that is in every span (only those written with escapes)', () => {
    const decoded = vi.spyOn(LazyJaegerSpan.prototype, 'decoded');
    const rows = findSpans(index, query('cust'), byBytes());
    expect(rows.length).toBe(index.spanCount);
    const escaped = unlike.all().reduce((sum, u) => sum + u, 0);
    expect(decoded.mock.calls.length).toBeLessThanOrEqual(escaped);
    decoded.mockClear();
    expect(findSpans(index, query('string'), byBytes()).length).toBe(0);
    expect(decoded.mock.calls.length).toBeLessThanOrEqual(escaped);
  });

  it('decodes every span asked about for a text the byte search cannot look for', () => {
    const decoded = vi.spyOn(LazyJaegerSpan.prototype, 'decoded');
    findSpans(index, query('naïve'), byBytes());
    expect(decoded.mock.calls.length).toBeGreaterThanOrEqual(index.spanCount - 1);
  });

  it('a span ID prefix matches spans whose JSON does not hold it', () => {
    const id = index.spans[10].spanId.slice(0, 6);
    expect(Array.from(findSpans(index, query(id), byBytes()))).toContain(10);
  });
});
