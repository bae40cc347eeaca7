import { describe, expect, it } from 'vitest';
import { buildTrace, spanIdOf } from '../testing/traceBuilder';
import { buildTraceIndex } from '../tree/traceIndex';
import { selfTimes } from './selfTime';
import {
  drawnTraceGraph,
  traceGraph,
  type TraceGraph,
  type TraceGraphEdge,
  type TraceGraphNode,
} from './traceGraph';

describe('traceGraph', () => {
  //  0        50       100
  //  GET /checkout (api)                        [0, 100]
  //   ├ SELECT (db)        [5, 25]  error
  //   ├ SELECT (db)        [10, 40]             overlaps the first: self time counted once
  //   └ charge (payment)   [50, 90]
  //       └ SELECT (db)    [60, 70]
  //       └ charge (payment) [72, 80]           recursion: a self-edge
  const trace = buildTrace([
    { id: 'root', at: [0, 100], name: 'GET /checkout', service: 'api' },
    { id: 'q1', parent: 'root', at: [5, 25], name: 'SELECT', service: 'db', error: true },
    { id: 'q2', parent: 'root', at: [10, 40], name: 'SELECT', service: 'db' },
    { id: 'pay', parent: 'root', at: [50, 90], name: 'charge', service: 'payment' },
    { id: 'q3', parent: 'pay', at: [60, 70], name: 'SELECT', service: 'db' },
    { id: 'retry', parent: 'pay', at: [72, 80], name: 'charge', service: 'payment' },
  ]);
  const index = buildTraceIndex(trace);
  const critical = new Uint8Array(index.spans.length);
  critical[0] = 1;
  critical[index.spans.findIndex((s) => s.name === 'charge')] = 1;
  const graph = traceGraph(index, selfTimes(index), critical);
  const name = (i: number) =>
    `${index.operations[graph.nodes[i].operation]} (${index.services[graph.nodes[i].service]})`;

  it('makes one node per service and operation with counts, errors, total and self time', () => {
    expect(graph.nodes.map((_, i) => name(i))).toEqual([
      'GET /checkout (api)',
      'SELECT (db)',
      'charge (payment)',
    ]);
    const [api, db, payment] = graph.nodes;
    expect(api).toMatchObject({ count: 1, errorCount: 0, totalUs: 100, critical: true });
    // 100 minus the union of [5,40] and [50,90].
    expect(api.selfUs).toBe(25);
    expect(db).toMatchObject({ count: 3, errorCount: 1, totalUs: 20 + 30 + 10, selfUs: 60, critical: false });
    expect(payment).toMatchObject({ count: 2, totalUs: 48, critical: true });
    // charge [50,90] minus its two children, plus the retry's own 8 µs.
    expect(payment.selfUs).toBe(40 - 10 - 8 + 8);
  });

  it('joins parent and child operations with call counts, self-calls included', () => {
    expect(graph.edges.map((e) => [name(e.source), name(e.target), e.count, e.errorCount])).toEqual([
      ['GET /checkout (api)', 'SELECT (db)', 2, 1],
      ['GET /checkout (api)', 'charge (payment)', 1, 0],
      ['charge (payment)', 'SELECT (db)', 1, 0],
      ['charge (payment)', 'charge (payment)', 1, 0],
    ]);
  });

  it('lists the spans of each node in display order', () => {
    const rowsOf = (i: number) => Array.from(graph.rows.subarray(graph.offsets[i], graph.offsets[i + 1]));
    expect(rowsOf(1).map((r) => index.spans[r].spanId)).toEqual(['q1', 'q2', 'q3'].map(spanIdOf));
    expect(graph.offsets[graph.nodes.length]).toBe(index.spans.length);
    expect(traceGraph(index, selfTimes(index), null).nodes.every((n) => !n.critical)).toBe(true);
  });
});

describe('drawnTraceGraph', () => {
  const node = (count: number, critical = false): TraceGraphNode => ({
    service: 0,
    operation: 0,
    count,
    errorCount: 0,
    totalUs: count,
    selfUs: count,
    critical,
  });
  const edge = (source: number, target: number, count: number): TraceGraphEdge => ({
    source,
    target,
    count,
    errorCount: 0,
  });
  // 0 calls 1, 2 and 3; 1 and 2 call each other a lot; 3 is on the critical path but rarely run.
  const graph: TraceGraph = {
    nodes: [node(1), node(50), node(40), node(2, true), node(30)],
    edges: [
      edge(0, 1, 20),
      edge(0, 2, 10),
      edge(0, 3, 2),
      edge(1, 2, 30),
      edge(2, 1, 25),
      edge(1, 1, 40),
      edge(2, 4, 30),
    ],
    offsets: new Int32Array(6),
    rows: new Int32Array(0),
  };

  it('draws a graph within the budget whole', () => {
    expect(drawnTraceGraph(graph, { nodes: 5, edges: 7 })).toEqual({
      nodes: [0, 1, 2, 3, 4],
      edges: [0, 1, 2, 3, 4, 5, 6],
      hiddenSpans: 0,
      hiddenCalls: 0,
    });
  });

  it('keeps each operation’s busiest caller before the busiest other call paths', () => {
    const drawn = drawnTraceGraph(graph, { nodes: 5, edges: 4 });
    // 1's busiest caller other than itself is 2 (25), 2's is 1 (30),
    // 3's is 0 (2), 4's is 2 (30); the self-call (40) is the busiest but comes after them.
    expect(drawn.edges).toEqual([2, 3, 4, 6]);
    expect(drawn.hiddenCalls).toBe(20 + 10 + 40);
  });

  it('keeps critical-path operations, then the busiest, and only call paths between them', () => {
    const drawn = drawnTraceGraph(graph, { nodes: 3, edges: 10 });
    expect(drawn.nodes).toEqual([1, 2, 3]);
    expect(drawn.edges).toEqual([3, 4, 5]);
    expect(drawn.hiddenSpans).toBe(1 + 30);
    expect(drawn.hiddenCalls).toBe(20 + 10 + 2 + 30);
  });
});
