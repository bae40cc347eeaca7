/**
 * The head of a trace: its first rows in display order (depth-first, children by start, as
 * buildTraceIndex orders them) with what a row needs to be drawn, plus the trace's span count
 * and time range. A server that holds the whole trace answers this in milliseconds, so a page
 * can draw the first screen of a huge trace while the full response is still on its way.
 *
 * The walk stops after `rows` rows: only the children of the spans it visits are sorted.
 */
import type { SpanPositions } from '../adjust/spanIdIndex';
import { spanKindNames, StatusCode, type Span } from '../model/trace';
import { preOrder, spanTimes, type SpanChildren } from './spanTree';

export interface TraceHeadRow {
  spanId: string;
  /** Row of the parent within the head; -1 for a root. */
  parentRow: number;
  depth: number;
  /** Children in the whole trace (not only those in the head). */
  childCount: number;
  /** Microseconds from the trace start. */
  startUs: number;
  durationUs: number;
  service: string;
  operation: string;
  /** `server`, `client`, … or '' when unspecified. */
  kind: string;
  error: boolean;
}

export interface TraceHead {
  traceId: string;
  spanCount: number;
  serviceCount: number;
  /** Epoch microseconds of the earliest start, and earliest start to latest end. */
  startUs: number;
  durationUs: number;
  rows: TraceHeadRow[];
}

/** Parent positions, as spanParents resolves them, from a ready span ID → position table. */
function parentsOf(spans: readonly Span[], positions: SpanPositions): Int32Array {
  const parentOf = new Int32Array(spans.length).fill(-1);
  for (let i = 0; i < spans.length; i++) {
    const parentId = spans[i].parentSpanId;
    if (!parentId) continue;
    const p = positions.get(parentId);
    if (p !== undefined && p !== i) parentOf[i] = p;
  }
  return parentOf;
}

/** Children of each span in input order (compressed rows); sorted only where the walk goes. */
function childLists(parentOf: Int32Array): SpanChildren {
  const n = parentOf.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) offsets[parentOf[i] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const children = new Int32Array(offsets[n]);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) children[fill[parentOf[i]]++] = i;
  // The counts spanParents keeps are not needed for the rows.
  return { parentOf, offsets, children, orphans: 0, duplicates: 0, selfParents: 0 };
}

/**
 * The first `rows` rows of `spans`; `positions` maps each span ID to its first position (as
 * indexSpanIds builds it). Rows equal buildTraceIndex's first rows for the same spans.
 */
export function traceHead(
  traceId: string,
  spans: readonly Span[],
  positions: SpanPositions,
  rows: number,
): TraceHead {
  const n = spans.length;
  const times = spanTimes(spans);
  const { startNs, endNs } = times;
  const byStart = (a: number, b: number) => startNs[a] - startNs[b] || a - b;
  const tree = childLists(parentsOf(spans, positions));
  const sortChildren = (i: number) => {
    if (tree.offsets[i + 1] - tree.offsets[i] > 1)
      tree.children.subarray(tree.offsets[i], tree.offsets[i + 1]).sort(byStart);
  };
  const want = Math.min(rows, n);

  // Depth-first from the roots in start order, stopping once `want` rows are written.
  const order: number[] = [];
  const depthOf = new Map<number, number>();
  const written = new Uint8Array(n);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) if (tree.parentOf[i] < 0) roots.push(i);
  roots.sort(byStart);
  const stack: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]);
  for (const r of roots) depthOf.set(r, 0);
  while (stack.length && order.length < want) {
    const i = stack.pop()!;
    if (written[i]) continue;
    written[i] = 1;
    order.push(i);
    sortChildren(i);
    for (let c = tree.offsets[i + 1] - 1; c >= tree.offsets[i]; c--) {
      const child = tree.children[c];
      if (!written[child]) {
        depthOf.set(child, (depthOf.get(i) ?? 0) + 1);
        stack.push(child);
      }
    }
  }
  // Spans on a parent cycle come after every root's subtree: the full walk places them.
  if (order.length < want) {
    for (let i = 0; i < n; i++) sortChildren(i);
    const full = preOrder(tree, byStart);
    order.length = 0;
    for (let row = 0; row < want; row++) {
      order.push(full.order[row]);
      depthOf.set(full.order[row], full.depthOf[full.order[row]]);
    }
  }

  const rowOf = new Map<number, number>();
  const head: TraceHeadRow[] = [];
  for (let row = 0; row < order.length; row++) {
    const i = order[row];
    rowOf.set(i, row);
    const s = spans[i];
    const p = tree.parentOf[i];
    const parentRow = p >= 0 ? (rowOf.get(p) ?? -1) : -1;
    head.push({
      spanId: s.spanId,
      parentRow,
      depth: parentRow < 0 ? 0 : (depthOf.get(i) ?? 0),
      childCount: tree.offsets[i + 1] - tree.offsets[i],
      startUs: startNs[i] / 1000,
      durationUs: (endNs[i] - startNs[i]) / 1000,
      service: s.resource.serviceName,
      operation: s.name,
      kind: spanKindNames[s.kind],
      error: s.status.code === StatusCode.Error,
    });
  }

  const services = new Set<string>();
  let lastResource: Span['resource'] | undefined;
  for (const s of spans) {
    if (s.resource === lastResource) continue;
    lastResource = s.resource;
    services.add(s.resource.serviceName);
  }
  return {
    traceId,
    spanCount: n,
    serviceCount: services.size,
    startUs: Number(times.minStart / 1000n),
    durationUs: times.maxEndNs / 1000,
    rows: head,
  };
}
