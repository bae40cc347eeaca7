import { describe, expect, it } from 'vitest';
import { SpanKind, type Span } from '../../core/model/trace';
import { makeResource, makeSpan, T0 } from '../storage/conformance/spans';
import { createMemoryStore } from '../storage/memoryStore';
import { SpanMetricsAggregator } from '../metrics/aggregator';
import { TopologyAggregator } from '../topology/aggregator';
import { createIngestPipeline } from './pipeline';

const BATCHES = 12;
const BATCH_SPANS = 40;
const NOW_MS = Number(T0 / 1_000_000n) + 60_000;
const services = [makeResource('frontend'), makeResource('driver'), makeResource('redis')];

/**
 * One trace sent in batches, each batch's spans children of the previous batch's, every span
 * wrapped so that reading any of its properties while a later batch is ingested is counted.
 */
function growingTrace() {
  let current = 0;
  let readsOfEarlierBatches = 0;
  const batches: Span[][] = [];
  for (let b = 0; b < BATCHES; b++) {
    const batch: Span[] = [];
    for (let i = 0; i < BATCH_SPANS; i++) {
      const id = b * BATCH_SPANS + i + 1;
      const span = makeSpan({
        trace: 1,
        span: id,
        parent: b === 0 ? (i === 0 ? undefined : 1) : id - BATCH_SPANS,
        resource: services[id % services.length],
        name: `op-${i % 4}`,
        kind: SpanKind.Server,
        start: BigInt(id) * 1_000n,
      });
      batch.push(
        new Proxy(span, {
          get(target, key, receiver) {
            if (b < current) readsOfEarlierBatches++;
            return Reflect.get(target, key, receiver) as unknown;
          },
        }),
      );
    }
    batches.push(batch);
  }
  return {
    batches,
    /** Makes batch `b` the one being ingested and returns the reads counted so far. */
    ingesting(b: number): number {
      current = b;
      return readsOfEarlierBatches;
    },
    reads: () => readsOfEarlierBatches,
  };
}

describe('ingest pipeline', () => {
  it('extends a stored trace with work proportional to the batch, not to the trace', async () => {
    const store = createMemoryStore({ maxTraces: 10 });
    const pipeline = createIngestPipeline(store);
    const topology = new TopologyAggregator({ now: () => NOW_MS });
    pipeline.observe(new SpanMetricsAggregator({ now: () => NOW_MS }).observe);
    pipeline.observe(topology.observe);
    const trace = growingTrace();

    for (let b = 0; b < BATCHES; b++) {
      trace.ingesting(b);
      await pipeline.accept(trace.batches[b]);
      // Storing, indexing and observing batch b read nothing of batches 0..b-1.
      expect(trace.reads()).toBe(0);
      expect(topology.spansLinked).toBe((b + 1) * BATCH_SPANS);
    }

    const stored = await store.getTrace(trace.batches[0][0].traceId);
    expect(stored?.spans).toHaveLength(BATCHES * BATCH_SPANS);
    const window = { startMs: NOW_MS - 3_600_000, endMs: NOW_MS, service: '' };
    const calls = topology.dependencies(window).reduce((n, link) => n + link.callCount, 0);
    expect(calls).toBe(BATCHES * BATCH_SPANS - 1);
    // The counter sees reads of earlier batches when there are some.
    const before = trace.ingesting(BATCHES);
    expect(trace.batches[0][0].spanId).toBe('0000000000000001');
    expect(trace.reads()).toBe(before + 1);
  });
});
