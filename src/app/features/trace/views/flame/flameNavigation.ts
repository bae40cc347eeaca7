/**
 * Moving through the flame graph from the keyboard, on the trace's tree (display order is
 * pre-order, so a span's first child is the next row and its next sibling ends its subtree).
 */

export interface FlameTree {
  readonly parent: Int32Array;
  readonly subtreeEnd: Int32Array;
  readonly childCount: Int32Array;
  readonly startUs: Float64Array;
  readonly durationUs: Float64Array;
}

export function firstChild(tree: FlameTree, row: number): number {
  return tree.childCount[row] > 0 ? row + 1 : -1;
}

/** The next span with the same parent (the next root for a root), or -1. */
export function nextSibling(tree: FlameTree, row: number): number {
  const next = tree.subtreeEnd[row];
  return next < tree.parent.length && tree.parent[next] === tree.parent[row] ? next : -1;
}

/** The previous span with the same parent, or -1. Walks the siblings before it, subtree by subtree. */
export function previousSibling(tree: FlameTree, row: number): number {
  const p = tree.parent[row];
  let previous = -1;
  for (let c = p >= 0 ? p + 1 : 0; c < row; c = tree.subtreeEnd[c]) previous = c;
  return previous;
}

/** The row an arrow key leads to from `row` (ArrowUp: parent, ArrowDown: first child, sides: siblings). */
export function flameNeighbour(tree: FlameTree, row: number, key: string): number {
  switch (key) {
    case 'ArrowUp':
      return tree.parent[row];
    case 'ArrowDown':
      return firstChild(tree, row);
    case 'ArrowRight':
      return nextSibling(tree, row);
    case 'ArrowLeft':
      return previousSibling(tree, row);
    default:
      return -1;
  }
}

/** Earliest start and latest end in `row`'s subtree: what zooming into it shows. */
export function subtreeExtent(tree: FlameTree, row: number): [number, number] {
  let from = Infinity;
  let to = -Infinity;
  for (let r = row; r < tree.subtreeEnd[row]; r++) {
    const start = tree.startUs[r];
    if (start < from) from = start;
    const end = start + Math.max(0, tree.durationUs[r]);
    if (end > to) to = end;
  }
  return [from, to];
}

/** `row` and its ancestors, the root first. */
export function ancestry(tree: FlameTree, row: number): number[] {
  const out: number[] = [];
  for (let r = row; r >= 0; r = tree.parent[r]) out.push(r);
  return out.reverse();
}
