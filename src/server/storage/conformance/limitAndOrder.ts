/** Conformance: searchDepth, its bounds, and newest-inserted-first order. */
import { describe, expect, it } from 'vitest';
import { StoreQueryError } from '../traceStore';
import type { ConformanceContext } from './harness';
import { findTraceNumbers, makeResource, makeSpan, query, str } from './spans';

export function describeLimitAndOrder({ open }: ConformanceContext): void {
  describe('findTraces limit and order', () => {
    it('returns up to searchDepth matching traces, newest inserted first', async () => {
      const store = await open();
      // Matching traces are odd; the even ones must not use up the limit.
      for (let n = 1; n <= 9; n++) {
        const resource = n % 2 === 1 ? makeResource('shop') : makeResource('other');
        await store.writeSpans([makeSpan({ trace: n, span: 1, resource, start: BigInt(10 - n) })]);
      }
      expect(await findTraceNumbers(store, query({ serviceName: 'shop', searchDepth: 2 }))).toEqual([9, 7]);
      expect(await findTraceNumbers(store, query({ serviceName: 'shop', searchDepth: 5 }))).toEqual([
        9, 7, 5, 3, 1,
      ]);
      expect(await findTraceNumbers(store, query({ searchDepth: 3 }))).toEqual([9, 8, 7]);
    });

    it('keeps a trace in its first place when more of its spans arrive', async () => {
      const store = await open();
      for (const n of [1, 2, 3]) await store.writeSpans([makeSpan({ trace: n, span: 1 })]);
      await store.writeSpans([makeSpan({ trace: 1, span: 2, attributes: [str('late', 'yes')] })]);
      expect(await findTraceNumbers(store, query({ searchDepth: 3 }))).toEqual([3, 2, 1]);
      expect(await findTraceNumbers(store, query({ searchDepth: 2 }))).toEqual([3, 2]);
      expect(await findTraceNumbers(store, query({ searchDepth: 2, tags: { late: 'yes' } }))).toEqual([1]);
    });

    it('orders by first write even when many traces get late spans', async () => {
      const store = await open();
      for (let n = 1; n <= 30; n++) await store.writeSpans([makeSpan({ trace: n, span: 1 })]);
      // Late spans for the old traces, newest chunk last: a walk by chunk meets these first.
      for (let n = 1; n <= 10; n++) await store.writeSpans([makeSpan({ trace: n, span: 2 })]);
      expect(await findTraceNumbers(store, query({ searchDepth: 3 }))).toEqual([30, 29, 28]);
      expect(
        await findTraceNumbers(store, query({ searchDepth: 3, tags: { 'span.kind': 'bogus' } })),
      ).toEqual([30, 29, 28]);
    });

    it.each([0, -1, 11])('rejects searchDepth %d with maxTraces 10', async (searchDepth) => {
      const store = await open(10);
      await expect(store.findTraces(query({ searchDepth }))).rejects.toThrow(
        new StoreQueryError('search depth must be greater than 0 and less than max traces'),
      );
    });

    it('accepts searchDepth equal to maxTraces', async () => {
      const store = await open(10);
      await store.writeSpans([makeSpan({ trace: 1, span: 1 })]);
      expect(await findTraceNumbers(store, query({ searchDepth: 10 }))).toEqual([1]);
    });
  });
}
