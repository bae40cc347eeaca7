/**
 * The trace as flat arrays in display order, built without recursion so that a
 * million-span trace (or a reference cycle) cannot overflow the stack.
 */
import type { Span, Trace } from '../model/trace';
import { StatusCode } from '../model/trace';

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
  /** Absolute epoch microseconds of the earliest span start. */
  traceStartUs: number;
  /** Earliest start to latest end, microseconds. */
  traceDurationUs: number;
  maxDepth: number;
  errorCount: number;
}

/** Children of each span (by input position) in compressed-row form, sorted by start time. */
function childrenByStart(spans: readonly Span[]): {
  parentOf: Int32Array;
  offsets: Int32Array;
  children: Int32Array;
} {
  const n = spans.length;
  const byId = new Map<string, number>();
  for (let i = 0; i < n; i++) if (!byId.has(spans[i].spanId)) byId.set(spans[i].spanId, i);
  const parentOf = new Int32Array(n).fill(-1);
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = spans[i].parentSpanId ? byId.get(spans[i].parentSpanId) : undefined;
    if (p !== undefined && p !== i) {
      parentOf[i] = p;
      counts[p + 1]++;
    }
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + counts[i + 1];
  const fill = offsets.slice(0, n);
  const children = new Int32Array(offsets[n]);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) children[fill[parentOf[i]]++] = i;
  const byStart = (a: number, b: number) => compareStart(spans[a], spans[b]) || a - b;
  for (let p = 0; p < n; p++) {
    if (offsets[p + 1] - offsets[p] > 1) children.subarray(offsets[p], offsets[p + 1]).sort(byStart);
  }
  return { parentOf, offsets, children };
}

function compareStart(a: Span, b: Span): number {
  return a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : 0;
}

export function buildTraceIndex(trace: Trace): TraceIndex {
  const input = trace.spans;
  const n = input.length;
  const { parentOf, offsets, children } = childrenByStart(input);

  let minStart = n ? input[0].startTimeUnixNano : 0n;
  let maxEnd = n ? input[0].endTimeUnixNano : 0n;
  for (const s of input) {
    if (s.startTimeUnixNano < minStart) minStart = s.startTimeUnixNano;
    if (s.endTimeUnixNano > maxEnd) maxEnd = s.endTimeUnixNano;
  }

  const roots: number[] = [];
  for (let i = 0; i < n; i++) if (parentOf[i] < 0) roots.push(i);
  roots.sort((a, b) => compareStart(input[a], input[b]) || a - b);

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
  for (const r of roots) walk(r);
  // Spans never reached sit on a parent cycle: show each cycle from its earliest span.
  if (written < n) {
    const rest: number[] = [];
    for (let i = 0; i < n; i++) if (position[i] < 0) rest.push(i);
    rest.sort((a, b) => compareStart(input[a], input[b]) || a - b);
    for (const r of rest) if (position[r] < 0) walk(r);
  }

  const spans = new Array<Span>(n);
  const parent = new Int32Array(n);
  const depth = new Int32Array(n);
  const startUs = new Float64Array(n);
  const durationUs = new Float64Array(n);
  const service = new Int32Array(n);
  const serviceIds = new Map<string, number>();
  const services: string[] = [];
  let maxDepth = 0;
  let errorCount = 0;
  for (let row = 0; row < n; row++) {
    const i = order[row];
    const s = input[i];
    spans[row] = s;
    const p = parentOf[i];
    // A cycle's entry point keeps no parent, so the tree stays a tree.
    parent[row] = p >= 0 && position[p] < row && depthOf[i] > 0 ? position[p] : -1;
    depth[row] = parent[row] < 0 ? 0 : depthOf[i];
    if (depth[row] > maxDepth) maxDepth = depth[row];
    startUs[row] = Number(s.startTimeUnixNano - minStart) / 1000;
    durationUs[row] = Number(s.endTimeUnixNano - s.startTimeUnixNano) / 1000;
    let sid = serviceIds.get(s.resource.serviceName);
    if (sid === undefined) {
      sid = services.length;
      serviceIds.set(s.resource.serviceName, sid);
      services.push(s.resource.serviceName);
    }
    service[row] = sid;
    if (s.status.code === StatusCode.Error) errorCount++;
  }
  return {
    trace,
    spans,
    parent,
    depth,
    startUs,
    durationUs,
    service,
    services,
    traceStartUs: Number(minStart / 1000n),
    traceDurationUs: Number(maxEnd - minStart) / 1000,
    maxDepth,
    errorCount,
  };
}
