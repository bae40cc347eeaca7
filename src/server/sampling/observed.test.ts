import { describe, expect, it } from 'vitest';
import { buildSpan } from '../../core/testing/traceBuilder';
import { BUCKET_MS, createObservedRates, MAX_SERVICES } from './observed';

const root = (service: string) => buildSpan({ id: 'root', at: [0, 1], service });
const child = (service: string) => buildSpan({ id: 'child', parent: 'root', at: [0, 1], service });

describe('observed span and trace rates', () => {
  it('counts spans and root spans per service in time buckets, over complete buckets only', () => {
    let now = 1_000 * BUCKET_MS;
    const rates = createObservedRates(() => now);
    rates.record([root('frontend'), child('frontend'), child('driver')]);
    now += BUCKET_MS;
    rates.record([root('frontend'), child('driver'), child('driver')]);
    // The bucket still filling (it has just begun) counts in the averages but is not a point.
    const early = rates.report(60_000).services;
    expect(early.map((s) => s.spansPerSecond)).toEqual([3 / 60, 3 / 60]);
    expect(early.map((s) => s.points.at(-1)?.spansPerSecond)).toEqual([0.2, 0.4]);
    now += BUCKET_MS / 2;
    expect(rates.report(60_000).services.map((s) => s.tracesPerSecond)).toEqual([0, 2 / 62.5]);
    now -= BUCKET_MS / 2;

    now += BUCKET_MS;
    const report = rates.report(10_000);
    expect(report.windowSeconds).toBe(10);
    expect(report.stepSeconds).toBe(5);
    expect(report.end).toBe(now);
    expect(report.services).toEqual([
      {
        service: 'driver',
        spansPerSecond: 0.3,
        tracesPerSecond: 0,
        points: [
          { t: 1000 * BUCKET_MS, spansPerSecond: 0.2, tracesPerSecond: 0 },
          { t: 1001 * BUCKET_MS, spansPerSecond: 0.4, tracesPerSecond: 0 },
        ],
      },
      {
        service: 'frontend',
        spansPerSecond: 0.3,
        tracesPerSecond: 0.2,
        points: [
          { t: 1000 * BUCKET_MS, spansPerSecond: 0.4, tracesPerSecond: 0.2 },
          { t: 1001 * BUCKET_MS, spansPerSecond: 0.2, tracesPerSecond: 0.2 },
        ],
      },
    ]);
  });

  it('forgets buckets older than the ring, even when a slot is reused', () => {
    let now = 0;
    const rates = createObservedRates(() => now);
    rates.record([root('a')]);
    now += 361 * BUCKET_MS; // the same slot, a full turn later
    rates.record([root('a'), root('a')]);
    now += BUCKET_MS;
    const points = rates.report(10 * 60_000).services[0].points;
    expect(points.at(-1)).toEqual({ t: 361 * BUCKET_MS, spansPerSecond: 0.4, tracesPerSecond: 0.4 });
    expect(points.slice(0, -1).every((p) => p.spansPerSecond === 0)).toBe(true);
  });

  it('drops services not seen for the whole history, and caps the number of services', () => {
    let now = 0;
    const rates = createObservedRates(() => now);
    rates.record([root('old')]);
    now += 400 * BUCKET_MS;
    expect(rates.report(60_000).services).toEqual([]);
    for (let i = 0; i <= MAX_SERVICES; i++) rates.record([root(`s${i}`)]);
    expect(rates.report(60_000).services).toHaveLength(MAX_SERVICES);
  });
});
