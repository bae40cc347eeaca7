import { describe, expect, it } from 'vitest';
import type { SpanSpec } from '../testing/traceBuilder';
import { insightsOf } from './testing';

const ms = (start: number, end: number) => [start * 1000, end * 1000] as const;
const root: SpanSpec = { id: 'R', name: 'GET /report', service: 'web', kind: 'server', at: ms(0, 100) };

describe('gaps: uninstrumented time on the critical path', () => {
  it('finds a span that the trace waited on while none of its children ran', () => {
    // R  ==========
    // A  ==          then 80 ms that no span describes
    const found = insightsOf([root, { id: 'A', parent: 'R', name: 'load', service: 'web', at: ms(0, 20) }]);
    const [gap] = found.of('gap');
    expect(found.ids(gap)).toEqual(['R']);
    expect(gap.timeAtStakeUs).toBe(80_000);
    expect(gap.summary).toBe(
      'web GET /report spent 80 ms (80% of the critical path) outside any child span: ' +
        'uninstrumented work, or waiting that no span records.',
    );
  });

  it('names the time between a client call and its server span', () => {
    const found = insightsOf([
      { ...root, kind: 'client' },
      { id: 'S', parent: 'R', name: 'GET /report', service: 'reports', kind: 'server', at: ms(45, 60) },
    ]);
    expect(found.of('gap').map((g) => g.summary)).toEqual([
      'web GET /report spent 85 ms (85% of the critical path) between the call and the server’s span: ' +
        'network, queueing, or a server that starts its span late.',
    ]);
  });

  describe('near misses that must not be flagged', () => {
    it('small gaps between children', () => {
      const child = (id: string, start: number, end: number): SpanSpec => ({
        id,
        parent: 'R',
        service: 'web',
        at: ms(start, end),
      });
      const found = insightsOf([root, child('A', 5, 30), child('B', 40, 70), child('C', 75, 95)]);
      expect(found.of('gap')).toEqual([]);
    });

    it('children back to back, which Jaeger’s critical path credits partly to the parent', () => {
      // The path skips a child that ends exactly when the next starts; the time is still covered.
      const child = (id: string, start: number, end: number): SpanSpec => ({
        id,
        parent: 'R',
        service: 'web',
        name: `step ${id}`,
        at: ms(start, end),
      });
      const found = insightsOf([
        root,
        child('A', 0, 25),
        child('B', 25, 50),
        child('C', 50, 75),
        child('D', 75, 100),
      ]);
      expect(found.of('gap')).toEqual([]);
    });

    it('a long span with no children: its time is its own work', () => {
      expect(insightsOf([root]).insights).toEqual([]);
    });
  });
});
