import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode, type Span } from '../../core/model/trace';
import { InvertedIndex } from './memory/invertedIndex';
import { createMemoryStore } from './memoryStore';
import { compileSpanCriteria, someSpanMatches } from './spanMatcher';
import {
  describeTraceStoreConformance,
  findTraceNumbers,
  int,
  makeResource,
  makeSpan,
  query,
  str,
  traceIdOf,
} from './traceStore.conformance';
import type { TraceQuery } from './traceStore';

describeTraceStoreConformance('memory store', async (opts) => createMemoryStore(opts));

describe('memory store ring', () => {
  it('rejects a non-positive maxTraces', () => {
    expect(() => createMemoryStore({ maxTraces: 0 })).toThrow('max traces must be greater than zero');
  });

  it('evicts the oldest trace from getTrace and from every search index', async () => {
    const store = createMemoryStore({ maxTraces: 3 });
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

  it('does not move a trace forward when more of its spans arrive', async () => {
    const store = createMemoryStore({ maxTraces: 3 });
    for (const n of [1, 2, 3]) await store.writeSpans([makeSpan({ trace: n, span: 1 })]);
    await store.writeSpans([makeSpan({ trace: 1, span: 2, attributes: [str('late', 'yes')] })]);
    expect(await findTraceNumbers(store, query({ searchDepth: 3 }))).toEqual([3, 2, 1]);
    expect(await findTraceNumbers(store, query({ searchDepth: 2, tags: { late: 'yes' } }))).toEqual([1]);

    await store.writeSpans([makeSpan({ trace: 4, span: 1 })]);
    expect(await store.getTrace(traceIdOf(1))).toBeNull();
    expect(await findTraceNumbers(store, query({ searchDepth: 2, tags: { late: 'yes' } }))).toEqual([]);
    expect(store.stats()).toEqual({ traces: 3, spans: 3 });
  });

  it('gives a trace ID that comes back after eviction a new slot', async () => {
    const store = createMemoryStore({ maxTraces: 2 });
    for (const n of [1, 2, 3, 1]) await store.writeSpans([makeSpan({ trace: n, span: n * 10 })]);
    expect(await findTraceNumbers(store, query({ searchDepth: 2 }))).toEqual([1, 3]);
    expect((await store.getTrace(traceIdOf(1)))?.spans).toHaveLength(1);
  });

  it('evicts traces written earlier in the same batch when the batch overflows the ring', async () => {
    const store = createMemoryStore({ maxTraces: 2 });
    await store.writeSpans([1, 2, 3].map((n) => makeSpan({ trace: n, span: 1 })));
    expect(await findTraceNumbers(store, query({ searchDepth: 2 }))).toEqual([3, 2]);
  });

  it('finds values longer than the indexed length by scanning', async () => {
    const store = createMemoryStore({ maxTraces: 10 });
    const long = 'x'.repeat(1000);
    await store.writeSpans([makeSpan({ trace: 1, span: 1, attributes: [str('sql', long)] })]);
    await store.writeSpans([makeSpan({ trace: 2, span: 1, attributes: [str('sql', 'short')] })]);
    expect(
      await findTraceNumbers(store, query({ searchDepth: 2, serviceName: 'shop', tags: { sql: long } })),
    ).toEqual([1]);
    expect(await findTraceNumbers(store, query({ searchDepth: 2, tags: { sql: long } }))).toEqual([1]);
  });

  it('drops index entries of evicted traces, so unique values do not pile up', async () => {
    const index = new InvertedIndex();
    const resource = makeResource('shop');
    const traceOf = (n: number) => [
      makeSpan({ trace: n, span: 1, resource, attributes: [str('request_id', `r-${n}`)] }),
      makeSpan({
        trace: n,
        span: 2,
        resource,
        status: StatusCode.Error,
        attributes: [str('request_id', `r-${n}b`)],
      }),
    ];
    for (let n = 0; n < 100; n++) {
      index.addSpans(traceOf(n), n);
      // A ring of 3: the trace three behind leaves.
      if (n >= 3) index.removeOldestTrace(traceOf(n - 3), n - 3);
    }
    // Service, its service.name attribute, operation, scope name and version, one kind, two
    // statuses; 2 request IDs × 3 traces.
    expect(index.valueCount).toBe(8 + 6);
    for (let n = 97; n < 100; n++) index.removeOldestTrace(traceOf(n), n);
    expect(index.valueCount).toBe(0);
    const anyError = compileSpanCriteria(query({ tags: { error: 'true' } }));
    expect(anyError && index.candidateLists(anyError)).toBeNull();
  });

  it('is empty after close', async () => {
    const store = createMemoryStore({ maxTraces: 10 });
    await store.writeSpans([makeSpan({ trace: 1, span: 1 })]);
    await store.close();
    expect(store.stats()).toEqual({ traces: 0, spans: 0 });
    expect(await store.getTrace(traceIdOf(1))).toBeNull();
    expect(await store.getServices()).toEqual([]);
  });
});

/**
 * The indexes must never change an answer: compare the store with a plain ring that tests every
 * trace, as Jaeger does, over random writes with late spans and many evictions.
 */
describe('memory store indexes agree with a full scan', () => {
  function mulberry32(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('returns the same traces for random queries', async () => {
    const random = mulberry32(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const services = ['a', 'b', 'c'].map((s) => makeResource(s, [str('zone', pick(['z1', 'z2']))]));
    const names = ['get', 'put', 'scan'];
    const maxTraces = 40;
    const store = createMemoryStore({ maxTraces });
    const reference: { id: string; spans: Span[] }[] = [];

    function randomSpan(trace: number, span: number): Span {
      return makeSpan({
        trace,
        span,
        name: pick(names),
        kind: pick([SpanKind.Unspecified, SpanKind.Server, SpanKind.Client]),
        status: pick([StatusCode.Unset, StatusCode.Ok, StatusCode.Error]),
        resource: pick(services),
        start: BigInt(Math.floor(random() * 100)),
        duration: BigInt(1 + Math.floor(random() * 100)),
        attributes: [int('code', BigInt(pick([200, 404, 500]))), str('user', `u${Math.floor(random() * 5)}`)],
      });
    }

    function randomQuery(): TraceQuery {
      const tags: Record<string, string> = {};
      if (random() < 0.5) tags.code = pick(['200', '404', '500']);
      if (random() < 0.4) tags.user = `u${Math.floor(random() * 5)}`;
      if (random() < 0.2) tags.error = pick(['true', 'false']);
      if (random() < 0.2) tags['resource.zone'] = pick(['z1', 'z2']);
      if (random() < 0.2) tags['span.kind'] = pick(['server', 'client', 'consumer', '']);
      if (random() < 0.2) tags['span.status'] = pick(['OK', 'ERROR', 'UNSET']);
      return query({
        serviceName: random() < 0.5 ? pick(['a', 'b', 'c']) : '',
        operationName: random() < 0.3 ? pick(names) : '',
        tags,
        durationMin: random() < 0.2 ? 50n : undefined,
        searchDepth: 1 + Math.floor(random() * maxTraces),
      });
    }

    let nextTrace = 1;
    for (let round = 0; round < 300; round++) {
      // Mostly new traces; sometimes more spans for a trace that may or may not still be stored.
      const trace =
        random() < 0.7 || nextTrace < 3
          ? nextTrace++
          : Math.max(1, nextTrace - 1 - Math.floor(random() * 60));
      const spans = [1, 2, 3]
        .slice(0, 1 + Math.floor(random() * 3))
        .map((s) => randomSpan(trace, round * 10 + s));
      await store.writeSpans(spans);
      const known = reference.find((t) => t.id === traceIdOf(trace));
      if (known) known.spans.push(...spans);
      else reference.unshift({ id: traceIdOf(trace), spans: [...spans] });
      reference.length = Math.min(reference.length, maxTraces);

      const q = randomQuery();
      const criteria = compileSpanCriteria(q);
      const expected = criteria
        ? reference.filter((t) => someSpanMatches(t.spans, criteria)).slice(0, q.searchDepth)
        : [];
      const actual = await store.findTraces(q);
      expect(actual.map((t) => t.traceId)).toEqual(expected.map((t) => t.id));
      expect(store.stats().traces).toBe(reference.length);
    }
  });
});
