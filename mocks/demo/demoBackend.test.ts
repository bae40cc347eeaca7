/**
 * The no-backend demo's API, from the recorded files as committed: every endpoint the UI calls
 * answers, with the recording moved to the present.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoHandlers, type RecordedDemo } from './demoBackend';
import { SPAN_FIELDS, trafficSpans } from './trafficDigest';

// Vitest's app project is typed without Node; the files are read from the project root.
const fs = (await import(/* @vite-ignore */ `node:${'fs'}`)) as {
  readFileSync(path: string, encoding: 'utf8'): string;
};
const recorded: RecordedDemo = {
  traces: JSON.parse(fs.readFileSync('mocks/recorded/traces.json', 'utf8')),
  traffic: JSON.parse(fs.readFileSync('mocks/recorded/traffic.json', 'utf8')),
};

const NOW = Date.now();
const server = setupServer(...createDemoHandlers(recorded, NOW));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const BASE = 'http://demo.test/sub/path/';

async function get(path: string, params: Record<string, string> = {}) {
  const response = await fetch(`${BASE}${path}?${new URLSearchParams(params)}`);
  return { status: response.status, body: await response.text() };
}

async function json<T>(path: string, params: Record<string, string> = {}): Promise<T> {
  const { status, body } = await get(path, params);
  expect(status, `${path}: ${body}`).toBe(200);
  return JSON.parse(body) as T;
}

const SERVICES = ['customer', 'driver', 'frontend', 'route'];
const hour = () => ({
  start: String((NOW - 3_600_000) * 1000),
  end: String(NOW * 1000),
});

describe('the recording', () => {
  it('holds the demo traffic and a selection of whole traces from it', () => {
    const { traffic, traces } = recorded;
    expect(traffic.windowMs).toBe(20 * 60_000);
    expect(traffic.traces.length).toBeGreaterThan(300);
    expect([...traffic.services].sort()).toEqual(SERVICES);
    expect(traces.traces.length).toBeGreaterThanOrEqual(40);
    for (const t of traces.traces) {
      expect(t.traceID).toMatch(/^[0-9a-f]{32}$/);
      // Every time is inside the recorded window.
      for (const s of t.spans) expect(s.startTime / 1000).toBeLessThanOrEqual(traces.recordedAtMs);
    }
    const spanCount = traffic.traces.reduce((n, [, fields]) => n + fields.length / SPAN_FIELDS, 0);
    expect(trafficSpans(traffic, 0)).toHaveLength(spanCount);
  });
});

describe('the demo backend', () => {
  it('lists the services and operations, v1 and v3', async () => {
    expect((await json<{ services: string[] }>('api/v3/services')).services).toEqual(SERVICES);
    expect((await json<{ data: string[] }>('api/services')).data).toEqual(SERVICES);
    const { operations } = await json<{ operations: { name: string; spanKind: string }[] }>(
      'api/v3/operations',
      {
        service: 'frontend',
      },
    );
    expect(operations).toContainEqual({ name: 'HTTP GET /dispatch', spanKind: 'server' });
  });

  it('finds the recorded traces in the last hour, moved to the present', async () => {
    const { summaries } = await json<{ summaries: { traceId: string; maxEndTimeUnixNano: string }[] }>(
      'api/v3/trace-summaries',
      {
        'query.serviceName': 'frontend',
        'query.startTimeMin': new Date(NOW - 3_600_000).toISOString(),
        'query.startTimeMax': new Date(NOW).toISOString(),
        'query.searchDepth': '1000',
      },
    );
    expect(summaries).toHaveLength(recorded.traces.traces.length);
    const newestEndMs = Math.max(...summaries.map((s) => Number(BigInt(s.maxEndTimeUnixNano) / 1_000_000n)));
    expect(NOW - newestEndMs).toBeLessThan(60_000);

    const v1 = await json<{ data: unknown[] }>('api/traces', { service: 'driver', limit: '5', ...hour() });
    expect(v1.data).toHaveLength(5);
    // Nothing before the recording.
    const older = await json<{ data: unknown[] }>('api/traces', {
      service: 'frontend',
      start: String((NOW - 7_200_000) * 1000),
      end: String((NOW - 3_600_000) * 1000),
    });
    expect(older.data).toEqual([]);
  });

  it('returns a whole trace by ID, in v1 and v3', async () => {
    const id = recorded.traces.traces[0].traceID;
    const v1 = await json<{ data: { traceID: string; spans: unknown[] }[] }>(`api/traces/${id}`);
    expect(v1.data[0].traceID).toBe(id);
    expect(v1.data[0].spans.length).toBe(recorded.traces.traces[0].spans.length);
    const v3 = await json<{ result: { resourceSpans: unknown[] } }>(`api/v3/traces/${id}`);
    expect(v3.result.resourceSpans.length).toBeGreaterThan(0);
    expect((await get(`api/traces/${'0'.repeat(31)}1`)).status).toBe(404);
  });

  it("computes span metrics from the traffic with the server's own aggregator", async () => {
    const window = { endTs: String(NOW), lookback: '1800000', step: '60000', ratePer: '600000' };
    const latencies = await json<{
      name: string;
      metrics: { metricPoints: { gaugeValue: { doubleValue: number | string } }[] }[];
    }>('api/metrics/latencies', { service: 'frontend', quantile: '0.95', ...window });
    expect(latencies.name).toBe('service_latencies');
    const last = latencies.metrics[0].metricPoints.at(-1)?.gaugeValue.doubleValue;
    expect(Number(last)).toBeGreaterThan(100);

    const calls = await json<{ metrics: { metricPoints: { gaugeValue: { doubleValue: number } }[] }[] }>(
      'api/metrics/calls',
      { service: 'frontend', ...window },
    );
    // About 0.3 dispatch requests a second, as recorded.
    expect(calls.metrics[0].metricPoints.at(-1)?.gaugeValue.doubleValue).toBeCloseTo(0.3, 1);

    const byOperation = await json<{ metrics: { labels: { name: string; value: string }[] }[] }>(
      'api/metrics/errors',
      { service: 'driver', spanKind: 'client', groupByOperation: 'true', ...window },
    );
    expect(byOperation.metrics.map((m) => m.labels.find((l) => l.name === 'operation')?.value)).toContain(
      'GetDriver',
    );
    const bad = await get('api/metrics/latencies', { service: 'frontend' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("unable to parse param 'quantile'");
  });

  it('draws the topology and the dependencies from the traffic', async () => {
    const topology = await json<{ edges: { parent: string; child: string; callCount: number }[] }>(
      'api/topology',
      {
        endTs: String(NOW),
        lookback: '3600000',
      },
    );
    const edges = topology.edges.map((e) => `${e.parent}→${e.child}`);
    expect(edges).toEqual(expect.arrayContaining(['frontend→customer', 'frontend→driver', 'frontend→route']));
    const dependencies = await json<{ data: { parent: string; child: string; callCount: number }[] }>(
      'api/dependencies',
      { endTs: String(NOW), lookback: '3600000' },
    );
    const toDriver = dependencies.data.find((d) => d.parent === 'frontend' && d.child === 'driver');
    expect(toDriver?.callCount).toBe(recorded.traffic.traces.length);
  });

  it('serves sampling with rates measured from the traffic', async () => {
    const state = await json<{ services: { service: string }[] }>('api/sampling/strategies');
    expect(state.services.map((s) => s.service)).toEqual(SERVICES);
    const observed = await json<{
      services: { service: string; tracesPerSecond: number; spansPerSecond: number }[];
    }>('api/sampling/observed', { window: '5m' });
    const rate = (name: string) => observed.services.find((s) => s.service === name);
    expect(rate('frontend')?.tracesPerSecond).toBeGreaterThan(0);
    expect(rate('driver')?.tracesPerSecond).toBe(0);
    // The driver starts no trace but sends spans in every one.
    expect(rate('driver')?.spansPerSecond).toBeGreaterThan(0);
  });

  it('charts the observed rates bucket by bucket as recorded, not as a made-up curve', async () => {
    const observed = await json<{
      end: number;
      stepSeconds: number;
      services: { service: string; points: { t: number; tracesPerSecond: number }[] }[];
    }>('api/sampling/observed', { window: '5m' });
    const points = observed.services.find((s) => s.service === 'frontend')?.points ?? [];
    const shiftMs = NOW - recorded.traffic.recordedAtMs;
    const frontend = recorded.traffic.services.indexOf('frontend');
    const step = observed.stepSeconds * 1000;
    for (const { t, tracesPerSecond } of points) {
      const started = recorded.traffic.traces.filter(([startMs, fields]) => {
        const at = Math.floor((startMs + shiftMs) / step) * step;
        return at === t && fields[1] === frontend && fields[0] < 0;
      }).length;
      expect(tracesPerSecond * observed.stepSeconds, `traces started in the bucket at ${t}`).toBeCloseTo(
        started,
        6,
      );
    }
    expect(points.length).toBe(60);
    expect(new Set(points.map((p) => p.tracesPerSecond)).size).toBeGreaterThan(1);
  });

  it('archives recorded traces and answers 404 for the rest, and for unknown routes', async () => {
    const id = recorded.traces.traces[1].traceID;
    expect((await fetch(`${BASE}api/archive/${id}`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${BASE}api/archive/${'f'.repeat(32)}`, { method: 'POST' })).status).toBe(404);
    const unknown = await get('api/quality-metrics');
    expect(unknown).toEqual({ status: 404, body: '404 page not found\n' });
  });
});
