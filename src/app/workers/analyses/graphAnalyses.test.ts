/** The flame graph's and the trace graph's worker analyses, on a loaded session. */
import { describe, expect, it } from 'vitest';
import { dispatchTrace } from '../../../../mocks/data/dispatchTrace';
import { TraceSession } from '../traceSession';
import type { FlameGraphData } from './flameAnalysis';
import type { TraceGraph } from '../../../core/analysis/traceGraph';

function open() {
  const session = new TraceSession();
  const bytes = new TextEncoder().encode(JSON.stringify({ data: [dispatchTrace] }));
  const skeleton = session.load(bytes, 'http://backend/api/traces/x', () => {});
  return { session, skeleton };
}

describe('graph analyses', () => {
  it('lays the trace out as a flame graph, with self times, in buffers the page can take', () => {
    const { session, skeleton } = open();
    const { result, transfer } = session.analyse('flame', {});
    const flame = result as FlameGraphData;
    expect(flame.level).toHaveLength(skeleton.spanCount);
    for (let row = 1; row < skeleton.spanCount; row++) {
      expect(flame.level[row]).toBeGreaterThan(flame.level[skeleton.parent[row]]);
    }
    expect(flame.selfUs[0]).toBeLessThanOrEqual(skeleton.durationUs[0]);
    expect(transfer).toHaveLength(4);
    // The session's own self times stay usable after the copy is transferred.
    expect((session.analyse('flame', {}).result as FlameGraphData).selfUs).toEqual(flame.selfUs);
  });

  it('groups the spans by service and operation, marking the critical path', () => {
    const { session, skeleton } = open();
    const graph = session.analyse('traceGraph', {}).result as TraceGraph;
    const names = graph.nodes.map(
      (n) => `${skeleton.services[n.service]} ${skeleton.operations[n.operation]}`,
    );
    expect(names[0]).toBe(
      `${skeleton.services[skeleton.service[0]]} ${skeleton.operations[skeleton.operation[0]]}`,
    );
    expect(graph.nodes.reduce((sum, n) => sum + n.count, 0)).toBe(skeleton.spanCount);
    expect(graph.nodes[0].critical).toBe(true);
    expect(graph.edges.reduce((sum, e) => sum + e.count, 0)).toBe(skeleton.spanCount - 1);
  });
});
