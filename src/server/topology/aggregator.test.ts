import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode, type Span } from '../../core/model/trace';
import { computeDependencies } from '../storage/dependencies';
import { makeResource, makeSpan, T0, type SpanSpec } from '../storage/conformance/spans';
import { TopologyAggregator, type TopologyWindow } from './aggregator';

const T0_MS = Number(T0 / 1_000_000n);
const frontend = makeResource('frontend');
const driver = makeResource('driver');
const redis = makeResource('redis');
const MS = 1_000_000n;

function aggregator(nowMs = T0_MS + 60_000) {
  let now = nowMs;
  const agg = new TopologyAggregator({ now: () => now });
  return { agg, setNow: (ms: number) => (now = ms) };
}

const all: TopologyWindow = { startMs: T0_MS - 3_600_000, endMs: T0_MS + 3_600_000, service: '' };
const span = (s: SpanSpec): Span => makeSpan(s);
const sorted = <T extends { parent: string; child: string }>(links: T[]) =>
  [...links].sort((a, b) => `${a.parent}>${a.child}`.localeCompare(`${b.parent}>${b.child}`));

describe('TopologyAggregator', () => {
  it('counts calls per service pair, self-edges included, unknown parents skipped', () => {
    const { agg } = aggregator();
    agg.observe([
      span({ trace: 1, span: 1, resource: frontend }),
      span({ trace: 1, span: 2, parent: 1, resource: frontend }),
      span({ trace: 1, span: 3, parent: 1, resource: driver }),
      span({ trace: 1, span: 4, parent: 99, resource: redis }),
    ]);
    expect(sorted(agg.dependencies(all))).toEqual([
      { parent: 'frontend', child: 'driver', callCount: 1 },
      { parent: 'frontend', child: 'frontend', callCount: 1 },
    ]);
  });

  it('links a parent arriving in a later batch than its children', () => {
    const { agg } = aggregator();
    agg.observe([span({ trace: 1, span: 2, parent: 1, resource: driver })]);
    agg.observe([span({ trace: 1, span: 3, parent: 2, resource: redis })]);
    expect(agg.dependencies(all)).toEqual([{ parent: 'driver', child: 'redis', callCount: 1 }]);
    agg.observe([span({ trace: 1, span: 1, resource: frontend })]);
    expect(sorted(agg.dependencies(all))).toEqual([
      { parent: 'driver', child: 'redis', callCount: 1 },
      { parent: 'frontend', child: 'driver', callCount: 1 },
    ]);
  });

  it('forgets waiting children once their trace is evicted', () => {
    const { agg, setNow } = aggregator();
    agg.observe([span({ trace: 1, span: 2, parent: 1, resource: driver })]);
    setNow(T0_MS + 60_000 + 6 * 60_000);
    agg.observe([span({ trace: 2, span: 1, resource: frontend })]);
    agg.observe([span({ trace: 1, span: 1, resource: frontend })]);
    expect(agg.dependencies(all)).toEqual([]);
  });

  it('covers windows inside its retention and after it started covering the store', () => {
    const nowMs = T0_MS + 60_000;
    const agg = new TopologyAggregator({ now: () => nowMs, retentionMs: 3_600_000 });
    expect(agg.covers({ startMs: nowMs - 3_600_000, endMs: nowMs, service: '' })).toBe(true);
    expect(agg.covers({ startMs: nowMs - 3_600_001, endMs: nowMs, service: '' })).toBe(false);
    const late = new TopologyAggregator({ now: () => nowMs, coveredSinceMs: nowMs - 1_000 });
    expect(late.covers({ startMs: nowMs - 1_000, endMs: nowMs, service: '' })).toBe(true);
    expect(late.covers({ startMs: nowMs - 60_000, endMs: nowMs, service: '' })).toBe(false);
  });

  it('sums only the buckets inside the lookback window', () => {
    const { agg } = aggregator(T0_MS + 20 * 60_000);
    for (const [trace, minute] of [
      [1, 0],
      [2, 5],
      [3, 10],
    ]) {
      const start = BigInt(minute) * 60_000n * MS;
      agg.observe([
        span({ trace, span: 1, resource: frontend, start }),
        span({ trace, span: 2, parent: 1, resource: driver, start }),
      ]);
    }
    const window = (from: number, to: number) => ({
      startMs: T0_MS + from * 60_000,
      endMs: T0_MS + to * 60_000,
      service: '',
    });
    expect(agg.dependencies(window(4, 20))).toEqual([{ parent: 'frontend', child: 'driver', callCount: 2 }]);
    expect(agg.dependencies(window(0, 4))).toEqual([{ parent: 'frontend', child: 'driver', callCount: 1 }]);
    expect(agg.dependencies(window(11, 20))).toEqual([]);
  });

  it('filters by service like /api/dependencies', () => {
    const { agg } = aggregator();
    agg.observe([
      span({ trace: 1, span: 1, resource: frontend }),
      span({ trace: 1, span: 2, parent: 1, resource: driver }),
      span({ trace: 1, span: 3, parent: 2, resource: redis }),
    ]);
    expect(agg.dependencies({ ...all, service: 'redis' })).toEqual([
      { parent: 'driver', child: 'redis', callCount: 1 },
    ]);
    const topo = agg.topology({ ...all, service: 'redis' });
    expect(topo.nodes.map((n) => n.service).sort()).toEqual(['driver', 'redis']);
  });

  it('computes calls/s, error rate and p95 of an edge and of a node', () => {
    const { agg } = aggregator(T0_MS + 60_000);
    const spans: Span[] = [
      span({ trace: 1, span: 1, resource: frontend, kind: SpanKind.Server, duration: 500n * MS }),
    ];
    for (let i = 0; i < 20; i++) {
      spans.push(
        span({
          trace: 1,
          span: 10 + i,
          parent: 1,
          resource: driver,
          kind: SpanKind.Server,
          duration: 30n * MS,
          status: i < 5 ? StatusCode.Error : StatusCode.Unset,
        }),
      );
    }
    agg.observe(spans);
    // 2-minute window → 120 s.
    const topo = agg.topology({ startMs: T0_MS - 60_000, endMs: T0_MS + 60_000, service: '' });
    expect(topo.edges).toEqual([
      // 20 calls of 30 ms land in the (10, 50] bucket: rank 19 of 20 → 10 + 40 × 19/20 = 48.
      {
        parent: 'frontend',
        child: 'driver',
        callCount: 20,
        callsPerSecond: 20 / 120,
        errorRate: 0.25,
        p95Ms: 48,
      },
    ]);
    const driverNode = topo.nodes.find((n) => n.service === 'driver');
    expect(driverNode).toEqual({ service: 'driver', callsPerSecond: 20 / 120, errorRate: 0.25, p95Ms: 48 });
    const frontendNode = topo.nodes.find((n) => n.service === 'frontend');
    expect(frontendNode?.callsPerSecond).toBeCloseTo(1 / 120);
    expect(frontendNode?.p95Ms).toBeCloseTo(400 + 400 * 0.95);
  });

  it('drops buckets past retention', () => {
    const { agg, setNow } = aggregator();
    agg.observe([
      span({ trace: 1, span: 1, resource: frontend }),
      span({ trace: 1, span: 2, parent: 1, resource: driver }),
    ]);
    setNow(T0_MS + 25 * 3_600_000);
    agg.observe([]);
    expect(agg.dependencies({ ...all, endMs: T0_MS + 30 * 3_600_000 })).toEqual([]);
  });

  it('gives the store computation’s answer on the same data, whatever the batching', () => {
    const services = ['a', 'b', 'c', 'd', 'e'].map((s) => makeResource(s));
    const traces: Span[][] = [];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let t = 1; t <= 200; t++) {
      const spans: Span[] = [];
      const count = 1 + rand(12);
      for (let s = 1; s <= count; s++) {
        // Some parents are missing (s + 50) to exercise the "unknown parent" rule.
        const parent = s === 1 ? undefined : rand(10) === 0 ? s + 50 : 1 + rand(s - 1);
        spans.push(
          span({ trace: t, span: s, parent, resource: services[rand(5)], start: BigInt(rand(60_000)) * MS }),
        );
      }
      traces.push(spans);
    }
    const { agg } = aggregator(T0_MS + 120_000);
    // Shuffled batches: children often arrive before their parents, traces interleave.
    const flat = traces.flat();
    for (let i = flat.length - 1; i > 0; i--) {
      const j = rand(i + 1);
      [flat[i], flat[j]] = [flat[j], flat[i]];
    }
    for (let i = 0; i < flat.length; i += 17) agg.observe(flat.slice(i, i + 17));
    expect(sorted(agg.dependencies(all))).toEqual(sorted(computeDependencies(traces)));
  });
});
