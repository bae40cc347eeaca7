import { describe, expect, it } from 'vitest';
import { BUCKET_COUNT, bucketIndex, DEFAULT_BUCKETS_MS, histogramQuantile } from './histogram';

/** Per-bucket counts of a list of durations (ms), as the aggregator keeps them. */
function histogram(durations: number[]): number[] {
  const counts = new Array<number>(BUCKET_COUNT).fill(0);
  for (const d of durations) counts[bucketIndex(d)]++;
  return counts;
}

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('bucketIndex', () => {
  it('uses inclusive upper bounds (le) and +Inf past the last one', () => {
    expect(DEFAULT_BUCKETS_MS).toEqual([
      2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10000, 15000,
    ]);
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(2)).toBe(0);
    expect(bucketIndex(2.000001)).toBe(1);
    expect(bucketIndex(15000)).toBe(15);
    expect(bucketIndex(15000.5)).toBe(16);
    expect(bucketIndex(1e9)).toBe(16);
  });
});

describe('histogramQuantile (Prometheus semantics)', () => {
  it('interpolates linearly inside the bucket: a uniform distribution comes back exactly', () => {
    // 1000 spans at 1, 2, …, 1000 ms: every bucket edge splits the population exactly.
    const counts = histogram(range(1000, (i) => i + 1));
    expect(histogramQuantile(0.5, counts)).toBeCloseTo(500, 9);
    expect(histogramQuantile(0.95, counts)).toBeCloseTo(950, 9);
    expect(histogramQuantile(0.75, counts)).toBeCloseTo(750, 9);
    expect(histogramQuantile(0.001, counts)).toBeCloseTo(1, 9);
    expect(histogramQuantile(1, counts)).toBe(1000);
  });

  it('spreads a constant over its bucket, as Prometheus does', () => {
    const counts = histogram(range(200, () => 7));
    expect(histogramQuantile(0.5, counts)).toBeCloseTo(7, 9);
    expect(histogramQuantile(0.95, counts)).toBeCloseTo(7.9, 9);
    expect(histogramQuantile(0.25, counts)).toBeCloseTo(6.5, 9);
  });

  it('separates the modes of a bimodal distribution', () => {
    // Half at 3 ms (bucket 2–4), half at 3000 ms (bucket 2000–5000).
    const counts = histogram([...range(500, () => 3), ...range(500, () => 3000)]);
    expect(histogramQuantile(0.25, counts)).toBeCloseTo(3, 9);
    // The median rank sits exactly at the top of the low bucket.
    expect(histogramQuantile(0.5, counts)).toBe(4);
    expect(histogramQuantile(0.75, counts)).toBeCloseTo(3500, 9);
    expect(histogramQuantile(0.95, counts)).toBeCloseTo(4700, 9);
  });

  it('answers the highest finite bound for ranks in the +Inf bucket', () => {
    const counts = histogram([...range(10, () => 1), ...range(90, () => 60_000)]);
    expect(histogramQuantile(0.5, counts)).toBe(15000);
    expect(histogramQuantile(0.05, counts)).toBeCloseTo(1, 9);
  });

  it('starts the first bucket at zero', () => {
    expect(histogramQuantile(0.5, histogram([1, 1]))).toBe(1);
  });

  it('gives NaN without observations and infinities for quantiles out of [0, 1]', () => {
    const empty = new Array<number>(BUCKET_COUNT).fill(0);
    expect(histogramQuantile(0.5, empty)).toBeNaN();
    expect(histogramQuantile(NaN, histogram([5]))).toBeNaN();
    expect(histogramQuantile(-0.1, histogram([5]))).toBe(-Infinity);
    expect(histogramQuantile(1.1, histogram([5]))).toBe(Infinity);
    expect(histogramQuantile(-0.1, empty)).toBe(-Infinity);
    // q = 0 with an empty first bucket: 0/0 inside the interpolation, NaN as in Prometheus.
    expect(histogramQuantile(0, histogram([5]))).toBeNaN();
  });

  it('works on fractional counts (rates)', () => {
    const counts = histogram(range(1000, (i) => i + 1)).map((c) => c / 600);
    expect(histogramQuantile(0.5, counts)).toBeCloseTo(500, 6);
  });
});
