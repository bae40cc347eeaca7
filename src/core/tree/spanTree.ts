/**
 * The steps of buildTraceIndex that turn a bag of spans into a tree in display order. All of
 * them are loops over typed arrays, without recursion, so that a million-span trace (or a
 * reference cycle) cannot overflow the stack.
 */
import type { Span } from '../model/trace';

/**
 * Every span's start and end in nanoseconds from the earliest start, as doubles: exact, since
 * a trace would have to last 104 days to pass 2^53 ns. Bigint arithmetic is the slow part of
 * indexing, so each span pays for two subtractions from a reference span and nothing else.
 */
export interface SpanTimes {
  /** Nanoseconds from the earliest start, by input position. */
  startNs: Float64Array;
  endNs: Float64Array;
  /** Epoch nanoseconds of the earliest start. */
  minStart: bigint;
  maxEndNs: number;
}

export function spanTimes(input: readonly Span[]): SpanTimes {
  const n = input.length;
  const startNs = new Float64Array(n);
  const endNs = new Float64Array(n);
  if (n === 0) return { startNs, endNs, minStart: 0n, maxEndNs: 0 };
  const reference = input[0].startTimeUnixNano;
  let min = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const start = Number(input[i].startTimeUnixNano - reference);
    const end = Number(input[i].endTimeUnixNano - reference);
    startNs[i] = start;
    endNs[i] = end;
    if (start < min) min = start;
    if (end > max) max = end;
  }
  for (let i = 0; i < n; i++) {
    startNs[i] -= min;
    endNs[i] -= min;
  }
  return { startNs, endNs, minStart: reference + BigInt(min), maxEndNs: max - min };
}

/** Each span's parent by input position, and what was wrong with the references. */
export interface SpanParents {
  /** Input position of each span's parent; -1 when it has none in the trace. */
  parentOf: Int32Array;
  orphans: number;
  duplicates: number;
  selfParents: number;
}

export interface SpanChildren extends SpanParents {
  /** Compressed rows: the children of span `i` are `children[offsets[i] … offsets[i + 1] - 1]`. */
  offsets: Int32Array;
  children: Int32Array;
}

/**
 * Resolves parent span IDs to input positions. The first span with an ID wins, so children
 * attach to it and later spans with that ID count as duplicates.
 */
export function spanParents(spans: readonly Span[]): SpanParents {
  const n = spans.length;
  const byId = new Map<string, number>();
  // Backwards, so that the first span with an ID wins with one hash operation per span.
  for (let i = n - 1; i >= 0; i--) byId.set(spans[i].spanId, i);
  const parentOf = new Int32Array(n).fill(-1);
  let orphans = 0;
  let selfParents = 0;
  for (let i = 0; i < n; i++) {
    if (!spans[i].parentSpanId) continue;
    const p = byId.get(spans[i].parentSpanId);
    if (p === undefined) orphans++;
    else if (p === i) selfParents++;
    else parentOf[i] = p;
  }
  return { parentOf, orphans, duplicates: n - byId.size, selfParents };
}

/**
 * Children of each span (by input position), sorted by start time and then input position.
 * `byStart` compares doubles: sorting a 100k-child batch span on bigints would dominate.
 */
export function childrenByStart(
  parents: SpanParents,
  byStart: (a: number, b: number) => number,
): SpanChildren {
  const { parentOf } = parents;
  const n = parentOf.length;
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) counts[parentOf[i] + 1]++;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + counts[i + 1];
  const fill = offsets.slice(0, n);
  const children = new Int32Array(offsets[n]);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) children[fill[parentOf[i]]++] = i;
  for (let p = 0; p < n; p++) {
    const from = offsets[p];
    const to = offsets[p + 1];
    if (to - from > 1 && !inOrder(children, from, to, byStart)) children.subarray(from, to).sort(byStart);
  }
  return { ...parents, offsets, children };
}

/**
 * Whether `items[from … to - 1]` is already sorted: spans usually arrive in start order within a
 * parent, and a check is a fraction of a typed-array sort with a comparator.
 */
function inOrder(
  items: Int32Array,
  from: number,
  to: number,
  compare: (a: number, b: number) => number,
): boolean {
  for (let k = from + 1; k < to; k++) if (compare(items[k - 1], items[k]) > 0) return false;
  return true;
}

export interface PreOrder {
  /** Input position of the span in each row. */
  order: Int32Array;
  /** Row of each input position. */
  position: Int32Array;
  /** Depth below the span each walk started from. */
  depthOf: Int32Array;
  /** Spans not reachable from a root: they sit on or below a parent cycle. */
  unreachable: number;
}

/** Depth-first pre-order from the roots in start order, then from each cycle's earliest span. */
export function preOrder(tree: SpanChildren, byStart: (a: number, b: number) => number): PreOrder {
  const { parentOf, offsets, children } = tree;
  const n = parentOf.length;
  const order = new Int32Array(n);
  const position = new Int32Array(n).fill(-1);
  const depthOf = new Int32Array(n);
  let written = 0;
  const stack: number[] = [];
  const walk = (root: number) => {
    stack.push(root);
    depthOf[root] = 0;
    while (stack.length) {
      const i = stack.pop()!;
      if (position[i] >= 0) continue;
      position[i] = written;
      order[written++] = i;
      for (let c = offsets[i + 1] - 1; c >= offsets[i]; c--) {
        const child = children[c];
        if (position[child] < 0) {
          depthOf[child] = depthOf[i] + 1;
          stack.push(child);
        }
      }
    }
  };
  const roots: number[] = [];
  for (let i = 0; i < n; i++) if (parentOf[i] < 0) roots.push(i);
  roots.sort(byStart);
  for (const r of roots) walk(r);
  const unreachable = n - written;
  if (written < n) {
    const rest: number[] = [];
    for (let i = 0; i < n; i++) if (position[i] < 0) rest.push(i);
    rest.sort(byStart);
    for (const r of rest) if (position[r] < 0) walk(r);
  }
  return { order, position, depthOf, unreachable };
}

/** In pre-order every row's subtree ends where its last child's does: one backward pass. */
export function subtreeRanges(parent: Int32Array): { subtreeEnd: Int32Array; childCount: Int32Array } {
  const n = parent.length;
  const subtreeEnd = new Int32Array(n);
  const childCount = new Int32Array(n);
  for (let row = n - 1; row >= 0; row--) {
    if (subtreeEnd[row] === 0) subtreeEnd[row] = row + 1;
    const p = parent[row];
    if (p >= 0) {
      childCount[p]++;
      if (subtreeEnd[row] > subtreeEnd[p]) subtreeEnd[p] = subtreeEnd[row];
    }
  }
  return { subtreeEnd, childCount };
}
