/**
 * The all-in-one under OTLP/HTTP protobuf ingest, then searched over HTTP with 1M spans stored,
 * once per trace store (memory, then SQLite).
 * Run: npm run bench -- ingest   (or npx tsx bench/server/ingest.bench.ts [spans] [memory,sqlite])
 * The server runs in its own process (as in production); this process only sends pre-encoded
 * batches over keep-alive connections, so the figure is the server's, on a 2-core machine.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { otlpProtobufBatches } from './otlpBatches';
import { postAll, startServer, stopServer, timeQuery, type BenchServer } from './benchServer';

const TOTAL_SPANS = Number(process.argv[2] ?? 1_000_000);
const STORES = (process.argv[3] ?? 'memory,sqlite').split(',');
const SPANS_PER_TRACE = 10;
const TRACES_PER_BATCH = 100;
const CONCURRENCY = 4;
const SEARCH_RUNS = 200;
/** Issue 3's budget for the memory store; the SQLite store is measured against the same figures. */
const TARGETS = { ingestSpansPerSecond: 100_000, tagSearchP99Ms: 50 };
const TAG_SEARCH = 'service + tag, limit 20';

interface StoreResult {
  store: string;
  spansPerSecond: number;
  spansPerCpuSecond: number;
  failures: number;
  tagP99: number;
  ok: boolean;
}

const batches = TOTAL_SPANS / (SPANS_PER_TRACE * TRACES_PER_BATCH);
console.log(`Encoding ${batches} OTLP protobuf batches of ${TRACES_PER_BATCH * SPANS_PER_TRACE} spans…`);
const now = BigInt(Date.now()) * 1_000_000n;
const encoded = [
  ...otlpProtobufBatches({
    batches,
    tracesPerBatch: TRACES_PER_BATCH,
    spansPerTrace: SPANS_PER_TRACE,
    endNs: now,
    spreadNs: 3_600_000_000_000n,
  }),
];
const bytes = encoded.reduce((n, b) => n + b.length, 0);
console.log(
  `Machine load before the runs (1/5/15 min): ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

const endUs = Date.now() * 1000 + 60_000_000;
const startUs = endUs - 2 * 3_600_000_000;
const window = `start=${startUs}&end=${endUs}`;
const searches = {
  'service only, limit 20': `/api/traces?service=service-3&limit=20&${window}`,
  [TAG_SEARCH]: `/api/traces?service=service-3&tag=customer_id:customer-{i}&limit=20&${window}`,
  'service + tag matching nothing': `/api/traces?service=service-3&tag=customer_id:nobody&limit=20&${window}`,
  'service + minDuration 400ms': `/api/traces?service=service-0&minDuration=400ms&limit=20&${window}`,
  'error=true, limit 20': `/api/traces?service=service-5&tag=error:true&limit=20&${window}`,
  'v3 trace-summaries, service + tag': `/api/v3/trace-summaries?query.serviceName=service-3&query.attributes=${encodeURIComponent('{"customer_id":"customer-7"}')}&query.startTimeMin=${new Date(startUs / 1000).toISOString()}&query.startTimeMax=${new Date(endUs / 1000).toISOString()}&query.searchDepth=20`,
};

async function searchAll(server: BenchServer, label: string): Promise<number> {
  console.log(`\n${label} (${SEARCH_RUNS} runs each, whole traces returned)`);
  console.log(
    `  ${'query'.padEnd(36)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'traces'.padStart(7)} ${'server CPU ms'.padStart(14)}`,
  );
  let tagP99 = 0;
  for (const [name, path] of Object.entries(searches)) {
    const r = await timeQuery(server, path, SEARCH_RUNS);
    if (name === TAG_SEARCH) tagP99 = r.p99;
    console.log(
      `  ${name.padEnd(36)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.hits.toFixed(1).padStart(7)} ${r.cpuMs.toFixed(2).padStart(14)}`,
    );
  }
  console.log(`  (target: tag search p99 ≤ ${TARGETS.tagSearchP99Ms} ms)`);
  return tagP99;
}

function fileMb(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(path + suffix).size;
    } catch {
      // no WAL file right now
    }
  }
  return total / 1e6;
}

async function benchStore(store: string): Promise<StoreResult> {
  console.log(`\n━━ ${store} store`);
  const dir = store === 'sqlite' ? mkdtempSync(join(tmpdir(), 'tracelens-bench-')) : '';
  const dbPath = join(dir, 'traces.db');
  const storeArgs = store === 'sqlite' ? ['--storage', 'sqlite', '--sqlite-path', dbPath] : [];
  const maxTraces = String(Math.ceil(TOTAL_SPANS / SPANS_PER_TRACE));
  const args = [...storeArgs, '--max-traces', maxTraces];
  try {
    let server = await startServer(args);
    const rssBefore = server.rssMb();
    const cpuBefore = server.cpuSeconds();
    const started = performance.now();
    const failures = await postAll(server, encoded, CONCURRENCY);
    const seconds = (performance.now() - started) / 1000;
    const spansPerSecond = TOTAL_SPANS / seconds;
    const rssAfter = server.rssMb();
    const spansPerCpuSecond = TOTAL_SPANS / (server.cpuSeconds() - cpuBefore);
    console.log(
      `OTLP/HTTP protobuf ingest of ${TOTAL_SPANS.toLocaleString()} spans (${(bytes / 1e6).toFixed(0)} MB, ${CONCURRENCY} concurrent connections)`,
    );
    console.log(
      `  ${Math.round(spansPerSecond).toLocaleString()} spans/s in ${seconds.toFixed(1)} s, ${failures} failed requests (target ≥ ${TARGETS.ingestSpansPerSecond.toLocaleString()} spans/s)`,
    );
    console.log(
      `  ${Math.round(spansPerCpuSecond).toLocaleString()} spans per second of server CPU (what an idle core would sustain)`,
    );
    console.log(
      `  server RSS ${rssBefore.toFixed(0)} MB → ${rssAfter.toFixed(0)} MB: ${(((rssAfter - rssBefore) * 1024 * 1024) / TOTAL_SPANS).toFixed(0)} bytes per stored span`,
    );
    if (store === 'sqlite') {
      const mb = fileMb(dbPath);
      console.log(
        `  database ${mb.toFixed(0)} MB on disk: ${((mb * 1e6) / TOTAL_SPANS).toFixed(0)} bytes per span`,
      );
    }
    let tagP99 = await searchAll(
      server,
      `Search over HTTP with ${TOTAL_SPANS.toLocaleString()} spans stored`,
    );

    if (store === 'sqlite') {
      const stopStarted = performance.now();
      await stopServer(server);
      const stopMs = performance.now() - stopStarted;
      const restartStarted = performance.now();
      server = await startServer(args);
      console.log(
        `\nRestart on the same file: shutdown ${stopMs.toFixed(0)} ms, ready again after ${(performance.now() - restartStarted).toFixed(0)} ms`,
      );
      tagP99 = Math.max(
        tagP99,
        await searchAll(server, 'Search after the restart (cold page cache of SQLite)'),
      );
    }
    await stopServer(server);
    const ok =
      failures === 0 &&
      (store !== 'memory' ||
        (spansPerSecond >= TARGETS.ingestSpansPerSecond && tagP99 <= TARGETS.tagSearchP99Ms));
    return { store, spansPerSecond, spansPerCpuSecond, failures, tagP99, ok };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const results: StoreResult[] = [];
for (const store of STORES) results.push(await benchStore(store));

console.log(`\nSummary (${TOTAL_SPANS.toLocaleString()} spans; load now ${loadavg()[0].toFixed(2)})`);
for (const r of results) {
  console.log(
    `  ${r.store.padEnd(7)} ${Math.round(r.spansPerSecond).toLocaleString().padStart(9)} spans/s (${Math.round(r.spansPerCpuSecond).toLocaleString()} per CPU second)   tag search p99 ${r.tagP99.toFixed(1).padStart(6)} ms   ${r.failures} failed requests`,
  );
}
const ok = results.every((r) => r.ok);
// The memory store has issue 3's budget; the SQLite store must ingest without errors.
console.log(ok ? '\nWithin budget.' : '\nOUT OF BUDGET.');
process.exit(ok ? 0 : 1);
