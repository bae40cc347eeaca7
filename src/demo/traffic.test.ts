import { afterEach, describe, expect, it } from 'vitest';
import { SpanKind, type Span } from '../core/model/trace';
import { startOtlpReceiver, type OtlpReceiver } from './testing/otlpReceiver';
import { startDemoTraffic } from './traffic';

let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const service = (s: Span) => s.resource.serviceName;

function byTrace(spans: readonly Span[]): Map<string, Span[]> {
  const traces = new Map<string, Span[]>();
  for (const span of spans) traces.set(span.traceId, [...(traces.get(span.traceId) ?? []), span]);
  return traces;
}

describe('demo traffic', () => {
  it('sends whole dispatch traces over OTLP/protobuf to a real receiver', async () => {
    receiver = await startOtlpReceiver();
    const logs: string[] = [];
    const before = BigInt(Date.now()) * 1_000_000n;
    const traffic = startDemoTraffic({
      target: receiver.url,
      ratePerSecond: 40,
      durationMs: 400,
      seed: 11,
      log: (m) => logs.push(m),
    });
    await traffic.done;
    const stats = traffic.stats();
    expect(stats.requests).toBeGreaterThanOrEqual(5);
    expect(stats.errors).toBe(0);
    expect(receiver.spans).toHaveLength(stats.spans);
    expect(new Set(receiver.contentTypes)).toEqual(new Set(['application/x-protobuf']));
    expect(logs[0]).toMatch(/seed 11/);
    expect(logs.at(-1)).toMatch(/stopped after \d+ requests/);

    const operations = new Map<string, Set<string>>();
    for (const span of receiver.spans) {
      operations.set(service(span), (operations.get(service(span)) ?? new Set()).add(span.name));
    }
    expect(Object.fromEntries([...operations].map(([s, ops]) => [s, [...ops].sort()]))).toEqual({
      frontend: [
        '/driver.DriverService/FindNearest',
        'HTTP GET /customer',
        'HTTP GET /dispatch',
        'HTTP GET /route',
      ],
      customer: ['HTTP GET /customer', 'SQL SELECT'],
      driver: ['/driver.DriverService/FindNearest', 'FindDriverIDs', 'GetDriver'],
      route: ['HTTP GET /route'],
    });

    const traces = byTrace(receiver.spans);
    expect(traces.size).toBe(stats.requests);
    for (const spans of traces.values()) {
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      const roots = spans.filter((s) => s.parentSpanId === '');
      expect(roots.map((r) => [service(r), r.name, r.kind])).toEqual([
        ['frontend', 'HTTP GET /dispatch', SpanKind.Server],
      ]);
      expect(roots[0].startTimeUnixNano).toBeGreaterThanOrEqual(before);
      const parentOf = (s: Span) => byId.get(s.parentSpanId);
      for (const span of spans) if (span !== roots[0]) expect(parentOf(span)).toBeDefined();
      for (const sql of spans.filter((s) => s.name === 'SQL SELECT')) {
        expect(sql.kind).toBe(SpanKind.Client);
        expect(sql.attributes).toContainEqual(expect.objectContaining({ key: 'db.system', value: 'mysql' }));
        const server = parentOf(sql)!;
        expect([service(server), server.name, server.kind]).toEqual([
          'customer',
          'HTTP GET /customer',
          SpanKind.Server,
        ]);
        expect([service(parentOf(server)!), parentOf(server)!.kind]).toEqual(['frontend', SpanKind.Client]);
        expect(parentOf(parentOf(server)!)).toBe(roots[0]);
      }
      for (const get of spans.filter((s) => s.name === 'GetDriver')) {
        expect(get.kind).toBe(SpanKind.Client);
        const server = parentOf(get)!;
        expect([service(server), server.name]).toEqual(['driver', '/driver.DriverService/FindNearest']);
        expect(service(parentOf(server)!)).toBe('frontend');
      }
      for (const route of spans.filter((s) => service(s) === 'route')) {
        expect([service(parentOf(route)!), parentOf(route)!.kind]).toEqual(['frontend', SpanKind.Client]);
      }
    }
  });

  it('speaks OTLP/JSON when asked', async () => {
    receiver = await startOtlpReceiver();
    const traffic = startDemoTraffic({
      target: `${receiver.url}/`,
      ratePerSecond: 20,
      durationMs: 150,
      seed: 3,
      encoding: 'json',
      log: () => {},
    });
    await traffic.done;
    expect(new Set(receiver.contentTypes)).toEqual(new Set(['application/json']));
    expect(receiver.spans.length).toBe(traffic.stats().spans);
    expect(traffic.stats().spans).toBeGreaterThan(0);
  });

  it('stops on request, flushing what is in flight; stopping twice is fine', async () => {
    receiver = await startOtlpReceiver();
    const traffic = startDemoTraffic({ target: receiver.url, ratePerSecond: 30, seed: 5, log: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopping = traffic.stop();
    expect(traffic.stop()).toBe(stopping);
    await stopping;
    await traffic.done;
    const { requests, spans } = traffic.stats();
    expect(requests).toBeGreaterThan(0);
    expect(byTrace(receiver.spans).size).toBe(requests);
    expect(receiver.spans).toHaveLength(spans);
  });

  it('logs a rejecting receiver once instead of throwing', async () => {
    receiver = await startOtlpReceiver(400);
    const logs: string[] = [];
    const traffic = startDemoTraffic({
      target: receiver.url,
      ratePerSecond: 30,
      durationMs: 100,
      seed: 1,
      log: (m) => logs.push(m),
    });
    await traffic.done;
    expect(traffic.stats().errors).toBeGreaterThan(0);
    expect(logs.filter((m) => m.includes('failed:'))).toHaveLength(1);
    expect(logs.at(-1)).toMatch(/exports failed/);
  });

  it('rejects options it cannot run with', () => {
    const target = 'http://127.0.0.1:4318';
    expect(() => startDemoTraffic({ target, ratePerSecond: 0 })).toThrow(RangeError);
    expect(() => startDemoTraffic({ target, ratePerSecond: 1, durationMs: -1 })).toThrow(RangeError);
    expect(() => startDemoTraffic({ target: 'ftp://example.com', ratePerSecond: 1 })).toThrow(TypeError);
  });
});
