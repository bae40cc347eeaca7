import { describe, expect, it } from 'vitest';
import { buildTrace } from '../testing/traceBuilder';
import { buildTraceIndex } from '../tree/traceIndex';
import { isBlockingChild } from './blocking';

describe('isBlockingChild', () => {
  const index = buildTraceIndex(
    buildTrace([
      { id: 'R', at: [0, 100], kind: 'server' },
      { id: 'C', parent: 'R', at: [1, 2], kind: 'client' },
      { id: 'P', parent: 'R', at: [3, 4], kind: 'producer' },
      { id: 'Q', parent: 'P', at: [5, 6], kind: 'consumer' },
      { id: 'F', parent: 'R', at: [7, 8], followsFrom: true },
      { id: 'K', parent: 'C', at: [1, 2], kind: 'consumer' },
    ]),
  );
  const row = (name: string) => index.spans.findIndex((s) => s.name === name);

  it('treats roots and ordinary children as blocking', () => {
    expect(isBlockingChild(index, row('R'))).toBe(true);
    expect(isBlockingChild(index, row('C'))).toBe(true);
    expect(isBlockingChild(index, row('P'))).toBe(true);
  });

  it('treats a consumer under a producer, and a FOLLOWS_FROM child, as not blocking', () => {
    expect(isBlockingChild(index, row('Q'))).toBe(false);
    expect(isBlockingChild(index, row('F'))).toBe(false);
  });

  it('treats a consumer under anything but a producer as blocking', () => {
    expect(isBlockingChild(index, row('K'))).toBe(true);
  });

  it('ignores links that are not a follows-from reference to the parent', () => {
    const linked = buildTrace([
      { id: 'R', at: [0, 10] },
      { id: 'L', parent: 'R', at: [1, 2] },
    ]);
    const span = linked.spans[1];
    const withLinks = {
      ...linked,
      spans: [
        linked.spans[0],
        {
          ...span,
          links: [
            // A follows-from link to some other span, and a plain link to the parent.
            { traceId: span.traceId, spanId: 'ffffffffffffffff', traceState: '', attributes: followsFrom },
            { traceId: span.traceId, spanId: span.parentSpanId, traceState: '', attributes: [] },
          ],
        },
      ],
    };
    expect(isBlockingChild(buildTraceIndex(withLinks), 1)).toBe(true);
  });
});

const followsFrom = [{ key: 'opentracing.ref_type', type: 'string' as const, value: 'follows_from' }];
