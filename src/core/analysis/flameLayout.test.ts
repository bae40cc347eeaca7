import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flameLayout, rowAt, type FlameLayout, type FlameSpans } from './flameLayout';

/**
 * Spans drawn as in the tests of the critical path: one line each, `[parent] start duration`
 * in display order (parents first, siblings by start).
 */
function spans(...lines: [parent: number, start: number, duration: number][]): FlameSpans {
  return {
    parent: Int32Array.from(lines, (l) => l[0]),
    startUs: Float64Array.from(lines, (l) => l[1]),
    durationUs: Float64Array.from(lines, (l) => l[2]),
  };
}

/** Every rule a flame layout must keep, whatever the input; the first one broken, or null. */
function brokenRule(input: FlameSpans, layout: FlameLayout): string | null {
  const n = input.parent.length;
  const seen = new Uint8Array(n);
  for (let l = 0; l < layout.levelCount; l++) {
    let previousEnd = -Infinity;
    for (let i = layout.levelOffsets[l]; i < layout.levelOffsets[l + 1]; i++) {
      const row = layout.levelRows[i];
      if (layout.level[row] !== l)
        return `row ${row} is listed on level ${l} but placed on ${layout.level[row]}`;
      if (seen[row]++) return `row ${row} is listed twice`;
      // Disjoint and in start order: nothing on a level hides anything else.
      const start = input.startUs[row];
      if (start < previousEnd) return `row ${row} overlaps the span before it on level ${l}`;
      const duration = input.durationUs[row];
      previousEnd = start + (duration > 0 ? duration : 0.001);
    }
  }
  if (layout.levelOffsets[layout.levelCount] !== n) return 'not every row is on a level';
  for (let row = 0; row < n; row++) {
    const p = input.parent[row];
    if (p >= 0 && p < row && layout.level[row] <= layout.level[p])
      return `row ${row} is not below its parent`;
  }
  return null;
}

function expectValid(input: FlameSpans, layout: FlameLayout): void {
  expect(brokenRule(input, layout)).toBeNull();
}

describe('flameLayout', () => {
  it('stacks a plain call tree by depth', () => {
    // root ├ a ─ a1
    //      └ b
    const input = spans([-1, 0, 100], [0, 10, 40], [1, 15, 20], [0, 60, 30]);
    const layout = flameLayout(input);
    expect(Array.from(layout.level)).toEqual([0, 1, 2, 1]);
    expect(layout.levelCount).toBe(3);
    expect(layout.pushedCount).toBe(0);
    expect(Array.from(layout.levelRows.subarray(layout.levelOffsets[1], layout.levelOffsets[2]))).toEqual([
      1, 3,
    ]);
    expectValid(input, layout);
  });

  it('pushes an overlapping sibling to the next free level, below the first sibling’s children', () => {
    // root [0,100)
    //   a [0,50)       a1 [10,40)
    //   b [20,60)      overlaps a (level 1) and a1 (level 2): level 3; its child level 4
    //   c [55,90)      overlaps b only: level 1 is free again after a ends
    const input = spans([-1, 0, 100], [0, 0, 50], [1, 10, 30], [0, 20, 40], [3, 25, 10], [0, 55, 35]);
    const layout = flameLayout(input);
    expect(Array.from(layout.level)).toEqual([0, 1, 2, 3, 4, 1]);
    expect(layout.pushedCount).toBe(1);
    expectValid(input, layout);
  });

  it('keeps siblings that only touch on one level', () => {
    const input = spans([-1, 0, 30], [0, 0, 10], [0, 10, 10], [0, 20, 10]);
    expect(Array.from(flameLayout(input).level)).toEqual([0, 1, 1, 1]);
  });

  it('places children that start before or end after their parent without covering anything', () => {
    // root [0,100): p [10,20) with a child that outlives it [15,70) (fire and forget) and one
    // that starts before it [5,12) (clock skew); q [30,50) is p's sibling on level 1, so the
    // long child on level 2 stays clear of q's child [32,40), which goes one level further.
    const input = spans([-1, 0, 100], [0, 10, 10], [1, 5, 7], [1, 15, 55], [0, 30, 20], [4, 32, 8]);
    const layout = flameLayout(input);
    expect(Array.from(layout.level)).toEqual([0, 1, 2, 2, 1, 3]);
    expectValid(input, layout);
  });

  it('gives zero-length spans at the same instant their own levels', () => {
    const input = spans([-1, 0, 10], [0, 5, 0], [0, 5, 0], [0, 6, 0]);
    expect(Array.from(flameLayout(input).level)).toEqual([0, 1, 2, 1]);
  });

  it('lays out several roots and treats a parent listed after its child as a root', () => {
    const input = spans([-1, 0, 10], [-1, 5, 10], [3, 0, 4], [-1, 20, 5]);
    const layout = flameLayout(input);
    expect(Array.from(layout.level)).toEqual([0, 1, 1, 0]);
    expectValid(input, layout);
  });

  it('keeps its rules on random traces', () => {
    const trace = fc.array(fc.tuple(fc.nat(), fc.integer({ min: -50, max: 1000 }), fc.nat(300)), {
      minLength: 1,
      maxLength: 120,
    });
    fc.assert(
      fc.property(trace, (raw) => {
        const input = spans(
          ...raw.map(([p, s, d], row): [number, number, number] => [
            row === 0 ? -1 : (p % (row + 1)) - 1,
            s,
            d,
          ]),
        );
        expectValid(input, flameLayout(input));
      }),
      { numRuns: 300 },
    );
  });

  it('lays out a million spans in well under a second of work', () => {
    const input = bigTrace(1_000_000);
    const started = performance.now();
    const layout = flameLayout(input);
    const ms = performance.now() - started;
    expectValid(input, layout);
    // About 0.2 s on the 2-core development machine; generous for a loaded CI runner.
    expect(ms).toBeLessThan(5000);
    expect(layout.pushedCount).toBeGreaterThan(0);
  }, 60_000);

  it('stays bounded when a hundred thousand spans run at once', () => {
    const n = 100_000;
    const input = spans(
      [-1, 0, 10],
      ...Array.from({ length: n }, (): [number, number, number] => [0, 0, 10]),
    );
    const started = performance.now();
    const layout = flameLayout(input);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(layout.levelCount).toBe(n + 1);
    expectValid(input, layout);
  }, 60_000);
});

describe('rowAt', () => {
  it('finds the span drawn at a time on a level', () => {
    const input = spans([-1, 0, 100], [0, 0, 50], [1, 10, 30], [0, 20, 40], [3, 25, 10], [0, 55, 35]);
    const layout = flameLayout(input);
    expect(rowAt(input, layout, 0, 99)).toBe(0);
    expect(rowAt(input, layout, 1, 49)).toBe(1);
    expect(rowAt(input, layout, 1, 52)).toBe(-1);
    expect(rowAt(input, layout, 1, 60)).toBe(5);
    expect(rowAt(input, layout, 3, 30)).toBe(3);
    // Within the tolerance, the nearer of two neighbours.
    expect(rowAt(input, layout, 1, 52, 3)).toBe(1);
    expect(rowAt(input, layout, 1, 54, 3)).toBe(5);
    expect(rowAt(input, layout, 9, 30)).toBe(-1);
  });
});

/**
 * A call tree of `n` spans in display order: fan-outs of 1–8 children per span, 30 % of them
 * running in parallel with the previous sibling, some outliving their parent.
 */
function bigTrace(n: number): FlameSpans {
  const parent = new Int32Array(n);
  const startUs = new Float64Array(n);
  const durationUs = new Float64Array(n);
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  parent[0] = -1;
  durationUs[0] = 1e9;
  // Depth-first: a stack of (row, next child start) frames.
  const stack: { row: number; next: number; left: number }[] = [{ row: 0, next: 0, left: 8 }];
  for (let row = 1; row < n; row++) {
    while (stack.length > 1 && (stack[stack.length - 1].left === 0 || stack.length > 12)) stack.pop();
    const top = stack[stack.length - 1];
    if (top.left === 0) top.left = 8;
    top.left--;
    const parallel = random() < 0.3;
    const span = (durationUs[top.row] / 8) * random();
    const start = parallel ? Math.max(startUs[top.row], top.next - span / 2) : top.next;
    parent[row] = top.row;
    startUs[row] = start;
    durationUs[row] = random() < 0.01 ? span * 20 : span;
    top.next = start + span;
    stack.push({ row, next: start, left: 1 + Math.floor(random() * 8) });
  }
  return { parent, startUs, durationUs };
}
