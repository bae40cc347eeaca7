import { describe, expect, it } from 'vitest';
import { busiestService, focusGraph, graphFromDependencies, neighbours, searchServices } from './graph';

// a → b → c → d, e → b, f → f (self), x isolated chain x → y
const graph = graphFromDependencies([
  { parent: 'a', child: 'b', callCount: 5 },
  { parent: 'b', child: 'c', callCount: 3 },
  { parent: 'c', child: 'd', callCount: 1 },
  { parent: 'e', child: 'b', callCount: 2 },
  { parent: 'a', child: 'a', callCount: 1 },
  { parent: 'x', child: 'y', callCount: 9 },
]);
const names = (g: { nodes: { service: string }[] }) => g.nodes.map((n) => n.service);

describe('graphFromDependencies', () => {
  it('derives sorted nodes with unknown rates', () => {
    expect(names(graph)).toEqual(['a', 'b', 'c', 'd', 'e', 'x', 'y']);
    expect(graph.nodes[0]).toEqual({ service: 'a', callsPerSecond: null, errorRate: null, p95Ms: null });
  });
});

describe('focusGraph', () => {
  it('keeps services N hops up and down, not siblings through a shared caller', () => {
    expect(names(focusGraph(graph, 'c', 1))).toEqual(['b', 'c', 'd']);
    expect(names(focusGraph(graph, 'c', 2))).toEqual(['a', 'b', 'c', 'd', 'e']);
    // From d upstream only; from b, e is a caller and c a callee but a's self-edge stays.
    expect(names(focusGraph(graph, 'b', 1))).toEqual(['a', 'b', 'c', 'e']);
    expect(focusGraph(graph, 'b', 1).edges.map((e) => `${e.parent}>${e.child}`)).toEqual([
      'a>a',
      'a>b',
      'b>c',
      'e>b',
    ]);
  });

  it('depth 0 is the service alone; unknown service is empty', () => {
    expect(names(focusGraph(graph, 'b', 0))).toEqual(['b']);
    expect(focusGraph(graph, 'nope', 3)).toEqual({ nodes: [], edges: [] });
  });

  it('walks long chains without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({
      parent: `s${i}`,
      child: `s${i + 1}`,
      callCount: 1,
    }));
    expect(focusGraph(graphFromDependencies(chain), 's0', 100_000).nodes).toHaveLength(20_001);
  });
});

describe('searchServices and neighbours', () => {
  it('ranks exact and prefix matches first', () => {
    const g = graphFromDependencies([
      { parent: 'frontend', child: 'redis', callCount: 1 },
      { parent: 'api-redis', child: 'red', callCount: 1 },
    ]);
    expect(searchServices(g, 'RED')).toEqual(['red', 'redis', 'api-redis']);
    expect(searchServices(g, ' ')).toEqual([]);
  });

  it('lists direct neighbours both ways without the node itself', () => {
    expect([...neighbours(graph, 'b')].sort()).toEqual(['a', 'c', 'e']);
    expect([...neighbours(graph, 'a')]).toEqual(['b']);
  });

  it('picks the busiest service', () => {
    expect(busiestService(graph)).toBe('b');
  });
});
