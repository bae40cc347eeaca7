import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../../core/model/trace';
import { EMPTY_SERVICE_NAME, MISSING_SERVICE_NAME } from '../../core/otlp/resource';
import { SpanMetricsAggregator, type SpanMetricsSeries } from './aggregator';
import { fakeClock, testSpan } from './testSpans';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0); // on a 5-minute boundary
const sec = (n: number) => n * 1000;

/** Windows over one group made of the given series, each on a curve built for its edges. */
const curveOf = (agg: SpanMetricsAggregator, members: SpanMetricsSeries[], width: 1 | 17) => ({
  increase: (a: number, b: number) => agg.curves([members], [a, b], width)[0].increase(a, b),
});

function setup(options: ConstructorParameters<typeof SpanMetricsAggregator>[0] = {}) {
  const clock = fakeClock(T0);
  const agg = new SpanMetricsAggregator({ now: clock.now, ...options });
  return { clock, agg };
}

describe('SpanMetricsAggregator', () => {
  it('keeps one series per service, span name, kind and status, with calls and a histogram', () => {
    const { agg } = setup();
    agg.observe([
      testSpan({ service: 'a', name: 'GET /', endMs: T0 - 1000, durationMs: 3 }),
      testSpan({ service: 'a', name: 'GET /', endMs: T0 - 900, durationMs: 120 }),
      testSpan({ service: 'a', name: 'GET /', endMs: T0 - 800, durationMs: 5, status: StatusCode.Error }),
      testSpan({ service: 'a', name: 'GET /', endMs: T0 - 700, durationMs: 5, kind: SpanKind.Client }),
      testSpan({ service: 'b', name: 'GET /', endMs: T0 - 600, durationMs: 20_000 }),
    ]);
    const series = agg.allSeries();
    expect(series.map((s) => [s.service, s.spanName, s.spanKind, s.statusCode, s.calls])).toEqual(
      expect.arrayContaining([
        ['a', 'GET /', 'SPAN_KIND_SERVER', 'STATUS_CODE_UNSET', 2],
        ['a', 'GET /', 'SPAN_KIND_SERVER', 'STATUS_CODE_ERROR', 1],
        ['a', 'GET /', 'SPAN_KIND_CLIENT', 'STATUS_CODE_UNSET', 1],
        ['b', 'GET /', 'SPAN_KIND_SERVER', 'STATUS_CODE_UNSET', 1],
      ]),
    );
    expect(series).toHaveLength(4);
    const ok = series.find(
      (s) => s.service === 'a' && s.statusCode === 'STATUS_CODE_UNSET' && s.spanKind.endsWith('SERVER'),
    )!;
    expect([...ok.buckets]).toEqual([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(ok.sumMs).toBeCloseTo(123, 9);
    expect(ok.firstSeenMs).toBe(T0 - 1000);
    expect([...series.find((s) => s.service === 'b')!.buckets].at(-1)).toBe(1);
  });

  it('skips spans whose resource had no usable service.name, as the connector does', () => {
    const { agg } = setup();
    agg.observe([
      testSpan({ service: MISSING_SERVICE_NAME, name: 'x', endMs: T0, durationMs: 1 }),
      testSpan({ service: EMPTY_SERVICE_NAME, name: 'x', endMs: T0, durationMs: 1 }),
    ]);
    expect(agg.allSeries()).toEqual([]);
  });

  it('counts spans at their end time, and future end times now', () => {
    const { agg } = setup();
    agg.observe([
      testSpan({ service: 'a', name: 'op', endMs: T0 - sec(100), durationMs: 1 }),
      testSpan({ service: 'a', name: 'op', endMs: T0 + sec(3600), durationMs: 1 }),
    ]);
    const all = agg.allSeries();
    const curve = curveOf(agg, all, 1);
    expect(curve.increase(T0 - sec(105), T0 - sec(90))![0]).toBe(1);
    // The future span sits in the slot being filled, up to now.
    expect(curve.increase(T0 - sec(15), T0)![0]).toBe(1);
    expect(curve.increase(T0 - sec(300), T0)![0]).toBe(2);
  });

  it('answers windows aligned on slots exactly and estimates inside a slot', () => {
    const { agg, clock } = setup();
    clock.set(T0 + sec(60));
    const spans = [];
    for (let i = 0; i < 60; i++)
      spans.push(testSpan({ service: 'a', name: 'op', endMs: T0 + i * 1000 + 500, durationMs: 1 }));
    agg.observe(spans);
    const curve = curveOf(agg, agg.allSeries(), 1);
    expect(curve.increase(T0, T0 + sec(60))![0]).toBe(60);
    expect(curve.increase(T0 + sec(15), T0 + sec(30))![0]).toBe(15);
    // Inside a slot: its 15 spans spread over 0.5 s–14.5 s, so 5 s of it is an estimate.
    const estimate = curve.increase(T0 + sec(5), T0 + sec(10))![0];
    expect(estimate).toBeGreaterThan(4.5);
    expect(estimate).toBeLessThan(5.5);
    expect(curve.increase(T0 - sec(60), T0)![0]).toBe(0);
  });

  it('keeps the histogram per window when asked for 17 buckets', () => {
    const { agg } = setup();
    agg.observe([
      testSpan({ service: 'a', name: 'op', endMs: T0 - 20_000, durationMs: 1 }),
      testSpan({ service: 'a', name: 'op', endMs: T0 - 5_000, durationMs: 300 }),
    ]);
    const curve = curveOf(agg, agg.allSeries(), 17);
    expect([...curve.increase(T0 - 15_000, T0)!]).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(curve.increase(T0 - 30_000, T0)![0]).toBe(1);
  });

  it('falls back to the coarse tier for windows older than the fine one and forgets past retention', () => {
    const { agg, clock } = setup();
    // One span per minute for 6 hours.
    const spans = [];
    for (let m = 0; m < 360; m++)
      spans.push(testSpan({ service: 'a', name: 'op', endMs: T0 + m * 60_000 + 1, durationMs: 1 }));
    clock.set(T0 + 6 * 3_600_000);
    agg.observe(spans);
    const now = clock.now();
    const curve = curveOf(agg, agg.allSeries(), 1);
    // 4 hours back is outside the 3 h fine tier: answered from 5-minute slots, still exact here.
    expect(curve.increase(now - 4 * 3_600_000, now - 4 * 3_600_000 + 600_000)![0]).toBeCloseTo(10, 9);
    expect(curve.increase(now - 600_000, now)![0]).toBeCloseTo(10, 9);
    // Two days later only the cumulative counts remain.
    clock.advance(49 * 3_600_000);
    const later = curveOf(agg, agg.allSeries(), 1);
    expect(later.increase(now - 600_000, now)).toBeNull();
    expect(agg.allSeries()[0].calls).toBe(360);
  });

  it('drops the oldest slots past the memory cap and does not answer for them', () => {
    const { agg, clock } = setup({ maxSlotEntries: 10 });
    clock.set(T0 + 600_000);
    const spans = [];
    for (let i = 0; i < 40; i++)
      spans.push(testSpan({ service: 'a', name: 'op', endMs: T0 + i * 15_000, durationMs: 1 }));
    agg.observe(spans);
    expect(agg.stats().slotEntries).toBeLessThanOrEqual(10);
    const curve = curveOf(agg, agg.allSeries(), 1);
    // The recent part is intact at 15 s resolution…
    expect(curve.increase(clock.now() - 60_000, clock.now())![0]).toBe(3);
    // …while a window reaching into dropped slots counts only what is left: the last 10 slots.
    expect(curve.increase(T0, clock.now())![0]).toBe(10);
  });

  it('builds the curves of several groups together for the announced edges', () => {
    const { agg } = setup();
    agg.observe([
      testSpan({ service: 'a', name: '1', endMs: T0 - 10_000, durationMs: 1 }),
      testSpan({ service: 'a', name: '2', endMs: T0 - 10_000, durationMs: 1 }),
      testSpan({ service: 'a', name: '2', endMs: T0 - 40_000, durationMs: 1 }),
    ]);
    const [one, two] = agg.allSeries().sort((x, y) => x.spanName.localeCompare(y.spanName));
    const [c1, c2, both] = agg.curves([[one], [two], [one, two]], [T0 - 60_000, T0 - 30_000, T0], 1);
    expect(c1.increase(T0 - 60_000, T0)![0]).toBe(1);
    expect(c2.increase(T0 - 60_000, T0)![0]).toBe(2);
    expect(c2.increase(T0 - 30_000, T0)![0]).toBe(1);
    expect(both.increase(T0 - 60_000, T0)![0]).toBe(3);
    expect(() => both.increase(T0 - 45_000, T0)).toThrow('was not announced');
  });

  it('forgets the least recently updated series past maxSeries', () => {
    const { agg } = setup({ maxSeries: 2 });
    agg.observe([testSpan({ service: 'a', name: '1', endMs: T0, durationMs: 1 })]);
    agg.observe([testSpan({ service: 'a', name: '2', endMs: T0, durationMs: 1 })]);
    agg.observe([testSpan({ service: 'a', name: '1', endMs: T0, durationMs: 1 })]);
    agg.observe([testSpan({ service: 'a', name: '3', endMs: T0, durationMs: 1 })]);
    expect(
      agg
        .allSeries()
        .map((s) => s.spanName)
        .sort(),
    ).toEqual(['1', '3']);
    expect(agg.stats().series).toBe(2);
  });

  it('keeps its series in least-recently-updated order through many batches and evictions', () => {
    const { agg } = setup({ maxSeries: 20 });
    // The reference: a Map re-inserting a series the first time a batch updates it.
    const reference = new Map<string, true>();
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed % n;
    };
    for (let batch = 0; batch < 200; batch++) {
      const names = Array.from({ length: 1 + random(8) }, () => String(random(40)));
      agg.observe(names.map((name) => testSpan({ service: 'a', name, endMs: T0, durationMs: 1 })));
      const moved = new Set<string>();
      for (const name of names) {
        if (moved.has(name)) continue;
        moved.add(name);
        reference.delete(name);
        reference.set(name, true);
      }
      while (reference.size > 20) reference.delete(reference.keys().next().value as string);
      expect(agg.allSeries().map((s) => s.spanName)).toEqual([...reference.keys()]);
    }
    expect(agg.stats().series).toBe(20);
  });
});
