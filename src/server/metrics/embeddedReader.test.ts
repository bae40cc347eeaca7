import { beforeEach, describe, expect, it } from 'vitest';
import { SpanKind, StatusCode, type Span } from '../../core/model/trace';
import { SpanMetricsAggregator } from './aggregator';
import { createEmbeddedReader } from './embeddedReader';
import type { MetricFamily } from './metricFamily';
import type { MetricsQuery, MetricsReader } from './reader';
import { fakeClock, testSpan } from './testSpans';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const MIN = 60_000;

let clock: ReturnType<typeof fakeClock>;
let reader: MetricsReader;

/**
 * 20 minutes of traffic: frontend "GET /a" once a second (1–100 ms, evenly), "GET /b" every two
 * seconds with every fourth one an error, and driver client spans that the default kind skips.
 */
beforeEach(() => {
  clock = fakeClock(T0 + 20 * MIN);
  const agg = new SpanMetricsAggregator({ now: clock.now });
  const spans: Span[] = [];
  for (let i = 0; i < 1200; i++) {
    const endMs = T0 + i * 1000 + 500;
    spans.push(testSpan({ service: 'frontend', name: 'GET /a', endMs, durationMs: (i % 100) + 1 }));
    if (i % 2 === 0)
      spans.push(
        testSpan({
          service: 'frontend',
          name: 'GET /b',
          endMs,
          durationMs: 3000,
          status: i % 8 === 0 ? StatusCode.Error : StatusCode.Ok,
        }),
      );
    spans.push(testSpan({ service: 'driver', name: 'find', endMs, durationMs: 5, kind: SpanKind.Client }));
  }
  agg.observe(spans);
  reader = createEmbeddedReader(agg);
});

const q = (over: Partial<MetricsQuery> = {}): MetricsQuery => ({
  services: ['frontend'],
  groupByOperation: false,
  spanKinds: ['SPAN_KIND_SERVER'],
  endMs: T0 + 20 * MIN,
  lookbackMs: 10 * MIN,
  stepMs: MIN,
  ratePerMs: 10 * MIN,
  ...over,
});

const values = (f: MetricFamily, i = 0) => f.metrics[i].metricPoints.map((p) => p.value);
const labels = (f: MetricFamily) =>
  f.metrics.map((m) => Object.fromEntries(m.labels.map((l) => [l.name, l.value])));

describe('embedded reader', () => {
  it('answers call rates at every step from endTs − lookback to endTs', async () => {
    const f = await reader.getCallRates(q());
    expect(f).toMatchObject({
      name: 'service_call_rate',
      type: 'GAUGE',
      help: 'calls/sec, grouped by service',
    });
    expect(labels(f)).toEqual([{ service_name: 'frontend' }]);
    const points = f.metrics[0].metricPoints;
    expect(points.map((p) => p.timestampMs)).toEqual(
      Array.from({ length: 11 }, (_, k) => T0 + 10 * MIN + k * MIN),
    );
    for (const v of values(f)) expect(v).toBeCloseTo(1.5, 12);
  });

  it('groups by operation, sorted like Prometheus', async () => {
    const f = await reader.getCallRates(q({ groupByOperation: true }));
    expect(f.name).toBe('service_operation_call_rate');
    expect(f.help).toBe('calls/sec, grouped by service & operation');
    expect(labels(f)).toEqual([
      { service_name: 'frontend', operation: 'GET /a' },
      { service_name: 'frontend', operation: 'GET /b' },
    ]);
    expect(values(f, 0)[10]).toBeCloseTo(1, 12);
    expect(values(f, 1)[10]).toBeCloseTo(0.5, 12);
  });

  it('filters by span kind and by the service regex', async () => {
    expect((await reader.getCallRates(q({ services: ['driver'] }))).metrics).toEqual([]);
    const client = await reader.getCallRates(q({ services: ['driver'], spanKinds: ['SPAN_KIND_CLIENT'] }));
    expect(values(client)[0]).toBeCloseTo(1, 12);
    const both = await reader.getCallRates(
      q({ services: ['front.*', 'driver'], spanKinds: ['SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT'] }),
    );
    expect(labels(both)).toEqual([{ service_name: 'driver' }, { service_name: 'frontend' }]);
    expect((await reader.getCallRates(q({ services: ['front'] }))).metrics).toEqual([]);
  });

  it('computes latency quantiles with histogram_quantile', async () => {
    const p50 = await reader.getLatencies({ ...q({ groupByOperation: true }), quantile: 0.5 });
    expect(p50.name).toBe('service_operation_latencies');
    expect(p50.help).toBe('0.50th quantile latency, grouped by service & operation');
    expect(values(p50, 0)[10]).toBeCloseTo(50, 9);
    expect(values(p50, 1)[10]).toBeCloseTo(3500, 9);
    const p95 = await reader.getLatencies({ ...q({ groupByOperation: true }), quantile: 0.95 });
    expect(values(p95, 0)[10]).toBeCloseTo(95, 9);
    // 0.955 reaches PromQL as "0.95"; the help shows it the same way.
    const rounded = await reader.getLatencies({ ...q({ groupByOperation: true }), quantile: 0.955 });
    expect(rounded.help).toBe('0.95th quantile latency, grouped by service & operation');
    expect(values(rounded, 0)[10]).toBeCloseTo(95, 9);
  });

  it('answers error ratios, only for groups that have error series', async () => {
    const service = await reader.getErrorRates(q());
    expect(service.name).toBe('service_error_rate');
    expect(values(service)[10]).toBeCloseTo(0.125 / 1.5, 12);
    const perOp = await reader.getErrorRates(q({ groupByOperation: true }));
    expect(labels(perOp)).toEqual([{ service_name: 'frontend', operation: 'GET /b' }]);
    expect(values(perOp)[10]).toBeCloseTo(0.25, 12);
  });

  it('falls back to zeros over the call-rate series when there is no error at all', async () => {
    const f = await reader.getErrorRates(q({ services: ['driver'], spanKinds: ['SPAN_KIND_CLIENT'] }));
    expect(f.name).toBe('service_error_rate');
    expect(labels(f)).toEqual([{ service_name: 'driver' }]);
    expect(values(f)).toEqual(new Array(11).fill(0));
    expect((await reader.getErrorRates(q({ services: ['nobody'] }))).metrics).toEqual([]);
  });

  it('has no points before a series first appears', async () => {
    const f = await reader.getCallRates(q({ endMs: T0 + 5 * MIN }));
    const points = f.metrics[0].metricPoints;
    expect(points.map((p) => p.timestampMs)).toEqual([1, 2, 3, 4, 5].map((m) => T0 + m * MIN));
    expect(points[0].value).toBeCloseTo((60 * 1.5) / 600, 12);
  });

  it('answers 0 calls, NaN latency and NaN error ratio once traffic stops, as Prometheus does', async () => {
    clock.set(T0 + 60 * MIN);
    const end = { endMs: T0 + 60 * MIN, lookbackMs: 5 * MIN };
    expect(values(await reader.getCallRates(q(end)))).toEqual(new Array(6).fill(0));
    expect(values(await reader.getLatencies({ ...q(end), quantile: 0.5 })).every(Number.isNaN)).toBe(true);
    expect(values(await reader.getErrorRates(q(end))).every(Number.isNaN)).toBe(true);
  });

  it('refuses what Prometheus refuses, with its messages', async () => {
    const err = (s: string) => `failed executing metrics query: bad_data: ${s}`;
    await expect(reader.getCallRates(q({ lookbackMs: -1 }))).rejects.toThrow(
      err('invalid parameter "end": end timestamp must not be before start time'),
    );
    await expect(reader.getCallRates(q({ stepMs: 0 }))).rejects.toThrow(
      err(
        'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
      ),
    );
    await expect(reader.getCallRates(q({ stepMs: 1, lookbackMs: 11_001 }))).rejects.toThrow(
      err(
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      ),
    );
    expect((await reader.getCallRates(q({ stepMs: 1, lookbackMs: 11_000 }))).metrics).toHaveLength(1);
    await expect(reader.getCallRates(q({ ratePerMs: 0 }))).rejects.toThrow(
      err('1:103: parse error: duration must be greater than 0'),
    );
    await expect(reader.getErrorRates(q({ ratePerMs: -5 }))).rejects.toThrow(
      'failed getting error metrics: ' + err('1:138: parse error: missing unit character in duration'),
    );
    // Checked against Prometheus 2.42: same positions (the regexp wording is JavaScript's).
    await expect(reader.getLatencies({ ...q({ services: ['('] }), quantile: 0 })).rejects.toThrow(
      err('1:84: parse error: error parsing regexp: Unterminated group: `^(?:()$`'),
    );
    expect(await reader.getMinStepDuration()).toBe(1);
  });
});
