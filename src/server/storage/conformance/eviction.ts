/**
 * Conformance: a store holds at most maxTraces traces and removes the oldest first (the memory
 * store's ring, the SQLite store's retention). A removed trace is gone from getTrace and from every
 * search; services and operations stay, as in Jaeger.
 */
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './harness';
import { findTraceNumbers, makeResource, makeSpan, query, str, traceIdOf } from './spans';

export function describeEviction({ open, settle }: ConformanceContext): void {
  describe('removal of the oldest traces beyond maxTraces', () => {
    it('removes the oldest trace from getTrace and from every search', async () => {
      const store = await open(3);
      for (let n = 1; n <= 4; n++) {
        await store.writeSpans([
          makeSpan({
            trace: n,
            span: 1,
            resource: makeResource(`svc-${n}`),
            attributes: [str('order', `o-${n}`)],
          }),
          makeSpan({ trace: n, span: 2, attributes: [str('shared', 'yes')] }),
        ]);
      }
      await settle(store);
      expect(await store.getTrace(traceIdOf(1))).toBeNull();
      expect(await findTraceNumbers(store, query({ searchDepth: 2, tags: { order: 'o-1' } }))).toEqual([]);
      expect(await findTraceNumbers(store, query({ searchDepth: 2, serviceName: 'svc-1' }))).toEqual([]);
      expect(await findTraceNumbers(store, query({ searchDepth: 3, tags: { shared: 'yes' } }))).toEqual([
        4, 3, 2,
      ]);
      expect(await findTraceNumbers(store, query({ searchDepth: 3 }))).toEqual([4, 3, 2]);
      expect(store.stats()).toEqual({ traces: 3, spans: 6 });
      // Services and operations outlive their traces, as in Jaeger.
      expect(await store.getServices()).toContain('svc-1');
      expect(await store.getOperations('svc-1', '')).toEqual([{ name: 'op', spanKind: '' }]);
    });

    it('removes a trace by its first write, late spans and all', async () => {
      const store = await open(3);
      for (const n of [1, 2, 3]) await store.writeSpans([makeSpan({ trace: n, span: 1 })]);
      await store.writeSpans([makeSpan({ trace: 1, span: 2, attributes: [str('late', 'yes')] })]);
      await store.writeSpans([makeSpan({ trace: 4, span: 1 })]);
      await settle(store);
      expect(await store.getTrace(traceIdOf(1))).toBeNull();
      expect(await findTraceNumbers(store, query({ searchDepth: 2, tags: { late: 'yes' } }))).toEqual([]);
      expect(store.stats()).toEqual({ traces: 3, spans: 3 });
    });

    it('gives a trace ID that comes back after removal a new place', async () => {
      const store = await open(2);
      for (const n of [1, 2, 3, 1]) {
        await store.writeSpans([makeSpan({ trace: n, span: n * 10 })]);
        await settle(store);
      }
      expect(await findTraceNumbers(store, query({ searchDepth: 2 }))).toEqual([1, 3]);
      expect((await store.getTrace(traceIdOf(1)))?.spans).toHaveLength(1);
    });

    it('removes traces written earlier in the same batch when the batch overflows', async () => {
      const store = await open(2);
      await store.writeSpans([1, 2, 3].map((n) => makeSpan({ trace: n, span: 1 })));
      await settle(store);
      expect(await findTraceNumbers(store, query({ searchDepth: 2 }))).toEqual([3, 2]);
      expect(store.stats()).toEqual({ traces: 2, spans: 2 });
    });
  });
}
