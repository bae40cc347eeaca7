/**
 * The trace as a call graph: one node per (service, operation), one edge per pair of nodes where
 * a span of the first is the parent of a span of the second. A 100k-span batch job with a handful
 * of distinct operations becomes a handful of nodes, each telling how often it ran, how long it
 * took in total and by itself, how often it failed and whether it lies on the critical path.
 * One pass over the rows, no recursion.
 */

/** The columns the graph reads; a TraceIndex has them, self time comes from selfTimes(). */
export interface TraceGraphSpans {
  /** Row of each span's parent, -1 for roots. */
  readonly parent: Int32Array;
  /** Index into the service names of each row. */
  readonly service: Int32Array;
  /** Index into the operation names of each row. */
  readonly operation: Int32Array;
  readonly durationUs: Float64Array;
  /** 1 where the span failed. */
  readonly error: Uint8Array;
}

export interface TraceGraphNode {
  service: number;
  operation: number;
  /** Spans of this service and operation. */
  count: number;
  errorCount: number;
  /** Sum of their durations (parallel or nested runs count each time). */
  totalUs: number;
  /** Sum of their self times: the time no child of theirs was running. */
  selfUs: number;
  /** At least one of its spans is on the critical path. */
  critical: boolean;
}

export interface TraceGraphEdge {
  /** Indices into `nodes`; source calls target. Equal for an operation that calls itself. */
  source: number;
  target: number;
  /** Parent-child span pairs between the two. */
  count: number;
  /** Of those, the calls whose child span failed. */
  errorCount: number;
}

export interface TraceGraph {
  /** In order of their first span in display order. */
  nodes: TraceGraphNode[];
  /** By source, then target. */
  edges: TraceGraphEdge[];
  /** Rows of node i are rows[offsets[i] .. offsets[i + 1]), in display order. */
  offsets: Int32Array;
  rows: Int32Array;
}

/**
 * @param selfUs self time of each row (core/analysis/selfTime)
 * @param critical 1 for each row with a critical-path segment, or null without a critical path
 */
export function traceGraph(
  spans: TraceGraphSpans,
  selfUs: Float64Array,
  critical: Uint8Array | null,
): TraceGraph {
  const n = spans.parent.length;
  const nodeOf = new Int32Array(n);
  // A numeric key per (service, operation): no string per span (100k spans in ~10 ms, not ~200).
  let operationCount = 0;
  for (let row = 0; row < n; row++) operationCount = Math.max(operationCount, spans.operation[row] + 1);
  const byKey = new Map<number, number>();
  const nodes: TraceGraphNode[] = [];
  for (let row = 0; row < n; row++) {
    const key = spans.service[row] * operationCount + spans.operation[row];
    let node = byKey.get(key);
    if (node === undefined) {
      node = nodes.length;
      byKey.set(key, node);
      nodes.push({
        service: spans.service[row],
        operation: spans.operation[row],
        count: 0,
        errorCount: 0,
        totalUs: 0,
        selfUs: 0,
        critical: false,
      });
    }
    nodeOf[row] = node;
    const stats = nodes[node];
    stats.count++;
    stats.errorCount += spans.error[row];
    stats.totalUs += Math.max(0, spans.durationUs[row]);
    stats.selfUs += selfUs[row];
    if (critical !== null && critical[row] === 1) stats.critical = true;
  }

  const byPair = new Map<number, TraceGraphEdge>();
  for (let row = 0; row < n; row++) {
    const p = spans.parent[row];
    if (p < 0) continue;
    const source = nodeOf[p];
    const target = nodeOf[row];
    const pair = source * nodes.length + target;
    let edge = byPair.get(pair);
    if (edge === undefined) {
      edge = { source, target, count: 0, errorCount: 0 };
      byPair.set(pair, edge);
    }
    edge.count++;
    edge.errorCount += spans.error[row];
  }
  const edges = [...byPair.values()].sort((a, b) => a.source - b.source || a.target - b.target);

  const offsets = new Int32Array(nodes.length + 1);
  for (let i = 0; i < nodes.length; i++) offsets[i + 1] = offsets[i] + nodes[i].count;
  const fill = offsets.slice(0, nodes.length);
  const rows = new Int32Array(n);
  for (let row = 0; row < n; row++) rows[fill[nodeOf[row]]++] = row;
  return { nodes, edges, offsets, rows };
}

/** What the graph view draws of a trace graph, when the whole one is too big to lay out. */
export interface DrawnTraceGraph {
  /** Indices into the graph's nodes, ascending. */
  nodes: number[];
  /** Indices into the graph's edges, ascending; both ends are among `nodes`. */
  edges: number[];
  /** Spans in the operations left out. */
  hiddenSpans: number;
  /** Parent-child span pairs in the call paths left out. */
  hiddenCalls: number;
}

export interface TraceGraphBudget {
  nodes: number;
  edges: number;
}

/**
 * The part of a trace graph worth laying out when all of it is not: a trace of 20 services whose
 * 100 operations call each other at random has 9,000 call paths, which no layered layout draws
 * readably (or in seconds). Keeps the operations on the critical path, then the busiest ones (most
 * spans); of the call paths between them, each kept operation's busiest caller first (so every
 * operation shows where it is called from), then the busiest others. Deterministic: ties go to
 * the lower index, so a refresh of the same trace draws the same picture.
 */
export function drawnTraceGraph(graph: TraceGraph, budget: TraceGraphBudget): DrawnTraceGraph {
  const { nodes, edges } = graph;
  if (nodes.length <= budget.nodes && edges.length <= budget.edges) {
    return { nodes: nodes.map((_, i) => i), edges: edges.map((_, i) => i), hiddenSpans: 0, hiddenCalls: 0 };
  }
  const nodeOrder = nodes
    .map((_, i) => i)
    .sort(
      (a, b) =>
        Number(nodes[b].critical) - Number(nodes[a].critical) || nodes[b].count - nodes[a].count || a - b,
    );
  const keptNode = new Uint8Array(nodes.length);
  for (const i of nodeOrder.slice(0, budget.nodes)) keptNode[i] = 1;

  const byWeight = (a: number, b: number) =>
    edges[b].count - edges[a].count || edges[b].errorCount - edges[a].errorCount || a - b;
  const candidates = edges
    .map((_, i) => i)
    .filter((i) => keptNode[edges[i].source] === 1 && keptNode[edges[i].target] === 1)
    .sort(byWeight);
  const keptEdge = new Uint8Array(edges.length);
  let kept = 0;
  // Each operation's busiest caller other than itself, heaviest of those first.
  const hasCaller = new Uint8Array(nodes.length);
  for (const i of candidates) {
    const { source, target } = edges[i];
    if (kept >= budget.edges) break;
    if (source === target || hasCaller[target] === 1) continue;
    hasCaller[target] = 1;
    keptEdge[i] = 1;
    kept++;
  }
  for (const i of candidates) {
    if (kept >= budget.edges) break;
    if (keptEdge[i] === 1) continue;
    keptEdge[i] = 1;
    kept++;
  }

  const out: DrawnTraceGraph = { nodes: [], edges: [], hiddenSpans: 0, hiddenCalls: 0 };
  nodes.forEach((node, i) => {
    if (keptNode[i] === 1) out.nodes.push(i);
    else out.hiddenSpans += node.count;
  });
  edges.forEach((edge, i) => {
    if (keptEdge[i] === 1) out.edges.push(i);
    else out.hiddenCalls += edge.count;
  });
  return out;
}
