import { describe, expect, it } from 'vitest';
import { criticalPath } from '../criticalPath/criticalPath';
import type { Span, Trace } from '../model/trace';
import { syntheticTrace } from '../testing/syntheticTrace';
import { buildGeneratedTrace } from '../testing/traceBuilder';
import { buildTraceIndex, type TraceIndex } from '../tree/traceIndex';
import { detectInsights, insightsWork } from './detectInsights';
import type { Insight } from './insight';
import { DATABASE_SAMPLE_READS } from './siblingGroups';
import { runSlice } from './work';

/**
 * The trace with spans that record each read of their attributes or events (what a lazily
 * decoded span decodes for) in `reads`, as distinct spans.
 */
function counted(trace: Trace): { trace: Trace; reads: Set<Span> } {
  const reads = new Set<Span>();
  const spans = trace.spans.map((span) => {
    const copy: Span = { ...span };
    Object.defineProperty(copy, 'attributes', {
      get: () => {
        reads.add(copy);
        return span.attributes;
      },
    });
    Object.defineProperty(copy, 'events', {
      get: () => {
        // A span without events answers without decoding anything.
        if (span.events.length > 0) reads.add(copy);
        return span.events;
      },
    });
    return copy;
  });
  return { trace: { ...trace, spans }, reads };
}

/** Runs insightsWork a slice of `budget` span reads at a time, noting each slice's distinct reads. */
function sliced(
  index: TraceIndex,
  budget: number,
  reads: Set<Span>,
): { found: Insight[]; perSlice: number[] } {
  const work = insightsWork(index, criticalPath(index));
  const perSlice: number[] = [];
  for (;;) {
    reads.clear();
    const slice = runSlice(work, budget);
    perSlice.push(reads.size);
    if (slice.done) return { found: slice.value, perSlice };
  }
}

/** A batch job: many children of one root, one after another, every 50th failing then retried. */
function batchJob(count: number): Trace {
  const trace = buildGeneratedTrace(count + 1, (i) =>
    i === 0 ? { parent: -1, start: 0, end: 2 * count + 2 } : { parent: 0, start: 2 * i, end: 2 * i + 2 },
  );
  const spans = trace.spans.map((span, i): Span => {
    if (i === 0) return span;
    const failed = i % 50 === 0;
    return {
      ...span,
      attributes: [
        {
          key: 'db.statement',
          type: 'string',
          value: `SELECT * FROM items WHERE id = ${i - (failed ? 0 : 1)}`,
        },
      ],
      status: failed ? { code: 2, message: 'deadlock found' } : span.status,
    };
  });
  return { ...trace, spans };
}

const traces: [string, () => Trace][] = [
  ['synthetic 20k spans, seed 1', () => syntheticTrace(20_000, 1)],
  ['synthetic 20k spans, seed 7', () => syntheticTrace(20_000, 7)],
  ['synthetic 5k spans, seed 3', () => syntheticTrace(5_000, 3)],
  ['a batch job of 5k retried queries', () => batchJob(5_000)],
];

describe('insights a slice at a time', () => {
  it.each(traces)('finds exactly what one run finds: %s', (_name, make) => {
    const { trace, reads } = counted(make());
    const index = buildTraceIndex(trace);
    const once = detectInsights(index, criticalPath(index));
    expect(once.length).toBeGreaterThan(0);
    for (const budget of [1, 100, 5000]) {
      const { found, perSlice } = sliced(index, budget, reads);
      expect(found).toEqual(once);
      // Six detectors, each starting a slice of its own; small budgets split them further.
      if (budget <= 100) expect(perSlice.length).toBeGreaterThan(20);
    }
  });

  it.each(traces)('reads a bounded number of spans per slice: %s', (_name, make) => {
    const { trace, reads } = counted(make());
    const index = buildTraceIndex(trace);
    const budget = 100;
    const { perSlice } = sliced(index, budget, reads);
    const total = perSlice.reduce((a, b) => a + b, 0);
    // The work is really there to slice: many times a slice's budget...
    expect(total).toBeGreaterThan(5 * budget);
    // ...and no slice overshoots by more than one step (a group's database sample, a few reads).
    expect(Math.max(...perSlice)).toBeLessThanOrEqual(budget + DATABASE_SAMPLE_READS + 2);
  });

  it('stops a slice when the caller runs out of time, whatever the budget', () => {
    const index = buildTraceIndex(syntheticTrace(5_000, 3));
    const work = insightsWork(index, criticalPath(index));
    let slices = 0;
    let asked = 0;
    for (;;) {
      slices++;
      // Out of time at the third question of each slice.
      let questions = 0;
      const slice = runSlice(work, Number.MAX_VALUE, () => (asked++, ++questions >= 3));
      if (slice.done) break;
    }
    expect(slices).toBeGreaterThan(asked / 3 - 1);
    expect(slices).toBeGreaterThan(10);
  });
});
