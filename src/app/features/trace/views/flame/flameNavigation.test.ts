import { describe, expect, it } from 'vitest';
import { ancestry, flameNeighbour, subtreeExtent, type FlameTree } from './flameNavigation';

// Display order:  0 root
//                 1   a        (children 2, 3)
//                 2     a1
//                 3     a2
//                 4   b
//                 5 second root
const tree: FlameTree = {
  parent: Int32Array.from([-1, 0, 1, 1, 0, -1]),
  subtreeEnd: Int32Array.from([5, 4, 3, 4, 5, 6]),
  childCount: Int32Array.from([2, 2, 0, 0, 0, 0]),
  startUs: Float64Array.from([0, 5, 6, 30, 40, 100]),
  durationUs: Float64Array.from([50, 30, 10, 20, 5, 10]),
};

describe('flame keyboard moves', () => {
  it('goes up to the parent, down to the first child and sideways between siblings', () => {
    expect(flameNeighbour(tree, 2, 'ArrowUp')).toBe(1);
    expect(flameNeighbour(tree, 0, 'ArrowUp')).toBe(-1);
    expect(flameNeighbour(tree, 1, 'ArrowDown')).toBe(2);
    expect(flameNeighbour(tree, 2, 'ArrowDown')).toBe(-1);
    expect(flameNeighbour(tree, 1, 'ArrowRight')).toBe(4);
    expect(flameNeighbour(tree, 4, 'ArrowRight')).toBe(-1);
    expect(flameNeighbour(tree, 4, 'ArrowLeft')).toBe(1);
    expect(flameNeighbour(tree, 3, 'ArrowLeft')).toBe(2);
    expect(flameNeighbour(tree, 2, 'ArrowLeft')).toBe(-1);
    expect(flameNeighbour(tree, 0, 'ArrowRight')).toBe(5);
    expect(flameNeighbour(tree, 5, 'ArrowLeft')).toBe(0);
    expect(flameNeighbour(tree, 1, 'Enter')).toBe(-1);
  });

  it('measures a subtree, children outside the parent included, and lists ancestors', () => {
    expect(subtreeExtent(tree, 1)).toEqual([5, 50]);
    expect(subtreeExtent(tree, 4)).toEqual([40, 45]);
    expect(ancestry(tree, 3)).toEqual([0, 1, 3]);
  });
});
