/**
 * Records the no-backend demo's data (`npm run mocks:record`): runs the demo scenario with a fixed
 * seed through the OpenTelemetry SDK into an in-process all-in-one on free ports, reads it back
 * through the query API, and writes
 *   mocks/recorded/traces.json   a selection of whole traces (Jaeger JSON, as /api/traces/{id})
 *   mocks/recorded/traffic.json  every request in compact form, for metrics and topology
 * IDs are renumbered from the seed and times moved to a fixed instant, so the output is the same
 * on every run; the mock backend moves the times to the present when the page loads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startAllInOne } from '../src/server/allInOne';
import { defaultConfig } from '../src/server/config';
import { createArrivalSchedule } from '../src/demo/arrivals';
import { createDemoEmitter } from '../src/demo/emitter';
import { createOtlpExporter, tracesUrl } from '../src/demo/exporter';
import { createRandom } from '../src/demo/random';
import { createDispatchSimulation } from '../src/demo/scenario/simulation';
import { traceFromJaeger } from '../src/core/jaeger/fromJaegerJson';
import type { JaegerSpan, JaegerTrace } from '../src/core/jaeger/jaegerJson';
import { StatusCode } from '../src/core/model/trace';
import { digestTraffic } from '../mocks/demo/trafficDigest';

const SEED = 1_776;
const WINDOW_MS = 20 * 60_000;
/** Dispatch requests per second: enough for smooth charts, few enough for a small download. */
const RATE_PER_SECOND = 0.3;
/** Whole traces kept for search and the trace page. */
const KEPT_TRACES = 48;
/** The instant the recording is moved to, so that files do not change between runs. */
const RECORDED_AT_MS = Date.UTC(2026, 0, 1);
const OUT_DIR = fileURLToPath(new URL('../mocks/recorded/', import.meta.url));

const quiet = { info: () => {}, error: (m: string) => console.error(m) };

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Emits the seeded requests of one window ending a minute ago; returns the window's end. */
async function emitDemoTraffic(otlpUrl: string): Promise<{ endMs: number; requests: number }> {
  // A minute-aligned end a minute in the past: every span ends before "now", as the aggregators want.
  const endMs = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const epochNs = BigInt(endMs - WINDOW_MS) * 1_000_000n;
  const emitter = createDemoEmitter({
    exporterFor: () => createOtlpExporter(tracesUrl(otlpUrl), 'protobuf'),
    scheduledDelayMillis: 50,
  });
  const simulation = createDispatchSimulation(SEED);
  const arrivals = createArrivalSchedule(SEED, RATE_PER_SECOND);
  // Requests still running at the window's end would be cut off: leave them out.
  const lastStartNs = (WINDOW_MS - 10_000) * 1e6;
  let requests = 0;
  while (arrivals.peek() < lastStartNs) {
    emitter.emit(simulation.planNext(arrivals.take()), epochNs);
    // The SDK's batch queues are bounded; flushing often keeps every span.
    if (++requests % 25 === 0) await emitter.forceFlush();
  }
  await emitter.shutdown();
  return { endMs, requests };
}

/** Spread over the window, plus the ones worth opening: errors and the slowest. */
function pickTraces(traces: readonly JaegerTrace[]): JaegerTrace[] {
  const model = traces.map((t) => ({ t, m: traceFromJaeger(t) }));
  const start = (m: (typeof model)[number]) => Math.min(...m.t.spans.map((s) => s.startTime));
  const duration = (m: (typeof model)[number]) =>
    Math.max(...m.t.spans.map((s) => s.startTime + s.duration)) - start(m);
  const kept = new Set<(typeof model)[number]>();
  const failing = model.filter((x) => x.m.spans.some((s) => s.status.code === StatusCode.Error));
  for (const x of failing.slice(-8)) kept.add(x);
  for (const x of [...model].sort((a, b) => duration(b) - duration(a)).slice(0, 6)) kept.add(x);
  // The newest few, so that a short lookback finds something, then an even spread.
  for (const x of model.slice(-10)) kept.add(x);
  const step = model.length / (KEPT_TRACES - kept.size);
  for (let i = 0; kept.size < KEPT_TRACES && i < model.length; i += step) kept.add(model[Math.floor(i)]);
  return [...kept].sort((a, b) => start(a) - start(b)).map((x) => x.t);
}

/** Seed-derived replacements for the SDK's random trace, span and instance IDs. */
function renumberIds(text: string): string {
  const random = createRandom(SEED);
  const seen = new Map<string, string>();
  const replace = (pattern: RegExp, fresh: () => string) => (input: string) =>
    input.replace(pattern, (id) => {
      let next = seen.get(id);
      if (next === undefined) seen.set(id, (next = fresh()));
      return next;
    });
  const uuid = () => [8, 4, 4, 4, 12].map((n) => random.hex(n)).join('-');
  return [
    // Inside a JSON string only: a 16-digit number (a time in µs) is not an ID.
    replace(/(?<=")[0-9a-f]{32}(?=")/g, () => random.hex(32)),
    replace(/(?<=")[0-9a-f]{16}(?=")/g, () => random.hex(16)),
    replace(/(?<="(?:[a-z]+-)?)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=")/g, uuid),
  ].reduce((t, step) => step(t), text);
}

/**
 * Moves every time (µs) by `shiftUs`, and puts spans and processes in an order that does not
 * depend on how the SDK's batches happened to arrive.
 */
function normalizeTrace(trace: JaegerTrace, shiftUs: number): JaegerTrace {
  const service = (s: JaegerSpan) => trace.processes[s.processID ?? '']?.serviceName ?? '';
  const spans = [...trace.spans].sort(
    (a, b) =>
      a.startTime - b.startTime ||
      b.duration - a.duration ||
      a.operationName.localeCompare(b.operationName) ||
      service(a).localeCompare(service(b)),
  );
  const processIds = new Map<string, string>();
  for (const s of spans) {
    const id = s.processID ?? '';
    if (!processIds.has(id)) processIds.set(id, `p${processIds.size + 1}`);
  }
  return {
    ...trace,
    spans: spans.map((s) => ({
      ...s,
      processID: processIds.get(s.processID ?? ''),
      startTime: s.startTime + shiftUs,
      logs: s.logs?.map((l) => ({ ...l, timestamp: l.timestamp + shiftUs })),
    })),
    processes: Object.fromEntries([...processIds].map(([from, to]) => [to, trace.processes[from]])),
  };
}

async function main(): Promise<void> {
  const running = await startAllInOne(
    {
      ...defaultConfig,
      queryPort: 0,
      otlpHttpPort: 0,
      otlpGrpcPort: 0,
      zipkinPort: 0,
      samplingPort: 0,
      demo: false,
      uiDir: fileURLToPath(new URL('../.tmp/no-ui/', import.meta.url)),
    },
    quiet,
  );
  try {
    const { endMs, requests } = await emitDemoTraffic(running.urls.otlpHttp);
    const query = new URLSearchParams({
      service: 'frontend',
      start: String((endMs - WINDOW_MS) * 1000),
      end: String(endMs * 1000),
      limit: '100000',
    });
    const { data } = await getJson<{ data: JaegerTrace[] }>(`${running.urls.query}/api/traces?${query}`);
    if (data.length !== requests) {
      throw new Error(`sent ${requests} requests but the API returned ${data.length} traces`);
    }
    const shiftUs = (RECORDED_AT_MS - endMs) * 1000;
    const traceStart = (t: JaegerTrace) => Math.min(...t.spans.map((s) => s.startTime));
    const all = data.map((t) => normalizeTrace(t, shiftUs)).sort((a, b) => traceStart(a) - traceStart(b));
    const traffic = digestTraffic(
      all.map((t) => traceFromJaeger(t)),
      RECORDED_AT_MS,
      WINDOW_MS,
    );
    const kept = pickTraces(all);
    const tracesText = renumberIds(JSON.stringify({ recordedAtMs: RECORDED_AT_MS, traces: kept }));
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(`${OUT_DIR}traces.json`, `${tracesText}\n`);
    writeFileSync(`${OUT_DIR}traffic.json`, `${JSON.stringify(traffic)}\n`);
    const spans = all.reduce((n, t) => n + t.spans.length, 0);
    console.log(
      `Recorded ${requests} requests (${spans} spans) over ${WINDOW_MS / 60_000} min; kept ${kept.length} whole traces.`,
    );
    console.log(
      `  traces.json ${(tracesText.length / 1024).toFixed(0)} KiB, traffic.json ${(JSON.stringify(traffic).length / 1024).toFixed(0)} KiB`,
    );
  } finally {
    await running.close();
  }
}

await main();
