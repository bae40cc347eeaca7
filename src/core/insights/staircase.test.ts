import { describe, expect, it } from 'vitest';
import type { SpanSpec } from '../testing/traceBuilder';
import { insightsOf } from './testing';

/** Diagrams: one column is 10 ms; `at` takes milliseconds here. */
const ms = (start: number, end: number) => [start * 1000, end * 1000] as const;
const call = (id: string, start: number, end: number, extra: Partial<SpanSpec> = {}): SpanSpec => ({
  id,
  parent: 'R',
  name: `GET /items/${id.replace(/\D/g, '')}`,
  kind: 'client',
  service: 'web',
  attributes: { 'peer.service': 'catalog' },
  at: ms(start, end),
  ...extra,
});
const root: SpanSpec = { id: 'R', name: 'GET /page', service: 'web', kind: 'server', at: ms(0, 100) };

describe('staircase: sequential fan-out', () => {
  it('finds calls that each start when the previous returns, and what parallel calls would save', () => {
    // R  ==========
    // C1  ==
    // C2    ==
    // C3      ==
    // C4        ==
    const found = insightsOf([
      root,
      call('C1', 10, 30),
      call('C2', 30, 50),
      call('C3', 50, 70),
      call('C4', 70, 90),
    ]);
    const [staircase] = found.of('staircase');
    expect(found.ids(staircase)).toEqual(['C1', 'C2', 'C3', 'C4']);
    // The four run 80 ms; together they would take the longest call, 20 ms.
    expect(staircase.timeAtStakeUs).toBe(60_000);
    expect(staircase.summary).toBe(
      '4 GET /items/? calls to catalog ran one after another, under web GET /page: ' +
        'in parallel they could finish 60 ms sooner.',
    );
    expect(found.insights.map((i) => i.kind)).toEqual(['staircase']);
  });

  it('finds a small worker pool: three at a time, each next call taking a freed worker', () => {
    // R  ==========
    // A1  ==          A4/A5/A6 start as A1/A2/A3 end, A7.. as those end
    // A2  ===
    // A3  ====
    const specs = [{ ...root, at: ms(0, 120) } as SpanSpec];
    const durations = [20, 25, 30, 20, 25, 30, 20, 25, 30];
    const free = [5, 5, 5];
    durations.forEach((d, i) => {
      const worker = free.indexOf(Math.min(...free));
      specs.push(call(`A${i + 1}`, free[worker], free[worker] + d));
      free[worker] += d;
    });
    const [staircase] = insightsOf(specs).of('staircase');
    expect(staircase.rows).toHaveLength(9);
    expect(staircase.summary).toContain('one after another, at most 3 at a time');
    // 5..95 ms, where the longest call is 30 ms.
    expect(staircase.timeAtStakeUs).toBe(60_000);
  });

  it('is bounded by the critical path: a staircase that the trace did not wait for saves nothing', () => {
    // R  ==========
    // X  ==========  (a long call the trace waited for)
    // Y  ======      (a branch that finished early, with its own staircase)
    const branch = (id: string, start: number, end: number) => call(id, start, end, { parent: 'Y' });
    const found = insightsOf([
      root,
      call('X', 0, 100, { name: 'GET /slow', attributes: { 'peer.service': 'slow' } }),
      { id: 'Y', parent: 'R', service: 'web', name: 'render', at: ms(0, 60) },
      branch('B1', 0, 20),
      branch('B2', 20, 40),
      branch('B3', 40, 60),
    ]);
    expect(found.of('staircase')).toEqual([]);
  });

  describe('near misses that must not be flagged', () => {
    it('calls already running in parallel', () => {
      const found = insightsOf([
        root,
        call('C1', 10, 90),
        call('C2', 10, 88),
        call('C3', 11, 85),
        call('C4', 12, 89),
      ]);
      expect(found.of('staircase')).toEqual([]);
    });

    it('sequential calls with work between them (a dependency the trace cannot rule out)', () => {
      // Each call waits 10 ms after the previous one: half a call, not "right after".
      const found = insightsOf([root, call('C1', 0, 20), call('C2', 30, 50), call('C3', 60, 80)]);
      expect(found.of('staircase')).toEqual([]);
    });

    it('two calls in a row', () => {
      expect(insightsOf([root, call('C1', 10, 50), call('C2', 50, 90)]).of('staircase')).toEqual([]);
    });

    it('different operations one after another: each may need the previous answer', () => {
      const found = insightsOf([
        root,
        call('C1', 10, 30, { name: 'GET /user' }),
        call('C2', 30, 50, { name: 'GET /cart' }),
        call('C3', 50, 70, { name: 'POST /order' }),
      ]);
      expect(found.of('staircase')).toEqual([]);
    });

    it('a staircase worth less than a millisecond', () => {
      const tiny = (id: string, start: number) => call(id, start / 1000, (start + 200) / 1000);
      const found = insightsOf([
        { ...root, at: [0, 900] },
        tiny('C1', 0),
        tiny('C2', 200),
        tiny('C3', 400),
        tiny('C4', 600),
      ]);
      expect(found.of('staircase')).toEqual([]);
    });
  });
});
