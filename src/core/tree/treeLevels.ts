/**
 * "Expand +1" and "Collapse +1" with the semantics of Jaeger UI's useChildrenState
 * (expandOne / collapseOne), over typed arrays instead of a Set of span IDs. Both scan the
 * rows in display order, including rows currently folded away, exactly as Jaeger does, so
 * that repeated presses step through the same states in both tools.
 */
import type { TraceTree } from './traceIndex';

/**
 * Collapses, on every path, the deepest parent that is still expanded (as Jaeger picks it:
 * the last expanded parent seen before the scan leaves its subtree). Returns how many rows
 * became collapsed.
 */
export function collapseOneLevel(index: TraceTree, collapsed: Uint8Array): number {
  const { depth, childCount } = index;
  const n = depth.length;
  let added = 0;
  let nearest = -1;
  for (let row = 0; row < n; row++) {
    if (nearest >= 0 && depth[row] <= depth[nearest]) {
      if (collapsed[nearest] === 0) {
        collapsed[nearest] = 1;
        added++;
      }
      // Jaeger moves on to any parent here, even one already collapsed.
      if (childCount[row] > 0) nearest = row;
    } else if (childCount[row] > 0 && collapsed[row] === 0) {
      nearest = row;
    }
  }
  if (nearest >= 0 && collapsed[nearest] === 0) {
    collapsed[nearest] = 1;
    added++;
  }
  return added;
}

/**
 * Expands, on every path, the topmost collapsed row; rows below it stay as they were.
 * Returns how many rows became expanded.
 */
export function expandOneLevel(index: TraceTree, collapsed: Uint8Array): number {
  const { subtreeEnd } = index;
  const n = subtreeEnd.length;
  let removed = 0;
  let row = 0;
  while (row < n) {
    if (collapsed[row] === 1) {
      collapsed[row] = 0;
      removed++;
      // Jaeger expands nothing else until the scan is back at this row's depth or above,
      // which in display order is exactly the end of its subtree.
      row = subtreeEnd[row];
    } else row++;
  }
  return removed;
}
