import { describe, expect, it } from 'vitest';
import { defaultThresholds } from '../../../../core/diff/diffNodes';
import { diffTraces } from '../../../../core/diff/traceDiff';
import { buildTrace, type SpanSpec } from '../../../../core/testing/traceBuilder';
import { buildTraceIndex } from '../../../../core/tree/traceIndex';
import { diffGraphData, graphNodes } from './diffGraphData';

/** A root with `n` distinct child operations; child i lasts `length(i)` µs. */
function fan(n: number, length: (i: number) => number): SpanSpec[] {
  return [
    { id: 'root', service: 'web', name: 'batch', at: [0, 100_000] },
    ...Array.from({ length: n }, (_, i): SpanSpec => ({
      id: `c${i}`,
      parent: 'root',
      service: 'worker',
      name: `step ${i}`,
      at: [i * 10, i * 10 + length(i)],
    })),
  ];
}

describe('the compare graph', () => {
  it('draws every node with its change as a tone, edges from callers, contributors emphasised', () => {
    const a = fan(3, () => 5);
    const b = [
      ...fan(2, (i) => (i === 1 ? 5_000 : 5)),
      { id: 'new', parent: 'root', service: 'worker', name: 'retry', at: [50, 60] } as SpanSpec,
    ];
    const diff = diffTraces(buildTraceIndex(buildTrace(a)), buildTraceIndex(buildTrace(b)));
    const rank = new Map([...diff.topContributors].map((n, i) => [n, i + 1]));
    const all = Int32Array.from({ length: diff.size }, (_, i) => i);
    const { shown, truncated } = graphNodes(diff, all);
    expect(truncated).toBe(false);
    const data = diffGraphData(diff, shown, defaultThresholds(diff), rank);
    const byTitle = new Map(data.nodes.map((n) => [n.lines[0], n]));
    expect(byTitle.get('step 1')).toMatchObject({ tone: 'danger', emphasis: true });
    expect(byTitle.get('step 1')?.lines[3]).toBe('#1 contributor · +5 ms on the path');
    expect(byTitle.get('step 2')).toMatchObject({ tone: 'muted', emphasis: false });
    expect(byTitle.get('step 2')?.lines[2]).toBe('gone · 1× · 5 µs');
    expect(byTitle.get('retry')).toMatchObject({ tone: 'warning' });
    expect(byTitle.get('retry')?.lines[2]).toBe('new · 1× · 10 µs');
    expect(byTitle.get('step 0')).toMatchObject({ tone: 'neutral' });
    expect(data.edges).toHaveLength(4);
    expect(data.edges.every((e) => e.source === byTitle.get('batch')?.id)).toBe(true);
    expect(data.edges.filter((e) => e.dashed)).toHaveLength(2);
  });

  it('above the limit, keeps the largest changes and every caller up to the root', () => {
    const a = fan(400, () => 5);
    const b = fan(400, (i) => 5 + i);
    const diff = diffTraces(buildTraceIndex(buildTrace(a)), buildTraceIndex(buildTrace(b)));
    const all = Int32Array.from({ length: diff.size }, (_, i) => i);
    const { shown, truncated } = graphNodes(diff, all, 50);
    expect(truncated).toBe(true);
    expect(shown).toHaveLength(50);
    expect(shown[0]).toBe(0);
    // The 49 children whose time grew most: steps 351–399.
    const names = shown.slice(1).map((n) => diff.operations[diff.operation[n]]);
    expect(names).toEqual(Array.from({ length: 49 }, (_, i) => `step ${351 + i}`));
  });
});
