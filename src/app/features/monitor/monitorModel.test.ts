import { describe, expect, it } from 'vitest';
import { parseMetricFamily, stepFor, type MetricSeries } from '../../api/spanMetrics';
import type { MonitorData } from './api/metrics';
import {
  chartRows,
  drillDownUrl,
  goDuration,
  rangeDrillDownUrl,
  timeTicks,
  hasData,
  operationRows,
  readMonitorUrl,
  summaryLine,
} from './monitorModel';

const series = (operation: string | null, values: (number | null)[]): MetricSeries => ({
  operation,
  points: values.map((value, i) => ({ t: 1_000 + i * 60_000, value })),
});

const empty: MonitorData = {
  p50: [],
  p75: [],
  p95: [],
  calls: [],
  errors: [],
  opP95: [],
  opCalls: [],
  opErrors: [],
};

describe('parseMetricFamily', () => {
  it('reads jsonpb: operation label, RFC 3339 timestamps, NaN as a gap, omitted fields', () => {
    const body = {
      name: 'service_operation_latencies',
      type: 'GAUGE',
      metrics: [
        {
          labels: [
            { name: 'service_name', value: 'driver' },
            { name: 'operation', value: 'GetDriver' },
          ],
          metricPoints: [
            { gaugeValue: { doubleValue: 12.5 }, timestamp: '2021-06-03T09:12:06Z' },
            { gaugeValue: { doubleValue: 'NaN' }, timestamp: '2021-06-03T09:12:11.5Z' },
          ],
        },
        { labels: [{ name: 'service_name', value: 'driver' }] },
      ],
    };
    expect(parseMetricFamily(body, 'u')).toEqual([
      {
        operation: 'GetDriver',
        points: [
          { t: Date.parse('2021-06-03T09:12:06Z'), value: 12.5 },
          { t: Date.parse('2021-06-03T09:12:11.5Z'), value: null },
        ],
      },
      { operation: null, points: [] },
    ]);
  });

  it('rejects a body that is not a MetricFamily', () => {
    expect(() => parseMetricFamily([1], 'http://x/api/metrics/calls')).toThrow(/could not be read/);
  });
});

describe('the Monitor model', () => {
  it('reads the URL with Jaeger UI names and falls back to defaults', () => {
    expect(readMonitorUrl(new URLSearchParams('service=a&spanKind=CLIENT&lookback=2d'))).toEqual({
      service: 'a',
      spanKind: 'client',
      lookback: '2d',
    });
    expect(readMonitorUrl(new URLSearchParams('spanKind=weird&lookback=7y'))).toEqual({
      service: null,
      spanKind: 'server',
      lookback: '1h',
    });
  });

  it('keeps 60–120 points per chart', () => {
    expect(stepFor(5 * 60_000)).toBe(15_000);
    expect(stepFor(3_600_000)).toBe(60_000);
    expect(stepFor(2 * 86_400_000)).toBe(2_880_000);
  });

  it('merges the service series by time, error rate in percent', () => {
    const rows = chartRows({
      ...empty,
      p50: [series(null, [1, 2])],
      p95: [series(null, [10, null])],
      errors: [series(null, [0.5, 0])],
      calls: [series(null, [3, 4])],
    });
    expect(rows).toEqual([
      { t: 1_000, p50: 1, p75: null, p95: 10, errorPct: 50, rate: 3 },
      { t: 61_000, p50: 2, p75: null, p95: null, errorPct: 0, rate: 4 },
    ]);
    expect(hasData(rows)).toBe(true);
    expect(summaryLine(rows)).toBe('Latest: p95 latency 10 ms, 4.0 req/s, 0.0 % errors');
    expect(hasData(chartRows({ ...empty, p95: [series(null, [null])] }))).toBe(false);
  });

  it('scales impact (latency × rate) to 0–1 across operations', () => {
    const rows = operationRows({
      ...empty,
      opP95: [series('a', [100, 300]), series('b', [50]), series('c', [10])],
      opCalls: [series('a', [2]), series('b', [1]), series('c', [1])],
      opErrors: [series('a', [0.1])],
    });
    expect(
      rows.map((r) => [
        r.name,
        r.p95,
        r.rate,
        r.errorPct && Math.round(r.errorPct),
        Number(r.impact.toFixed(3)),
      ]),
    ).toEqual([
      ['a', 200, 2, 10, 1],
      ['b', 50, 1, null, 0.103],
      ['c', 10, 1, null, 0],
    ]);
  });

  it('drills down into the window behind a point, in µs, with the clicked latency as minimum', () => {
    const url = new URL(drillDownUrl('frontend', 'GET /x', 1_700_000_000_000, 60_000, 350.7), 'http://h');
    expect(url.pathname).toBe('/search');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      service: 'frontend',
      operation: 'GET /x',
      lookback: 'custom',
      start: String((1_700_000_000_000 - 600_000) * 1000),
      end: String((1_700_000_000_000 + 60_000) * 1000),
      minDuration: '350ms',
    });
    expect(drillDownUrl('s', null, 0, 1000)).not.toMatch(/operation|minDuration/);
    expect(goDuration(0.25)).toBe('250us');
  });

  it('drills down into a dragged range exactly, whichever way it was dragged', () => {
    const [a, b] = [1_700_000_000_000.4, 1_700_000_300_000.2];
    const expected = {
      service: 'frontend',
      operation: 'GET /x',
      lookback: 'custom',
      start: String(1_700_000_000_000 * 1000),
      end: String(1_700_000_300_001 * 1000),
    };
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      const url = new URL(rangeDrillDownUrl('frontend', 'GET /x', from, to), 'http://h');
      expect(url.pathname).toBe('/search');
      expect(Object.fromEntries(url.searchParams)).toEqual(expected);
    }
    expect(rangeDrillDownUrl('s', null, 0, 1000)).not.toMatch(/operation|minDuration/);
  });

  it('puts round-time ticks across the whole range, however little of it has data', () => {
    const end = Date.UTC(2026, 0, 1, 10, 7, 20);
    expect(timeTicks(end - 15 * 60_000, end)).toEqual(
      [54, 57, 60, 63, 66].map((m) => Date.UTC(2026, 0, 1, 9, 0) + m * 60_000),
    );
    expect(timeTicks(end - 5 * 60_000, end).map((t) => (t - end) / 1000)).toEqual([
      -260, -200, -140, -80, -20,
    ]);
    const day = timeTicks(end - 2 * 86_400_000, end);
    expect(day.length).toBeLessThanOrEqual(6);
    expect(day.every((t) => t % 3_600_000 === 0)).toBe(true);
    expect(timeTicks(end, end)).toEqual([]);
  });
});
