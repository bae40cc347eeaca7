/**
 * A trace store at all-in-one scale: 100k traces × 10 spans, then typical UI searches.
 * Run: npx tsx --expose-gc bench/server/search.bench.ts [traces] [evicting traces] [memory|sqlite]
 * Prints write throughput, p50/p99 per search kind, and retained heap per span (memory) or the
 * database size (sqlite, in a temporary file).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Attribute } from '../../src/core/model/attributes';
import { SpanKind, StatusCode, type Resource, type Scope, type Span } from '../../src/core/model/trace';
import { createMemoryStore } from '../../src/server/storage/memoryStore';
import { openSqliteStore, type SqliteTraceStore } from '../../src/server/storage/sqlite/sqliteStore';
import type { TraceQuery, TraceStore } from '../../src/server/storage/traceStore';

const TRACES = Number(process.argv[2] ?? 100_000);
/** Written after the ring is full, to time writes that evict. */
const EVICTING_TRACES = Number(process.argv[3] ?? Math.floor(TRACES / 5));
const STORE = process.argv[4] ?? 'memory';
const SPANS_PER_TRACE = 10;
const SERVICES = 20;
const OPERATIONS_PER_SERVICE = 5;
const CUSTOMERS = 1000;
const BATCH_TRACES = 50;
const SEARCH_RUNS = 300;
const NOW = BigInt(Date.now()) * 1_000_000n;
const HOUR = 3_600_000_000_000n;

const gc = (globalThis as { gc?: () => void }).gc;

/** Deterministic, so runs are comparable. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(42);
const randomInt = (n: number) => Math.floor(random() * n);

const services = Array.from({ length: SERVICES }, (_, i) => `service-${i}`);
const resources: Resource[] = services.map((name, i) => ({
  serviceName: name,
  attributes: [
    { key: 'service.name', type: 'string', value: name },
    { key: 'host.name', type: 'string', value: `host-${i % 7}` },
    { key: 'telemetry.sdk.language', type: 'string', value: 'nodejs' },
  ],
}));
const scope: Scope = { name: '@opentelemetry/instrumentation-http', version: '0.57.0', attributes: [] };
const operationsOf = (service: number) =>
  Array.from({ length: OPERATIONS_PER_SERVICE }, (_, i) => `op-${service * OPERATIONS_PER_SERVICE + i}`);
const operations = services.map((_, i) => operationsOf(i));
const methods = ['GET', 'POST', 'PUT', 'DELETE'];

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function spanAttributes(service: number): Attribute[] {
  const roll = random();
  const attributes: Attribute[] = [
    { key: 'http.status_code', type: 'int64', value: roll < 0.9 ? 200n : roll < 0.97 ? 404n : 500n },
    { key: 'customer_id', type: 'string', value: `c-${randomInt(CUSTOMERS)}` },
    { key: 'http.method', type: 'string', value: methods[randomInt(methods.length)] },
  ];
  const extra = randomInt(6); // 3–8 attributes in all
  if (extra > 0)
    attributes.push({ key: 'http.route', type: 'string', value: `/api/v1/items/${randomInt(50)}` });
  if (extra > 1) attributes.push({ key: 'cache.hit', type: 'bool', value: random() < 0.5 });
  if (extra > 2)
    attributes.push({ key: 'payload.ratio', type: 'float64', value: Math.round(random() * 1000) / 10 });
  if (extra > 3) attributes.push({ key: 'request_id', type: 'string', value: hex(randomInt(2 ** 31), 8) });
  // Only service-0 talks to postgres: the "exists but never on this service" search below.
  if (extra > 4 && service === 0) attributes.push({ key: 'db.system', type: 'string', value: 'postgres' });
  return attributes;
}

function makeTrace(n: number): Span[] {
  const traceId = hex(n + 1, 32);
  // Every trace, the evicting ones included, starts within the last hour.
  const start = NOW - HOUR + (BigInt(n) * HOUR) / BigInt(TRACES + EVICTING_TRACES);
  const spans: Span[] = [];
  for (let i = 0; i < SPANS_PER_TRACE; i++) {
    const service = i === 0 ? n % SERVICES : randomInt(SERVICES);
    // Mostly 1–50 ms; one span in 200 is slow (1–2 s).
    const durationMs = random() < 0.005 ? 1000 + randomInt(1000) : 1 + randomInt(50);
    const spanStart = start + BigInt(i) * 100_000n;
    spans.push({
      traceId,
      spanId: hex(n * SPANS_PER_TRACE + i + 1, 16),
      parentSpanId: i === 0 ? '' : hex(n * SPANS_PER_TRACE + randomInt(i) + 1, 16),
      traceState: '',
      flags: 1,
      name: operations[service][randomInt(OPERATIONS_PER_SERVICE)],
      kind: i === 0 ? SpanKind.Server : SpanKind.Client,
      startTimeUnixNano: spanStart,
      endTimeUnixNano: spanStart + BigInt(durationMs) * 1_000_000n,
      attributes: spanAttributes(service),
      events: [],
      links: [],
      status: { code: random() < 0.01 ? StatusCode.Error : StatusCode.Unset, message: '' },
      resource: resources[service],
      scope,
      warnings: [],
    });
  }
  return spans;
}

interface WriteRate {
  wall: number;
  cpu: number;
}

/**
 * Spans are built before the clock starts, so the figure is the store's own cost (indexing and
 * the garbage it makes), not the generator's. CPU time is reported too: on a shared 2-core box
 * wall time swings with whatever else runs.
 */
async function load(store: TraceStore, firstTrace: number, traces: number): Promise<WriteRate> {
  const batches: Span[][] = [];
  for (let n = firstTrace; n < firstTrace + traces; n += BATCH_TRACES) {
    const batch: Span[] = [];
    for (let t = n; t < Math.min(n + BATCH_TRACES, firstTrace + traces); t++) batch.push(...makeTrace(t));
    batches.push(batch);
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const batch of batches) await store.writeSpans(batch);
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const spans = traces * SPANS_PER_TRACE;
  return { wall: spans / wallSeconds, cpu: spans / ((cpu.user + cpu.system) / 1e6) };
}

function formatRate(rate: WriteRate): string {
  const n = (x: number) => Math.round(x).toLocaleString('en');
  return `${n(rate.wall)} spans/s wall, ${n(rate.cpu)} spans/s of CPU time`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Wall-clock p50/p99, and the p99 of CPU time, which preemption by other processes does not inflate. */
async function measure(label: string, store: TraceStore, makeQuery: () => TraceQuery): Promise<void> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let results = 0;
  for (let i = 0; i < SEARCH_RUNS; i++) {
    const q = makeQuery();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    results += (await store.findTraces(q)).length;
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const ms = (x: number) => x.toFixed(3).padStart(8);
  console.log(
    `${label.padEnd(44)} p50 ${ms(percentile(wall, 50))} ms  p99 ${ms(percentile(wall, 99))} ms` +
      `  (cpu p99 ${ms(percentile(cpu, 99))} ms)  avg hits ${(results / SEARCH_RUNS).toFixed(1)}`,
  );
}

/** Like the UI's default search: a 2-hour lookback ending now, limit 20. */
function search(q: Partial<TraceQuery>): TraceQuery {
  return {
    serviceName: '',
    operationName: '',
    attributes: new Map(),
    startTimeMin: NOW - 2n * HOUR,
    startTimeMax: NOW,
    searchDepth: 20,
    ...q,
  };
}
const anyService = () => services[randomInt(SERVICES)];
const anyCustomer = () => `c-${randomInt(CUSTOMERS)}`;

/** Heap of the span objects alone, from a sample held in an array, to separate the store's share. */
function modelBytesPerSpan(): number | undefined {
  if (!gc) return undefined;
  const sampleTraces = Math.min(TRACES, 10_000);
  gc();
  const before = process.memoryUsage().heapUsed;
  const sample: Span[][] = [];
  for (let n = 0; n < sampleTraces; n++) sample.push(makeTrace(n));
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / (sampleTraces * SPANS_PER_TRACE);
  sample.length = 0;
  return bytes;
}

async function main(): Promise<void> {
  const modelBytes = STORE === 'memory' ? modelBytesPerSpan() : undefined;
  const dir = STORE === 'sqlite' ? mkdtempSync(join(tmpdir(), 'tracelens-search-bench-')) : '';
  let sqlite: SqliteTraceStore | undefined;
  if (dir) sqlite = openSqliteStore({ path: join(dir, 'traces.db'), maxTraces: TRACES });
  const store: TraceStore = sqlite ?? createMemoryStore({ maxTraces: TRACES });
  console.log(`${STORE} store`);
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const fillRate = await load(store, 0, TRACES);
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const { spans } = store.stats();
  console.log(`loaded ${spans} spans in ${TRACES} traces`);
  console.log(`write, filling the ring:      ${formatRate(fillRate)}`);
  const evictRate = await load(store, TRACES, EVICTING_TRACES);
  console.log(`write, evicting (full ring):  ${formatRate(evictRate)}`);
  if (sqlite) {
    sqlite.enforceRetention();
    const bytes = sqlite.usedBytes();
    console.log(`database: ${(bytes / 2 ** 20).toFixed(0)} MB = ${(bytes / spans).toFixed(0)} bytes/span`);
  } else if (modelBytes === undefined) {
    console.log('heap: run with --expose-gc to measure');
  } else {
    const total = (heapAfter - heapBefore) / spans;
    console.log(
      `heap retained: ${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MB = ${total.toFixed(0)} bytes/span`,
    );
    console.log(
      `  span objects ${modelBytes.toFixed(0)} bytes/span, store overhead ${(total - modelBytes).toFixed(0)} bytes/span`,
    );
  }

  // Searches are timed on a settled heap; the write phase leaves a major GC behind otherwise.
  gc?.();
  await measure('service only', store, () => search({ serviceName: anyService() }));
  await measure('service + operation', store, () => {
    const s = randomInt(SERVICES);
    return search({
      serviceName: services[s],
      operationName: operations[s][randomInt(OPERATIONS_PER_SERVICE)],
    });
  });
  await measure('service + customer_id', store, () =>
    search({ serviceName: anyService(), attributes: new Map([['customer_id', anyCustomer()]]) }),
  );
  await measure('service + http.status_code=500 + error=true', store, () =>
    search({
      serviceName: anyService(),
      attributes: new Map([
        ['http.status_code', '500'],
        ['error', 'true'],
      ]),
    }),
  );
  await measure('tag value never seen', store, () =>
    search({ serviceName: anyService(), attributes: new Map([['customer_id', 'c-none']]) }),
  );
  await measure('tag seen, never on this service (full miss)', store, () =>
    search({
      serviceName: services[1 + randomInt(SERVICES - 1)],
      attributes: new Map([['db.system', 'postgres']]),
    }),
  );
  await measure('service + span.kind=consumer (kind unused)', store, () =>
    search({ serviceName: anyService(), attributes: new Map([['span.kind', 'consumer']]) }),
  );
  await measure('span.status=OK (status unused)', store, () =>
    search({ attributes: new Map([['span.status', 'OK']]) }),
  );
  await measure('service + minDuration 1s', store, () =>
    search({ serviceName: anyService(), durationMin: 1_000_000_000n }),
  );
  await measure('minDuration 1.9s, any service', store, () => search({ durationMin: 1_900_000_000n }));
  await measure('service + customer_id, limit 1500', store, () =>
    search({
      serviceName: anyService(),
      attributes: new Map([['customer_id', anyCustomer()]]),
      searchDepth: 1500,
    }),
  );
  const t0 = performance.now();
  const links = await store.getDependencies(NOW - 2n * HOUR, NOW + HOUR);
  console.log(
    `getDependencies over all traces: ${(performance.now() - t0).toFixed(0)} ms, ${links.length} links`,
  );
  await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

await main();
