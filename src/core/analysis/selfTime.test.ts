import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTrace, type SpanSpec } from '../testing/traceBuilder';
import { buildTraceIndex } from '../tree/traceIndex';
import { selfTimes, type SpanIntervals } from './selfTime';

/**
 * Diagrams: time runs left to right, one column per 10 µs. Each case lists the self time of
 * every span by name.
 */
function selfOf(specs: SpanSpec[]): Record<string, number> {
  const index = buildTraceIndex(buildTrace(specs));
  const self = selfTimes(index);
  return Object.fromEntries(index.spans.map((s, row) => [s.name, Math.round(self[row] * 1000) / 1000]));
}

describe('selfTimes', () => {
  it('a leaf is all self time', () => {
    // A  ==========
    expect(selfOf([{ id: 'A', at: [0, 100] }])).toEqual({ A: 100 });
  });

  it('sequential children are subtracted one after the other', () => {
    // A  ==========   0..100
    // B   ==          10..30
    // C      ===      40..70
    expect(
      selfOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [10, 30] },
        { id: 'C', parent: 'A', at: [40, 70] },
      ]),
    ).toEqual({ A: 50, B: 20, C: 30 });
  });

  it('overlapping children count once: the union, not the sum', () => {
    // A  ==========   0..100
    // B   ====        10..50
    // C     ====      30..70
    // D      ==       40..60   inside both
    // covered 10..70 = 60, where the sum of durations would be 100
    expect(
      selfOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [10, 50] },
        { id: 'C', parent: 'A', at: [30, 70] },
        { id: 'D', parent: 'A', at: [40, 60] },
      ]),
    ).toEqual({ A: 40, B: 40, C: 40, D: 20 });
  });

  it('a parallel fan-out that covers the parent leaves zero, never a negative self time', () => {
    // A  ==========   0..100
    // B  ==========   ×3 in parallel
    expect(
      selfOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [0, 100] },
        { id: 'C', parent: 'A', at: [0, 100] },
        { id: 'D', parent: 'A', at: [0, 100] },
      ]),
    ).toEqual({ A: 0, B: 100, C: 100, D: 100 });
  });

  it('children are clipped to the parent: outliving, early, and entirely outside', () => {
    // A     ======        30..90
    // B   ====            10..50   starts early (skew): covers 30..50
    // C          =====    80..130  outlives (fire-and-forget): covers 80..90
    // D               ==  140..160 after the parent ended: covers nothing
    // E ==                0..20    before the parent started: covers nothing
    expect(
      selfOf([
        { id: 'A', at: [30, 90] },
        { id: 'B', parent: 'A', at: [10, 50] },
        { id: 'C', parent: 'A', at: [80, 130] },
        { id: 'D', parent: 'A', at: [140, 160] },
        { id: 'E', parent: 'A', at: [0, 20] },
      ]),
    ).toEqual({ A: 30, B: 40, C: 50, D: 20, E: 20 });
  });

  it('only direct children count: a grandchild outliving its parent does not touch the root', () => {
    // R  ==========     0..100
    // P   ===           10..40
    // G     ======      20..80   outlives P; R is covered by P (10..40) only
    expect(
      selfOf([
        { id: 'R', at: [0, 100] },
        { id: 'P', parent: 'R', at: [10, 40] },
        { id: 'G', parent: 'P', at: [20, 80] },
      ]),
    ).toEqual({ R: 70, P: 10, G: 60 });
  });

  it('orphans are roots of their own: their time is not taken from anyone', () => {
    // R  ==========     0..100
    // O    ====         20..60   parent missing from the trace
    // K     ==          30..50   child of the orphan
    expect(
      selfOf([
        { id: 'R', at: [0, 100] },
        { id: 'O', at: [20, 60], parentSpanId: 'ffffffffffffffff' },
        { id: 'K', parent: 'O', at: [30, 50] },
      ]),
    ).toEqual({ R: 100, O: 20, K: 20 });
  });

  it('zero-length children and touching children', () => {
    // A  ==========   0..100
    // B  =====        0..50
    // C       =====   50..100  touches B: together they cover A
    // Z    |          30..30
    expect(
      selfOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [0, 50] },
        { id: 'C', parent: 'A', at: [50, 100] },
        { id: 'Z', parent: 'A', at: [30, 30] },
      ]),
    ).toEqual({ A: 0, B: 50, C: 50, Z: 0 });
  });

  it('gives the same answer when children are not in start order', () => {
    // Rows as a skeleton could carry them: 0 is the parent, children 1..3 unsorted.
    const spans: SpanIntervals = {
      parent: Int32Array.from([-1, 0, 0, 0]),
      startUs: Float64Array.from([0, 60, 10, 30]),
      durationUs: Float64Array.from([100, 20, 30, 10]),
    };
    // Children cover 10..40 and 60..80.
    expect(Array.from(selfTimes(spans))).toEqual([50, 20, 30, 10]);
  });

  it('matches a brute-force sweep on random trees', () => {
    const tree = fc.array(
      fc.record({ parent: fc.nat(), start: fc.integer({ min: 0, max: 200 }), length: fc.nat(120) }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(tree, (rows) => {
        const n = rows.length;
        const spans: SpanIntervals = {
          // Parents come before children, as in display order.
          parent: Int32Array.from(rows, (r, i) => (i === 0 ? -1 : (r.parent % (i + 1)) - 1)),
          startUs: Float64Array.from(rows, (r) => r.start),
          durationUs: Float64Array.from(rows, (r) => r.length),
        };
        const self = selfTimes(spans);
        for (let p = 0; p < n; p++) {
          // Count microsecond cells of the parent that no child covers.
          let free = 0;
          for (let t = spans.startUs[p]; t < spans.startUs[p] + spans.durationUs[p]; t++) {
            let busy = false;
            for (let c = 0; c < n; c++) {
              if (
                spans.parent[c] === p &&
                spans.startUs[c] <= t &&
                t < spans.startUs[c] + spans.durationUs[c]
              )
                busy = true;
            }
            if (!busy) free++;
          }
          if (self[p] !== free) return false;
        }
        return true;
      }),
    );
  });

  it('handles a million-span chain without recursion', () => {
    const n = 1_000_000;
    // Span i runs i..2n-i under span i-1: each loses all but 1 µs at either end to its child.
    const spans: SpanIntervals = {
      parent: Int32Array.from({ length: n }, (_, i) => i - 1),
      startUs: Float64Array.from({ length: n }, (_, i) => i),
      durationUs: Float64Array.from({ length: n }, (_, i) => 2 * n - 2 * i),
    };
    const self = selfTimes(spans);
    expect(self.every((s) => s === 2)).toBe(true);
  });
});
