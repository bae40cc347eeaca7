import { describe, expect, it } from 'vitest';
import { buildTrace, spanIdOf } from '../testing/traceBuilder';
import { buildTraceIndex } from './traceIndex';

describe('buildTraceIndex', () => {
  /*
   * A ─┬─ B ── C          rows: A0 B1 C2 D3 E4 | R5 (second root)
   *    └─ D ── E
   */
  const index = buildTraceIndex(
    buildTrace([
      { id: 'D', parent: 'A', at: [20, 30] },
      { id: 'A', at: [0, 100] },
      { id: 'C', parent: 'B', at: [6, 8] },
      { id: 'B', parent: 'A', at: [5, 10] },
      { id: 'E', parent: 'D', at: [21, 22], error: true },
      { id: 'R', at: [50, 60] },
    ]),
  );

  it('lays rows out in pre-order with children by start time', () => {
    expect(index.spans.map((s) => s.name).join('')).toBe('ABCDER');
    expect([...index.parent]).toEqual([-1, 0, 1, 0, 3, -1]);
    expect([...index.depth]).toEqual([0, 1, 2, 1, 2, 0]);
    expect([...index.startUs]).toEqual([0, 5, 6, 20, 21, 50]);
    expect([...index.durationUs]).toEqual([100, 5, 2, 10, 1, 10]);
    expect(index.errorCount).toBe(1);
  });

  it('keeps per-row columns and the way back to the input order', () => {
    expect(index.services).toEqual(['svc']);
    expect(index.operations).toEqual(['A', 'B', 'C', 'D', 'E', 'R']);
    expect([...index.operation]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...index.error]).toEqual([0, 0, 0, 0, 1, 0]);
    expect([...index.kind]).toEqual([1, 1, 1, 1, 1, 1]);
    expect([...index.linkCount]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...index.inputIndex]).toEqual([1, 3, 2, 0, 4, 5]);
    for (let row = 0; row < 6; row++) expect(index.trace.spans[index.inputIndex[row]]).toBe(index.spans[row]);
  });

  it('numbers services and operations in display order, whatever the input order', () => {
    const shuffled = buildTraceIndex(
      buildTrace([
        { id: 'C', parent: 'A', at: [2, 3], service: 'db', name: 'query' },
        { id: 'B', parent: 'A', at: [1, 2], service: 'api', name: 'get', kind: 'client' },
        { id: 'A', at: [0, 10], service: 'web', name: 'get', kind: 'server' },
      ]),
    );
    expect(shuffled.services).toEqual(['web', 'api', 'db']);
    expect([...shuffled.service]).toEqual([0, 1, 2]);
    expect(shuffled.operations).toEqual(['get', 'query']);
    expect([...shuffled.operation]).toEqual([0, 0, 1]);
    expect([...shuffled.kind]).toEqual([2, 3, 1]);
  });

  it('gives each row its subtree range and child count', () => {
    expect([...index.subtreeEnd]).toEqual([5, 3, 3, 5, 5, 6]);
    expect([...index.childCount]).toEqual([2, 1, 0, 1, 0, 0]);
  });

  it('counts orphans, duplicate IDs and spans caught in parent cycles', () => {
    const broken = buildTraceIndex(
      buildTrace([
        { id: 'A', at: [0, 10] },
        { id: 'O', at: [1, 2], parentSpanId: 'ffffffffffffffff' },
        { id: 'A2', spanId: spanIdOf('A'), parent: 'A', at: [3, 4] },
        // P and Q are each other's parent; R hangs below Q; S is its own parent.
        { id: 'P', parent: 'Q', at: [5, 6] },
        { id: 'Q', parent: 'P', at: [5.5, 6] },
        { id: 'R', parent: 'Q', at: [5.6, 6] },
        { id: 'S', parent: 'S', at: [7, 8] },
      ]),
    );
    expect(broken.orphanCount).toBe(1);
    expect(broken.duplicateSpanIdCount).toBe(1);
    expect(broken.cycleSpanCount).toBe(4);
    // The cycle is cut at its earliest span, P, which becomes a root.
    const row = (name: string) => broken.spans.findIndex((s) => s.name === name);
    expect(broken.parent[row('P')]).toBe(-1);
    expect(broken.parent[row('Q')]).toBe(row('P'));
    expect(broken.subtreeEnd[row('P')]).toBe(row('P') + 3);
  });

  it('handles an empty trace', () => {
    const empty = buildTraceIndex({ traceId: 'x', spans: [], warnings: [] });
    expect(empty.spans).toEqual([]);
    expect(empty.subtreeEnd.length).toBe(0);
    expect(empty.cycleSpanCount).toBe(0);
  });
});
