import { describe, expect, it } from 'vitest';
import { LastFinishingChildren } from './lastFinishingChild';

describe('LastFinishingChildren', () => {
  /*
   * Local spans: 0 is the parent of 1…5 (each a leaf, so subtreeEnd[k] = k + 1).
   * ends:        1:50  2:30  3:50  4:10  5:40 (dead: not on the path)
   */
  const subtreeEnd = Int32Array.from([6, 2, 3, 4, 5, 6]);
  const alive = Uint8Array.from([1, 1, 1, 1, 1, 0]);
  const end = Float64Array.from([100, 50, 30, 50, 10, 40]);

  it('hands out children latest end first, earliest start on ties, skipping dead ones', () => {
    const children = new LastFinishingChildren(0, subtreeEnd, alive, end);
    expect(children.next(0)).toBe(1);
    expect(children.next(0)).toBe(3);
    expect(children.next(0)).toBe(2);
    expect(children.next(0)).toBe(4);
    expect(children.next(0)).toBe(-1);
  });

  it('only considers children ending strictly before the given time, for good', () => {
    const children = new LastFinishingChildren(0, subtreeEnd, alive, end);
    expect(children.next(0, 50)).toBe(2);
    expect(children.next(0, 40)).toBe(4);
    expect(children.next(0, 5)).toBe(-1);
  });

  it('numbers spans relative to the subtree root and answers leaves with -1', () => {
    const shifted = Int32Array.from([0, 0, 0, 9, 5, 6, 7, 8, 9]);
    const children = new LastFinishingChildren(3, shifted, alive, end);
    expect(children.next(4)).toBe(-1);
    expect(children.next(0)).toBe(1);
  });
});
