/**
 * The two metrics backends against each other with a real Prometheus (Debian's package):
 * Prometheus scrapes our `/metrics` every second while spans arrive, then the same queries go
 * to the embedded reader and to the Prometheus reader (Jaeger's PromQL), and must agree.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind, StatusCode, type Span } from '../../core/model/trace';
import { createEmbeddedReader } from './embeddedReader';
import type { MetricFamily } from './metricFamily';
import { startMetricsTestServer, type MetricsTestServer } from './metricsTestServer';
import { createPrometheusReader } from './prometheusReader';
import type { MetricsQuery, MetricsReader } from './reader';
import { testSpan } from './testSpans';

const PROMETHEUS = '/usr/bin/prometheus';
const TRAFFIC_MS = 15_000;
const BATCH_EVERY_MS = 500;

/** Installs Debian's prometheus when missing; fails loudly when that is impossible. */
function ensurePrometheus(): void {
  if (existsSync(PROMETHEUS)) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `${PROMETHEUS} is missing and installing it needs root: run "apt-get install -y prometheus" first`,
    );
  try {
    execFileSync(
      'sh',
      ['-c', 'apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus'],
      { stdio: 'pipe', timeout: 600_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
    );
  } catch (err) {
    const e = err as Error & { stderr?: Buffer };
    throw new Error(`installing prometheus failed: ${e.stderr?.toString() || e.message}`, { cause: err });
  }
  if (!existsSync(PROMETHEUS)) throw new Error(`apt-get ran but ${PROMETHEUS} is still missing`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** One batch: the same mix every time, so every window sees the same distribution. */
function batch(endMs: number): Span[] {
  const spans: Span[] = [];
  [1, 3, 5, 7, 9, 30, 70, 150, 300, 600].forEach((durationMs, i) =>
    spans.push(
      testSpan({
        service: 'frontend',
        name: 'GET /dispatch',
        endMs,
        durationMs,
        status: i % 5 === 0 ? StatusCode.Error : StatusCode.Ok,
      }),
    ),
  );
  for (let i = 0; i < 5; i++)
    spans.push(testSpan({ service: 'frontend', name: 'GET /config', endMs, durationMs: 1200 }));
  for (let i = 0; i < 4; i++)
    spans.push(testSpan({ service: 'driver', name: 'FindNearest', endMs, durationMs: 20 }));
  for (let i = 0; i < 3; i++)
    spans.push(
      testSpan({ service: 'driver', name: 'GetDriver', endMs, durationMs: 2, kind: SpanKind.Client }),
    );
  return spans;
}

let app: MetricsTestServer;
let prometheus: ChildProcess | undefined;
let promUrl = '';
let dir = '';
let trafficEndMs = 0;
let embedded: MetricsReader;
let viaPrometheus: MetricsReader;

beforeAll(() => ensurePrometheus(), 660_000);

beforeAll(async () => {
  app = await startMetricsTestServer();
  embedded = createEmbeddedReader(app.aggregator);
  // One batch ending long before every queried window creates all series, so Prometheus's first
  // sample already holds them and it sees the live traffic as increase, like the embedded side.
  await app.pipeline.accept(batch(Date.now() - 600_000));

  dir = mkdtempSync(join(tmpdir(), 'tracelens-prometheus-'));
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global: {scrape_interval: 1s, evaluation_interval: 1s}',
      'scrape_configs:',
      '  - job_name: tracelens',
      `    static_configs: [{targets: ['${new URL(app.url).host}']}]`,
      '',
    ].join('\n'),
  );
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  prometheus.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  prometheus.once('exit', (code) => {
    if (code) console.error(`prometheus exited with ${code}: ${stderr}`);
  });
  viaPrometheus = createPrometheusReader({ url: promUrl });

  await waitFor('Prometheus to scrape /metrics', 20_000, async () => {
    const res = await fetch(
      `${promUrl}/api/v1/query?query=${encodeURIComponent('traces_span_metrics_calls_total')}`,
    );
    const body = (await res.json()) as { data?: { result?: unknown[] } };
    return body.data?.result?.length ? true : undefined;
  });

  const started = Date.now();
  while (Date.now() - started < TRAFFIC_MS) {
    await app.pipeline.accept(batch(Date.now()));
    await sleep(BATCH_EVERY_MS);
  }
  trafficEndMs = Date.now();
  // A few scrapes after the last batch, then query points that all lie after the traffic.
  await sleep(5_000);
}, 60_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus!.once('exit', r));
    prometheus.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
    if (prometheus.exitCode === null) prometheus.kill('SIGKILL');
  }
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Windows of 1 minute around points 2–5 s after the traffic: the whole traffic in each. */
const query = (over: Partial<MetricsQuery> = {}): MetricsQuery => ({
  services: ['frontend', 'driver'],
  groupByOperation: false,
  spanKinds: ['SPAN_KIND_SERVER'],
  endMs: trafficEndMs + 5_000,
  lookbackMs: 3_000,
  stepMs: 1_500,
  ratePerMs: 60_000,
  ...over,
});

const key = (f: MetricFamily) =>
  f.metrics
    .map((m) =>
      m.labels
        .map((l) => `${l.name}=${l.value}`)
        .sort()
        .join(','),
    )
    .sort();

/** Same series, same timestamps, values within `tolerance` (relative). */
function expectAlike(a: MetricFamily, b: MetricFamily, tolerance: number) {
  expect(b.name).toBe(a.name);
  expect(b.help).toBe(a.help);
  expect(key(b)).toEqual(key(a));
  for (const ma of a.metrics) {
    const id = ma.labels
      .map((l) => `${l.name}=${l.value}`)
      .sort()
      .join(',');
    const mb = b.metrics.find(
      (m) =>
        m.labels
          .map((l) => `${l.name}=${l.value}`)
          .sort()
          .join(',') === id,
    )!;
    expect(
      mb.metricPoints.map((p) => p.timestampMs),
      id,
    ).toEqual(ma.metricPoints.map((p) => p.timestampMs));
    ma.metricPoints.forEach((p, i) => {
      const other = mb.metricPoints[i].value;
      if (p.value === 0) expect(other, id).toBe(0);
      else
        expect(Math.abs(other - p.value) / p.value, `${id}: ${p.value} vs ${other}`).toBeLessThan(tolerance);
    });
  }
}

describe('embedded and Prometheus backends agree on the same traffic', () => {
  it('call rates per service and per operation', async () => {
    for (const groupByOperation of [false, true]) {
      const q = query({ groupByOperation });
      const [e, p] = await Promise.all([embedded.getCallRates(q), viaPrometheus.getCallRates(q)]);
      expect(e.metrics.length).toBe(groupByOperation ? 3 : 2);
      expect(e.metrics[0].metricPoints).toHaveLength(3);
      // Prometheus extrapolates rate() to the window’s edges: 5–9 % more here.
      expectAlike(e, p, 0.2);
    }
  });

  it('latency quantiles', async () => {
    for (const quantile of [0.5, 0.95]) {
      const q = { ...query({ groupByOperation: true }), quantile };
      const [e, p] = await Promise.all([embedded.getLatencies(q), viaPrometheus.getLatencies(q)]);
      expect(e.metrics.length).toBe(3);
      expectAlike(e, p, 0.02);
    }
  });

  it('error rates, with the zero fallback for a service without errors', async () => {
    const q = query({ services: ['frontend'], groupByOperation: true });
    const [e, p] = await Promise.all([embedded.getErrorRates(q), viaPrometheus.getErrorRates(q)]);
    expect(e.metrics).toHaveLength(1);
    expect(e.metrics[0].metricPoints[0].value).toBeCloseTo(0.2 / 1.5 / (1 / 1.5), 6);
    expectAlike(e, p, 0.02);
    const none = query({ services: ['driver'] });
    const [ez, pz] = await Promise.all([embedded.getErrorRates(none), viaPrometheus.getErrorRates(none)]);
    expect(ez.metrics[0].metricPoints.map((x) => x.value)).toEqual([0, 0, 0]);
    expectAlike(ez, pz, 0);
  });

  it('client spans only with spanKind=client', async () => {
    const q = query({ services: ['driver'], spanKinds: ['SPAN_KIND_CLIENT'], groupByOperation: true });
    const [e, p] = await Promise.all([embedded.getCallRates(q), viaPrometheus.getCallRates(q)]);
    expect(key(e)).toEqual(['operation=GetDriver,service_name=driver']);
    expectAlike(e, p, 0.2);
  });
});
