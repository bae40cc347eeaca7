import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slowestPercentileUs } from './rowGroups';

describe('slowestPercentileUs', () => {
  it('is the shortest duration among the slowest 1 % (the 99th percentile by rank)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 600 }),
        (values) => {
          const sorted = [...values].sort((a, b) => a - b);
          const k = Math.min(values.length - 1, Math.floor(values.length * 0.99));
          expect(slowestPercentileUs(Float64Array.from(values))).toBe(sorted[k]);
        },
      ),
    );
  });

  it('leaves the durations it is given untouched, and is 0 without spans', () => {
    const durations = Float64Array.of(5, 1, 4, 2, 3);
    expect(slowestPercentileUs(durations)).toBe(5);
    expect(Array.from(durations)).toEqual([5, 1, 4, 2, 3]);
    expect(slowestPercentileUs(new Float64Array(0))).toBe(0);
  });
});
