import { describe, expect, it } from 'vitest';
import { parseFindQuery } from '../../../../../core/search/findInTrace';
import type { TraceGraph } from '../../../../../core/analysis/traceGraph';
import { nodeFindQuery, nodeOfRow, traceGraphData } from './traceGraphData';

const names = { services: ['api', 'db'], operations: ['GET /checkout', 'SELECT'] };
const graph: TraceGraph = {
  nodes: [
    { service: 0, operation: 0, count: 1, errorCount: 0, totalUs: 100_000, selfUs: 25_000, critical: true },
    { service: 1, operation: 1, count: 3, errorCount: 1, totalUs: 60_000, selfUs: 60_000, critical: false },
  ],
  edges: [
    { source: 0, target: 1, count: 2, errorCount: 1 },
    { source: 1, target: 1, count: 1, errorCount: 0 },
  ],
  offsets: Int32Array.from([0, 1, 4]),
  rows: Int32Array.from([0, 1, 2, 3]),
};

describe('traceGraphData', () => {
  const data = traceGraphData(graph, names);

  it('writes each operation with its service, figures and errors, marking the critical path', () => {
    expect(data.nodes[0].lines).toEqual(['GET /checkout', 'api', '1× · total 100 ms · self 25 ms']);
    expect(data.nodes[0].emphasis).toBe(true);
    expect(data.nodes[0].ariaLabel).toMatch(/on the critical path/);
    expect(data.nodes[1].lines).toEqual(['SELECT', 'db', '3× · total 60 ms · self 60 ms', '1 error']);
    expect(data.nodes[1].tone).toBe('danger');
    expect(data.nodes[0].stripe).not.toBe(data.nodes[1].stripe);
  });

  it('labels calls with their count and failures, wider for more calls', () => {
    expect(data.edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ['op-0', 'op-1', '2× · 1 error'],
      ['op-1', 'op-1', '1×'],
    ]);
    expect(data.edges[0].width).toBeGreaterThan(data.edges[1].width ?? 0);
    expect(data.edges[0].tone).toBe('danger');
  });

  it('draws only the part of the graph it is given, keeping node ids', () => {
    const part = traceGraphData(graph, names, { nodes: [1], edges: [1], hiddenSpans: 1, hiddenCalls: 2 });
    expect(part.nodes.map((n) => n.id)).toEqual(['op-1']);
    expect(part.edges.map((e) => [e.source, e.target])).toEqual([['op-1', 'op-1']]);
  });

  it('tells which node holds a span', () => {
    expect(nodeOfRow(graph, 0)).toBe('op-0');
    expect(nodeOfRow(graph, 3)).toBe('op-1');
    expect(nodeOfRow(graph, null)).toBeNull();
    expect(nodeOfRow(graph, 9)).toBeNull();
  });

  it('finds a node’s spans with a query the find bar understands', () => {
    expect(nodeFindQuery('db', 'SELECT')).toBe('service:db "SELECT"');
    expect(nodeFindQuery('my "svc"', 'GET /a')).toBe('service:"my svc" "GET /a"');
    const parsed = parseFindQuery(nodeFindQuery('my svc', 'GET /a'));
    expect('query' in parsed && parsed.query.terms).toEqual([
      { type: 'service', name: 'my svc' },
      { type: 'text', text: 'get /a' },
    ]);
  });
});
