import { describe, expect, it } from 'vitest';
import { planAdjustments } from '../adjust/adjustPlan';
import type { Span } from '../model/trace';
import { syntheticTrace } from '../testing/syntheticTrace';
import { adjustedColumnsSteps, encodeAdjustedColumns } from './adjustedForColumns';
import { columnsEdgeCases } from './columnsEdgeCases.fixture';
import { decodeTraceColumns } from './decodeTraceColumns';
import { encodeTraceColumns, joinParts } from './encodeTraceColumns';

describe('encodeAdjustedColumns', () => {
  it('gives the columns of the planned (adjusted) trace', () => {
    const synthetic = syntheticTrace(2_000, 9);
    // Unsorted attributes and events, the parts the adjusters reorder.
    const shuffled = synthetic.spans.map((s): Span => ({
      ...s,
      attributes: [...s.attributes].reverse(),
      events: [...s.events].reverse().map((e, k) => ({ ...e, name: `${k % 3}-${e.name}` })),
    }));
    const traces = [synthetic, { ...synthetic, spans: shuffled }, ...Object.values(columnsEdgeCases())];
    for (const trace of traces) {
      expect(encodeAdjustedColumns(trace)).toEqual(encodeTraceColumns(planAdjustments(trace)));
    }
  });

  it('encodes from the plan when an ID repeats: copies dropped, shared IDs split', () => {
    const trace = syntheticTrace(300, 2);
    const copy = { ...trace.spans[7] };
    const repeated = { ...trace, spans: [...trace.spans, copy] };
    const columns = decodeTraceColumns(encodeAdjustedColumns(repeated));
    expect(columns.spanCount).toBe(300);
    expect(columns.parents.duplicates).toBe(0);
  });

  it('pauses after every slice of spans', () => {
    const trace = syntheticTrace(1_000, 3);
    const steps = adjustedColumnsSteps(trace, 300);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBe(3);
    expect(joinParts(step.value)).toEqual(encodeAdjustedColumns(trace));
  });
});

describe('encoders running side by side', () => {
  it('each keep their own scratch', () => {
    const a = syntheticTrace(800, 5);
    const b = syntheticTrace(1_200, 6);
    const steps = [adjustedColumnsSteps(a, 100), adjustedColumnsSteps(b, 100)];
    const results: (Uint8Array | undefined)[] = [undefined, undefined];
    while (results.some((r) => r === undefined)) {
      steps.forEach((s, k) => {
        if (results[k]) return;
        const step = s.next();
        if (step.done) results[k] = joinParts(step.value);
      });
    }
    expect(results).toEqual([encodeAdjustedColumns(a), encodeAdjustedColumns(b)]);
  });
});
