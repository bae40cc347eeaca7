/**
 * The trace as flat arrays in display order, built without recursion so that a
 * million-span trace (or a reference cycle) cannot overflow the stack.
 */
import type { Resource, Span, Trace } from '../model/trace';
import { StatusCode } from '../model/trace';
import {
  childrenByStart,
  preOrder,
  spanParents,
  spanTimes,
  subtreeRanges,
  type SpanParents,
  type SpanTimes,
} from './spanTree';

export interface TraceIndex {
  trace: Trace;
  /** Display order: depth-first pre-order, children sorted by start time. */
  spans: Span[];
  /** Index into `spans` of each span's parent; -1 for roots and orphans. */
  parent: Int32Array;
  depth: Int32Array;
  /** Start relative to the trace start, microseconds. */
  startUs: Float64Array;
  durationUs: Float64Array;
  /** Index into `services`. */
  service: Int32Array;
  /** Service names in first-seen display order; colours are handed out in this order. */
  services: string[];
  /** Index into `operations`. */
  operation: Int32Array;
  /** Span names in first-seen display order. */
  operations: string[];
  /** SpanKind of each row. */
  kind: Uint8Array;
  /** 1 where the span's status is an error. */
  error: Uint8Array;
  /** Links of each row's span; the critical path reads span links only where there are some. */
  linkCount: Int32Array;
  /**
   * Position of each row's span in `trace.spans`. Spans sit in memory in the order they were
   * decoded, so code that must read many span objects (attribute search) runs several times
   * faster visiting them in this order than in display order.
   */
  inputIndex: Int32Array;
  /** Absolute epoch microseconds of the earliest span start. */
  traceStartUs: number;
  /** Earliest start to latest end, microseconds. */
  traceDurationUs: number;
  maxDepth: number;
  errorCount: number;
  /**
   * Exclusive end row of each row's subtree: the descendants of `r` are exactly the rows
   * `r + 1 … subtreeEnd[r] - 1`, because display order is pre-order. Collapse, filter and the
   * critical path use it to skip or slice whole subtrees without walking them.
   */
  subtreeEnd: Int32Array;
  /** Direct children of each row; the first child of `r` is `r + 1`, the next `subtreeEnd[r + 1]`. */
  childCount: Int32Array;
  /** Spans whose parent span ID names no span in this trace; they are shown as roots. */
  orphanCount: number;
  /** Spans whose span ID an earlier span already has; children attach to the first of them. */
  duplicateSpanIdCount: number;
  /**
   * Spans on or below a parent-reference cycle (a span that is its own ancestor, itself
   * included). Each cycle is cut at its earliest span, which is shown at the top level.
   */
  cycleSpanCount: number;
}

/**
 * What a decoder may already know about the spans (from columns it read), which indexing
 * would otherwise derive from the span objects. Each must equal what spanTimes and
 * spanParents compute.
 */
export interface KnownSpanColumns {
  times?: SpanTimes;
  parents?: SpanParents;
}

export function buildTraceIndex(trace: Trace, known: KnownSpanColumns = {}): TraceIndex {
  const input = trace.spans;
  const n = input.length;
  const { startNs, endNs, minStart, maxEndNs } = known.times ?? spanTimes(input);
  const byStart = (a: number, b: number) => startNs[a] - startNs[b] || a - b;
  const tree = childrenByStart(known.parents ?? spanParents(input), byStart);
  const { order, position, depthOf, unreachable } = preOrder(tree, byStart);

  const parent = new Int32Array(n);
  const depth = new Int32Array(n);
  let maxDepth = 0;
  for (let row = 0; row < n; row++) {
    const i = order[row];
    const p = tree.parentOf[i];
    // A cycle's entry point keeps no parent, so the tree stays a tree.
    parent[row] = p >= 0 && position[p] < row && depthOf[i] > 0 ? position[p] : -1;
    depth[row] = parent[row] < 0 ? 0 : depthOf[i];
    if (depth[row] > maxDepth) maxDepth = depth[row];
  }

  // Span objects are read in input order, which is the order they sit in memory.
  const spans = new Array<Span>(n);
  const startUs = new Float64Array(n);
  const durationUs = new Float64Array(n);
  const kind = new Uint8Array(n);
  const error = new Uint8Array(n);
  const linkCount = new Int32Array(n);
  const serviceNames = new Interner();
  const operationNames = new Interner();
  const serviceKey = new Int32Array(n);
  const operationKey = new Int32Array(n);
  let lastResource: Resource | undefined;
  let lastService = -1;
  let errorCount = 0;
  for (let i = 0; i < n; i++) {
    const row = position[i];
    const s = input[i];
    spans[row] = s;
    startUs[row] = startNs[i] / 1000;
    durationUs[row] = (endNs[i] - startNs[i]) / 1000;
    kind[row] = s.kind;
    linkCount[row] = s.links.length;
    if (s.status.code === StatusCode.Error) {
      error[row] = 1;
      errorCount++;
    }
    // Spans of one export batch share a resource object: skip the name lookup for them.
    if (s.resource !== lastResource) {
      lastResource = s.resource;
      lastService = serviceNames.idOf(s.resource.serviceName);
    }
    serviceKey[row] = lastService;
    operationKey[row] = operationNames.idOf(s.name);
  }
  const services = serviceNames.renumberByFirstRow(serviceKey);
  const operations = operationNames.renumberByFirstRow(operationKey);
  const { subtreeEnd, childCount } = subtreeRanges(parent);
  return {
    trace,
    spans,
    parent,
    depth,
    startUs,
    durationUs,
    service: serviceKey,
    services,
    operation: operationKey,
    operations,
    kind,
    error,
    linkCount,
    inputIndex: order,
    traceStartUs: Number(minStart / 1000n),
    traceDurationUs: maxEndNs / 1000,
    maxDepth,
    errorCount,
    subtreeEnd,
    childCount,
    orphanCount: tree.orphans,
    duplicateSpanIdCount: tree.duplicates,
    cycleSpanCount: unreachable + tree.selfParents,
  };
}

/** Names to small integers, first in input order, then renumbered in display order. */
class Interner {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  /** Rewrites `keys` (per row) so that ids follow first appearance in display order. */
  renumberByFirstRow(keys: Int32Array): string[] {
    const remap = new Int32Array(this.names.length).fill(-1);
    const names: string[] = [];
    for (let row = 0; row < keys.length; row++) {
      const key = keys[row];
      if (remap[key] < 0) {
        remap[key] = names.length;
        names.push(this.names[key]);
      }
      keys[row] = remap[key];
    }
    return names;
  }
}
