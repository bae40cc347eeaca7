import { describe, expect, it } from 'vitest';
import { StatusCode } from '../../core/model/trace';
import { makeResource, makeSpan, query, str, traceIdOf } from './conformance/spans';
import { describeTraceStoreConformance } from './conformance/suite';
import { InvertedIndex } from './memory/invertedIndex';
import { createMemoryStore } from './memoryStore';
import { compileSpanCriteria } from './spanMatcher';

describeTraceStoreConformance({
  name: 'memory store',
  open: async (opts) => createMemoryStore(opts),
  // The ring evicts as it writes: nothing is deferred.
  settle: async () => {},
});

describe('memory store', () => {
  it('rejects a non-positive maxTraces', () => {
    expect(() => createMemoryStore({ maxTraces: 0 })).toThrow('max traces must be greater than zero');
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
