/**
 * The comparison of two traces, A (the baseline) and B: their spans aligned by call path (see
 * alignment.ts), and for every node of the aligned tree each side's span count, total and self
 * duration, and time on the critical path. The nodes that explain the end-to-end change are
 * chosen by the rule in contributors.ts. Everything is in flat typed arrays so that the result of
 * a 100k-span comparison crosses from the worker to the page by transfer, not by copy.
 */
import { criticalPath } from '../criticalPath/criticalPath';
import type { TraceIndex } from '../tree/traceIndex';
import { alignTraces, preOrderNodes } from './alignment';
import { topContributors, type ContributorRule } from './contributors';
import { selfTimes } from '../analysis/selfTime';

/** One trace's figures per aligned node (a node the trace does not reach has count 0). */
export interface DiffSide {
  /** Spans of this trace on the node's path. */
  count: Int32Array;
  /** Of those, spans with an error status. */
  errors: Int32Array;
  /** Sum of their durations, µs. Parallel spans add up, so this can exceed the trace's duration. */
  totalUs: Float64Array;
  /** Sum of their self times (duration minus the union of their children), µs. */
  selfUs: Float64Array;
  /** Time they spend on the trace's critical path, µs. Summed over all nodes: the critical path. */
  criticalUs: Float64Array;
  /** Earliest start of one of its spans, µs from the trace's start; NaN when count is 0. */
  firstStartUs: Float64Array;
  /** Span ID of that earliest span, to open it in the trace; '' when count is 0. */
  firstSpanId: string[];
}

/** What the page's summary says about each trace. */
export interface DiffTraceFacts {
  traceId: string;
  spanCount: number;
  errorCount: number;
  serviceCount: number;
  /** Earliest span start, epoch µs. */
  startUs: number;
  /** Earliest start to latest end, µs. */
  durationUs: number;
  /** Length of the critical path: the duration of the root that ended last, µs. */
  criticalPathUs: number;
  /** `service: operation` of the first root, '' for an empty trace. */
  rootService: string;
  rootOperation: string;
}

export interface TraceDiff {
  /** Number of aligned nodes. Nodes are in depth-first pre-order, siblings by earliest start. */
  size: number;
  /** Parent node, -1 for a root path. */
  parent: Int32Array;
  depth: Int32Array;
  /** Exclusive end of each node's subtree in pre-order. */
  subtreeEnd: Int32Array;
  /** Index into `services` / `operations`. */
  service: Int32Array;
  operation: Int32Array;
  services: string[];
  operations: string[];
  a: DiffSide;
  b: DiffSide;
  facts: { a: DiffTraceFacts; b: DiffTraceFacts };
  /** The nodes that explain most of the end-to-end change, biggest first (contributors.ts). */
  topContributors: Int32Array;
}

export interface DiffOptions {
  contributors?: Partial<ContributorRule>;
}

function factsOf(index: TraceIndex, criticalPathUs: number): DiffTraceFacts {
  const first = index.spans.length > 0 ? 0 : -1;
  return {
    traceId: index.trace.traceId,
    spanCount: index.spans.length,
    errorCount: index.errorCount,
    serviceCount: index.services.length,
    startUs: index.traceStartUs,
    durationUs: index.traceDurationUs,
    criticalPathUs,
    rootService: first < 0 ? '' : index.services[index.service[first]],
    rootOperation: first < 0 ? '' : index.operations[index.operation[first]],
  };
}

/** Accumulates one trace's rows into per-node figures, in first-met node numbering. */
function sideFigures(index: TraceIndex, rowNode: Int32Array, nodeCount: number) {
  const side = emptySide(nodeCount);
  const self = selfTimes(index);
  const firstRow = new Int32Array(nodeCount).fill(-1);
  const { startUs, durationUs, error } = index;
  for (let row = 0; row < rowNode.length; row++) {
    const node = rowNode[row];
    side.count[node]++;
    side.errors[node] += error[row];
    side.totalUs[node] += Math.max(0, durationUs[row]);
    side.selfUs[node] += self[row];
    if (firstRow[node] < 0 || startUs[row] < startUs[firstRow[node]]) firstRow[node] = row;
  }
  let criticalPathUs = 0;
  for (const segment of criticalPath(index)) {
    const length = segment.endUs - segment.startUs;
    side.criticalUs[rowNode[segment.row]] += length;
    criticalPathUs += length;
  }
  for (let node = 0; node < nodeCount; node++) {
    const row = firstRow[node];
    if (row < 0) continue;
    side.firstStartUs[node] = startUs[row];
    side.firstSpanId[node] = index.spans[row].spanId;
  }
  return { side, criticalPathUs };
}

function emptySide(size: number): DiffSide {
  return {
    count: new Int32Array(size),
    errors: new Int32Array(size),
    totalUs: new Float64Array(size),
    selfUs: new Float64Array(size),
    criticalUs: new Float64Array(size),
    firstStartUs: new Float64Array(size).fill(NaN),
    firstSpanId: new Array<string>(size).fill(''),
  };
}

/** Reorders a side's columns: entry `i` of the result is entry `order[i]` of `side`. */
function permuteSide(side: DiffSide, order: Int32Array): DiffSide {
  const out = emptySide(order.length);
  for (let i = 0; i < order.length; i++) {
    const node = order[i];
    out.count[i] = side.count[node];
    out.errors[i] = side.errors[node];
    out.totalUs[i] = side.totalUs[node];
    out.selfUs[i] = side.selfUs[node];
    out.criticalUs[i] = side.criticalUs[node];
    out.firstStartUs[i] = side.firstStartUs[node];
    out.firstSpanId[i] = side.firstSpanId[node];
  }
  return out;
}

/** Compares B against A. O(n log n) in the number of spans of both, without recursion. */
export function diffTraces(a: TraceIndex, b: TraceIndex, options: DiffOptions = {}): TraceDiff {
  const aligned = alignTraces(a, b);
  const size = aligned.nodeCount;
  const sideA = sideFigures(a, aligned.rowNodeA, size);
  const sideB = sideFigures(b, aligned.rowNodeB, size);

  // Siblings in the order they first ran, in whichever trace reached them first.
  const firstStart = new Float64Array(size);
  for (let node = 0; node < size; node++) {
    const sa = sideA.side.firstStartUs[node];
    const sb = sideB.side.firstStartUs[node];
    firstStart[node] = Number.isNaN(sa) ? sb : Number.isNaN(sb) ? sa : Math.min(sa, sb);
  }
  const { order, position } = preOrderNodes(aligned.parent, firstStart);

  const parent = new Int32Array(size);
  const depth = new Int32Array(size);
  const service = new Int32Array(size);
  const operation = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const node = order[i];
    const p = aligned.parent[node];
    parent[i] = p < 0 ? -1 : position[p];
    depth[i] = p < 0 ? 0 : depth[parent[i]] + 1;
    service[i] = aligned.service[node];
    operation[i] = aligned.operation[node];
  }
  const subtreeEnd = new Int32Array(size);
  for (let i = size - 1; i >= 0; i--) {
    if (subtreeEnd[i] === 0) subtreeEnd[i] = i + 1;
    const p = parent[i];
    if (p >= 0 && subtreeEnd[i] > subtreeEnd[p]) subtreeEnd[p] = subtreeEnd[i];
  }

  const sides = { a: permuteSide(sideA.side, order), b: permuteSide(sideB.side, order) };
  return {
    size,
    parent,
    depth,
    subtreeEnd,
    service,
    operation,
    services: aligned.services,
    operations: aligned.operations,
    ...sides,
    facts: { a: factsOf(a, sideA.criticalPathUs), b: factsOf(b, sideB.criticalPathUs) },
    topContributors: topContributors(sides.a.criticalUs, sides.b.criticalUs, options.contributors),
  };
}

/** The typed-array buffers of a diff, to transfer it from a worker instead of copying. */
export function diffTransferables(diff: TraceDiff): ArrayBuffer[] {
  const columns: (Int32Array | Float64Array)[] = [
    diff.parent,
    diff.depth,
    diff.subtreeEnd,
    diff.service,
    diff.operation,
    diff.topContributors,
  ];
  for (const side of [diff.a, diff.b]) {
    columns.push(side.count, side.errors, side.totalUs, side.selfUs, side.criticalUs, side.firstStartUs);
  }
  return columns.map((c) => c.buffer as ArrayBuffer);
}
