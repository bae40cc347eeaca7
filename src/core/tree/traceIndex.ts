/**
 * The trace as flat arrays in display order, built without recursion so that a
 * million-span trace (or a reference cycle) cannot overflow the stack.
 */
import type { Resource, Span, SpanLink, Trace } from '../model/trace';
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
import { NameInterner } from '../model/nameInterner';
import { SpanFlag, type TraceColumns } from './traceColumns';

/** The trace's tree as flat arrays in display order: what the waterfall, collapse, filters and the critical path read. */
export interface TraceTree {
  /** 32 lower-case hex digits. */
  traceId: string;
  spanCount: number;
  /** Row of each span's parent; -1 for roots and orphans. */
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
  /** SpanFlag bits of each row (traceColumns.ts). */
  flags: Uint8Array;
  /** Links of each row's span. */
  linkCount: Int32Array;
  /**
   * Input position of each row's span. Spans sit in memory in the order they were decoded, so
   * code that must read many span objects (attribute search) runs several times faster
   * visiting them in this order than in display order.
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

/** The tree with the span objects it was built from (in the worker, which holds the spans). */
export interface TraceIndex extends TraceTree {
  trace: Trace;
  /** Display order: depth-first pre-order, children sorted by start time. */
  spans: Span[];
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
  const tree = indexColumns(columnsOfTrace(trace, known));
  const input = trace.spans;
  const spans = new Array<Span>(input.length);
  const order = tree.inputIndex;
  for (let row = 0; row < order.length; row++) spans[row] = input[order[row]];
  return { ...tree, trace, spans };
}

/** The columns indexing reads, taken from span objects. */
export function columnsOfTrace(trace: Trace, known: KnownSpanColumns = {}): TraceColumns {
  const input = trace.spans;
  const n = input.length;
  const parents = known.parents ?? spanParents(input);
  const kind = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const linkCount = new Int32Array(n);
  const serviceNames = new NameInterner();
  const operationNames = new NameInterner();
  const serviceKey = new Int32Array(n);
  const operationKey = new Int32Array(n);
  let lastResource: Resource | undefined;
  let lastService = -1;
  for (let i = 0; i < n; i++) {
    const s = input[i];
    kind[i] = s.kind;
    linkCount[i] = s.links.length;
    let f = 0;
    if (s.status.code === StatusCode.Error) f |= SpanFlag.Error;
    if (s.parentSpanId) f |= SpanFlag.HasParentId;
    const p = parents.parentOf[i];
    if (s.links.length > 0 && p >= 0 && followsFrom(s, input[p].spanId)) f |= SpanFlag.FollowsFromParent;
    flags[i] = f;
    // Spans of one export batch share a resource object: skip the name lookup for them.
    if (s.resource !== lastResource) {
      lastResource = s.resource;
      lastService = serviceNames.idOf(s.resource.serviceName);
    }
    serviceKey[i] = lastService;
    operationKey[i] = operationNames.idOf(s.name);
  }
  return {
    traceId: trace.traceId,
    spanCount: n,
    times: known.times ?? spanTimes(input),
    parents,
    kind,
    flags,
    linkCount,
    serviceKey,
    serviceNames: serviceNames.names,
    operationKey,
    operationNames: operationNames.names,
    warnings: [...trace.warnings],
  };
}

/** The tree in display order from a trace's columns. */
export function indexColumns(columns: TraceColumns): TraceTree {
  const n = columns.spanCount;
  const { startNs, minStart, maxEndNs } = columns.times;
  const byStart = (a: number, b: number) => startNs[a] - startNs[b] || a - b;
  const tree = childrenByStart(columns.parents, byStart);
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

  const startUs = new Float64Array(n);
  const durationUs = new Float64Array(n);
  const kind = new Uint8Array(n);
  const error = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const linkCount = new Int32Array(n);
  const service = new Int32Array(n);
  const operation = new Int32Array(n);
  let errorCount = 0;
  const record = spanRecords(columns);
  for (let row = 0; row < n; row++) {
    const at = order[row] * RECORD;
    const start = record[at];
    startUs[row] = start / 1000;
    durationUs[row] = (record[at + 1] - start) / 1000;
    service[row] = record[at + 2];
    operation[row] = record[at + 3];
    const marks = record[at + 4];
    const f = marks % 256;
    kind[row] = Math.floor(marks / 256) % 256;
    linkCount[row] = Math.floor(marks / 65536);
    flags[row] = f;
    if (f & SpanFlag.Error) {
      error[row] = 1;
      errorCount++;
    }
  }
  const { subtreeEnd, childCount } = subtreeRanges(parent);
  return {
    traceId: columns.traceId,
    spanCount: n,
    parent,
    depth,
    startUs,
    durationUs,
    service,
    services: renumberByFirstRow(service, columns.serviceNames),
    operation,
    operations: renumberByFirstRow(operation, columns.operationNames),
    kind,
    error,
    flags,
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

/** Doubles per span in spanRecords. */
const RECORD = 5;

/**
 * Each span's columns side by side (start, end, service, operation, then kind, flags and links
 * in one number), read sequentially once. Display order visits spans in an order unrelated to the input
 * (exporters batch by service), so gathering seven separate columns row by row cost seven cache
 * misses a span, several times the rest of indexing at a million spans; one record costs one.
 */
function spanRecords(columns: TraceColumns): Float64Array {
  const n = columns.spanCount;
  const { startNs, endNs } = columns.times;
  const { kind, flags, linkCount, serviceKey, operationKey } = columns;
  const record = new Float64Array(n * RECORD);
  for (let i = 0; i < n; i++) {
    const at = i * RECORD;
    record[at] = startNs[i];
    record[at + 1] = endNs[i];
    record[at + 2] = serviceKey[i];
    record[at + 3] = operationKey[i];
    record[at + 4] = linkCount[i] * 65536 + kind[i] * 256 + flags[i];
  }
  return record;
}

/**
 * A FOLLOWS_FROM child: fromJaegerJson keeps that reference as a link to the parent tagged
 * `opentracing.ref_type=follows_from`, and so does the OpenTracing shim over OTLP.
 */
function followsFrom(child: Span, parentSpanId: string): boolean {
  for (const link of child.links) {
    if (link.spanId === parentSpanId && link.traceId === child.traceId && isFollowsFromLink(link))
      return true;
  }
  return false;
}

function isFollowsFromLink(link: SpanLink): boolean {
  for (const a of link.attributes) {
    if (a.key === 'opentracing.ref_type' && a.type === 'string' && a.value === 'follows_from') return true;
  }
  return false;
}

/** Rewrites `keys` (per row) so that ids follow first appearance in display order; returns the names in that order. */
function renumberByFirstRow(keys: Int32Array, names: readonly string[]): string[] {
  const remap = new Int32Array(names.length).fill(-1);
  const ordered: string[] = [];
  for (let row = 0; row < keys.length; row++) {
    const key = keys[row];
    if (remap[key] < 0) {
      remap[key] = ordered.length;
      ordered.push(names[key]);
    }
    keys[row] = remap[key];
  }
  return ordered;
}
