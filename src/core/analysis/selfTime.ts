/**
 * Self time: how long a span was the one doing the work, i.e. its duration minus the time when
 * at least one of its children was running. Children are clipped to the parent's window first,
 * so a child that outlives its parent (fire-and-forget) or starts before it (clock skew) only
 * takes away the part that overlaps the parent, and overlapping children are counted once:
 * the union of their intervals is subtracted, not the sum of their durations (which is how
 * naive self time goes negative on parallel fan-outs).
 */

/** The three columns self time needs; a TraceIndex or a trace skeleton has them. */
export interface SpanIntervals {
  /** Row of each span's parent; -1 for roots and orphans. */
  readonly parent: Int32Array;
  readonly startUs: Float64Array;
  readonly durationUs: Float64Array;
}

/**
 * Self time of every row, in microseconds. One pass over the rows when the children of each
 * parent come in start order (TraceIndex's display order guarantees it); otherwise the rows
 * are sorted by parent and start first. O(n log n) at worst, no recursion.
 */
export function selfTimes(spans: SpanIntervals): Float64Array {
  const { parent, startUs, durationUs } = spans;
  const n = parent.length;
  const order = childrenInStartOrder(spans);
  // Per parent: time covered by children so far, and the union run still open.
  const covered = new Float64Array(n);
  const runStart = new Float64Array(n);
  const runEnd = new Float64Array(n).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const child = order === null ? i : order[i];
    const p = parent[child];
    if (p < 0) continue;
    const parentStart = startUs[p];
    const parentEnd = parentStart + Math.max(0, durationUs[p]);
    const from = Math.max(startUs[child], parentStart);
    const to = Math.min(startUs[child] + Math.max(0, durationUs[child]), parentEnd);
    if (to <= from) continue;
    if (from <= runEnd[p]) {
      if (to > runEnd[p]) runEnd[p] = to;
    } else {
      if (runEnd[p] > -Infinity) covered[p] += runEnd[p] - runStart[p];
      runStart[p] = from;
      runEnd[p] = to;
    }
  }
  const self = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    if (runEnd[row] > -Infinity) covered[row] += runEnd[row] - runStart[row];
    // Rounding can leave -1e-10 where the children cover the parent exactly.
    self[row] = Math.max(0, Math.max(0, durationUs[row]) - covered[row]);
  }
  return self;
}

/**
 * Null when every parent's children already appear in start order; else all rows sorted by
 * (parent, start, row), which puts each parent's children together and in start order.
 */
function childrenInStartOrder({ parent, startUs }: SpanIntervals): Int32Array | null {
  const n = parent.length;
  const lastStart = new Float64Array(n).fill(-Infinity);
  let ordered = true;
  for (let row = 0; row < n && ordered; row++) {
    const p = parent[row];
    if (p < 0) continue;
    if (startUs[row] < lastStart[p]) ordered = false;
    else lastStart[p] = startUs[row];
  }
  if (ordered) return null;
  const order = new Int32Array(n);
  for (let row = 0; row < n; row++) order[row] = row;
  return order.sort((a, b) => parent[a] - parent[b] || startUs[a] - startUs[b] || a - b);
}
