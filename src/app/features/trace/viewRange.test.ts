import { describe, expect, it } from 'vitest';
import { criticalPieces } from './criticalPieces';
import { FULL_RANGE, isFullRange, MIN_RANGE_WIDTH, normalizeRange, panRange, zoomRange } from './viewRange';

describe('view range', () => {
  it('orders, clamps and keeps a minimum width', () => {
    expect(normalizeRange(0.8, 0.2)).toEqual([0.2, 0.8]);
    expect(normalizeRange(-1, 2)).toEqual(FULL_RANGE);
    const [a, b] = normalizeRange(0.5, 0.5);
    expect(b - a).toBeCloseTo(MIN_RANGE_WIDTH);
    expect(isFullRange(FULL_RANGE)).toBe(true);
  });

  it('pans by a share of its width and stops at the ends', () => {
    expect(panRange([0.2, 0.4], 0.5)).toEqual([0.30000000000000004, 0.5]);
    expect(panRange([0.9, 1], 0.5)).toEqual([0.9, 1]);
    expect(panRange([0, 0.1], -0.5)).toEqual([0, 0.1]);
  });

  it('zooms about an anchor without leaving the trace', () => {
    const [a, b] = zoomRange(FULL_RANGE, 0.5, 0.5);
    expect([a, b]).toEqual([0.25, 0.75]);
    expect(zoomRange([0.25, 0.75], 4)).toEqual([0, 1]);
    const [c, d] = zoomRange(FULL_RANGE, 0.5, 0);
    expect([c, d]).toEqual([0, 0.5]);
  });
});

describe('critical path pieces on a bar', () => {
  it('places few segments exactly, in percent of the visible window', () => {
    const pieces = criticalPieces(Float64Array.of(100, 300), Float64Array.of(200, 400), 0, 2, 0, 1000);
    expect(pieces).toEqual([
      { left: 10, width: 10 },
      { left: 30, width: 10 },
    ]);
  });

  it('merges thousands of segments into pixel-sized runs', () => {
    const n = 10_000;
    const starts = Float64Array.from({ length: n }, (_, i) => i * 10);
    const ends = Float64Array.from({ length: n }, (_, i) => i * 10 + 9);
    const pieces = criticalPieces(starts, ends, 0, n, 0, n * 10);
    expect(pieces).toHaveLength(1);
    expect(pieces[0].left).toBe(0);
    expect(pieces[0].width).toBeCloseTo(100);
  });

  it('leaves out segments outside a zoomed window', () => {
    expect(criticalPieces(Float64Array.of(0), Float64Array.of(10), 0, 1, 500, 100)).toEqual([]);
  });
});
