/** Conformance: writing spans, reading traces back, and the service/operation catalog. */
import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../../../core/model/trace';
import type { ConformanceContext } from './harness';
import {
  bool,
  dbl,
  int,
  makeResource,
  makeScope,
  makeSpan,
  query,
  spanIdOf,
  str,
  T0,
  traceIdOf,
} from './spans';

export function describeWrites({ open }: ConformanceContext): void {
  describe('writeSpans and getTrace', () => {
    it('returns null for an unknown trace', async () => {
      const store = await open();
      expect(await store.getTrace(traceIdOf(42))).toBeNull();
    });

    it('merges spans of one trace written in separate calls, in arrival order', async () => {
      const store = await open();
      await store.writeSpans([makeSpan({ trace: 1, span: 1 }), makeSpan({ trace: 2, span: 9 })]);
      await store.writeSpans([makeSpan({ trace: 1, span: 2, parent: 1 })]);
      const trace = await store.getTrace(traceIdOf(1));
      expect(trace?.traceId).toBe(traceIdOf(1));
      expect(trace?.spans.map((s) => s.spanId)).toEqual([spanIdOf(1), spanIdOf(2)]);
      expect((await store.getTrace(traceIdOf(2)))?.spans).toHaveLength(1);
      expect(store.stats()).toEqual({ traces: 2, spans: 3 });
    });

    it('keeps the order of spans within one call, across traces', async () => {
      const store = await open();
      await store.writeSpans([
        makeSpan({ trace: 1, span: 3 }),
        makeSpan({ trace: 2, span: 1 }),
        makeSpan({ trace: 1, span: 1 }),
        makeSpan({ trace: 1, span: 2 }),
      ]);
      expect((await store.getTrace(traceIdOf(1)))?.spans.map((s) => s.spanId)).toEqual(
        [3, 1, 2].map(spanIdOf),
      );
    });

    it('gives back every field of a span as written', async () => {
      const store = await open();
      const resource = makeResource('shop', [
        str('host.name', 'h1'),
        {
          key: 'nested',
          type: 'map',
          value: [int('n', 1n), { key: 'list', type: 'array', value: [{ type: 'empty', value: null }] }],
        },
      ]);
      const span = {
        ...makeSpan({
          trace: 1,
          span: 7,
          parent: 3,
          name: 'GET /cart ✓',
          kind: SpanKind.Consumer,
          start: 123_456_789n,
          duration: 987n,
          status: StatusCode.Error,
          resource,
          scope: makeScope('lib', '2.1', [bool('lib.beta', false)]),
          attributes: [
            int('big', 9_223_372_036_854_775_807n),
            int('negative', -42n),
            dbl('ratio', 0.1),
            dbl('nan', NaN),
            dbl('inf', -Infinity),
            { key: 'bytes', type: 'binary', value: 'AAEC' },
            { key: 'empty', type: 'empty', value: null },
            str('unicode', 'zürich \u202e 🚀'),
          ],
          events: [{ timeUnixNano: T0 + 5n, name: 'retry', attributes: [str('attempt', '2')] }],
          links: [{ traceId: traceIdOf(9), spanId: spanIdOf(9), traceState: 'k=v', attributes: [] }],
        }),
        traceState: 'vendor=1',
        flags: 257,
        status: { code: StatusCode.Error, message: 'card declined' },
        warnings: ['clock skew adjusted'],
      };
      await store.writeSpans([span]);
      const [stored] = (await store.getTrace(traceIdOf(1)))?.spans ?? [];
      expect(stored).toEqual(span);
    });

    it('hands out traces that later writes do not change', async () => {
      const store = await open();
      await store.writeSpans([makeSpan({ trace: 1, span: 1 })]);
      const before = await store.getTrace(traceIdOf(1));
      const found = await store.findTraces(query({ serviceName: 'shop' }));
      await store.writeSpans([makeSpan({ trace: 1, span: 2 })]);
      expect(before?.spans).toHaveLength(1);
      expect(found[0].spans).toHaveLength(1);
      expect((await store.getTrace(traceIdOf(1)))?.spans).toHaveLength(2);
    });

    it('stores every batch of concurrent writes', async () => {
      const store = await open();
      await Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          store.writeSpans([makeSpan({ trace: n, span: 1 }), makeSpan({ trace: 9, span: n })]),
        ),
      );
      expect(store.stats()).toEqual({ traces: 6, spans: 10 });
      expect((await store.getTrace(traceIdOf(9)))?.spans.map((s) => s.spanId).sort()).toEqual(
        [1, 2, 3, 4, 5].map(spanIdOf),
      );
    });
  });

  describe('services and operations', () => {
    it('lists each non-empty service once', async () => {
      const store = await open();
      await store.writeSpans([makeSpan({ trace: 1, span: 1 }), makeSpan({ trace: 1, span: 2 })]);
      await store.writeSpans([makeSpan({ trace: 2, span: 1, resource: makeResource('billing') })]);
      await store.writeSpans([makeSpan({ trace: 3, span: 1, resource: makeResource('') })]);
      expect((await store.getServices()).sort()).toEqual(['billing', 'shop']);
    });

    it('lists one operation per distinct (name, kind), filtered by exact kind', async () => {
      const store = await open();
      await store.writeSpans([
        makeSpan({ trace: 1, span: 1, name: 'GET /cart', kind: SpanKind.Server }),
        makeSpan({ trace: 1, span: 2, name: 'GET /cart', kind: SpanKind.Client }),
        makeSpan({ trace: 1, span: 3, name: 'GET /cart', kind: SpanKind.Server }),
        makeSpan({ trace: 1, span: 4, name: 'query' }),
        makeSpan({ trace: 1, span: 5, name: 'publish', kind: SpanKind.Producer }),
        makeSpan({ trace: 1, span: 6, name: 'charge', resource: makeResource('billing') }),
      ]);
      const byName = (a: { name: string; spanKind: string }, b: { name: string; spanKind: string }) =>
        `${a.name}/${a.spanKind}`.localeCompare(`${b.name}/${b.spanKind}`);
      expect((await store.getOperations('shop', '')).sort(byName)).toEqual([
        { name: 'GET /cart', spanKind: 'client' },
        { name: 'GET /cart', spanKind: 'server' },
        { name: 'publish', spanKind: 'producer' },
        { name: 'query', spanKind: '' },
      ]);
      expect(await store.getOperations('shop', 'server')).toEqual([
        { name: 'GET /cart', spanKind: 'server' },
      ]);
      expect(await store.getOperations('shop', 'consumer')).toEqual([]);
      expect(await store.getOperations('billing', '')).toEqual([{ name: 'charge', spanKind: '' }]);
      expect(await store.getOperations('nope', '')).toEqual([]);
    });
  });
}
