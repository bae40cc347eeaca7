import { describe, expect, it } from 'vitest';
import { buildGeneratedTrace, buildTrace, type SpanSpec } from '../testing/traceBuilder';
import { readInsightTally, SUMMARY_INSIGHT_MAX_SPANS, SummaryInsightCache } from './summaryTally';

// R  ==========
// C1  ==            four calls one after another: a staircase
// C2    ==
// C3      ==
// C4        ==
const root: SpanSpec = { id: 'R', name: 'GET /page', service: 'web', kind: 'server', at: [0, 100_000] };
const call = (n: number): SpanSpec => ({
  id: `C${n}`,
  parent: 'R',
  name: `GET /items/${n}`,
  kind: 'client',
  service: 'web',
  attributes: { 'peer.service': 'catalog' },
  at: [10_000 + (n - 1) * 20_000, 30_000 + (n - 1) * 20_000],
});
const staircase = buildTrace([root, call(1), call(2), call(3), call(4)]);
// R ==        one call filling its parent: nothing to say
// C1 ==
const healthy = {
  ...buildTrace([
    { ...root, at: [0, 22_000] },
    { ...call(1), at: [1_000, 21_000] },
  ]),
  traceId: '00000000000000000000000000000002',
};

/** A clock the test moves by hand. */
function manualClock() {
  const clock = { t: 0, now: () => clock.t };
  return clock;
}

describe('SummaryInsightCache', () => {
  it('tallies findings per kind, and an empty tally for a trace that is fine', () => {
    const cache = new SummaryInsightCache();
    const budget = cache.budget(1000);
    expect(cache.tally(staircase, budget)).toEqual({ staircase: 1 });
    expect(cache.tally(healthy, budget)).toEqual({});
  });

  it('runs the detectors once per trace until a span arrives', () => {
    const clock = manualClock();
    const cache = new SummaryInsightCache(100, clock.now);
    const first = cache.tally(staircase, cache.budget(10));
    // The budget is spent, yet the trace already seen is answered from the cache.
    clock.t = 1000;
    const spent = cache.budget(0);
    expect(cache.tally(staircase, spent)).toBe(first);
    // A fifth call arrived: the trace is new again, and waits for a search with time left.
    const grown = buildTrace([root, call(1), call(2), call(3), call(4), call(5)]);
    expect(cache.tally(grown, spent)).toBeUndefined();
    expect(cache.tally(grown, cache.budget(10))).toEqual({ staircase: 1 });
  });

  it('stops looking at new traces when the budget is spent, and leaves big traces alone', () => {
    const clock = manualClock();
    const cache = new SummaryInsightCache(100, clock.now);
    const budget = cache.budget(5);
    expect(cache.tally(staircase, budget)).toEqual({ staircase: 1 });
    clock.t = 5;
    expect(cache.tally(healthy, budget)).toBeUndefined();
    const big = buildGeneratedTrace(SUMMARY_INSIGHT_MAX_SPANS + 1, (i) => ({
      parent: i === 0 ? -1 : 0,
      start: i,
      end: i + 1,
    }));
    expect(cache.tally(big, cache.budget(1000))).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('keeps at most its capacity, dropping the trace searched for longest ago', () => {
    const cache = new SummaryInsightCache(2);
    const traces = ['1', '2', '3'].map((n) => ({ ...healthy, traceId: n.padStart(32, '0') }));
    const budget = cache.budget(1000);
    cache.tally(traces[0], budget);
    cache.tally(traces[1], budget);
    cache.tally(traces[0], budget);
    cache.tally(traces[2], budget);
    expect(cache.size).toBe(2);
    // traces[1] went; traces[0] (used again) stayed and is answered with no budget left.
    const none = cache.budget(-1);
    expect(cache.tally(traces[0], none)).toEqual({});
    expect(cache.tally(traces[1], none)).toBeUndefined();
  });
});

describe('readInsightTally', () => {
  it('reads counts of known kinds and skips kinds from a newer server', () => {
    expect(readInsightTally({ staircase: 2, 'error-origin': 1, gap: 0, 'slow-dns': 4 })).toEqual({
      staircase: 2,
      'error-origin': 1,
    });
    expect(readInsightTally({})).toEqual({});
  });

  it('makes nothing of a malformed tally', () => {
    for (const bad of [null, undefined, 3, 'staircase', [1], { staircase: -1 }, { gap: 1.5 }, { gap: '1' }]) {
      expect(readInsightTally(bad)).toBeUndefined();
    }
  });
});
