/**
 * The all-in-one under OTLP/HTTP protobuf ingest, then searched over HTTP with 1M spans stored.
 * Run: npm run bench -- ingest   (or npx tsx bench/server/ingest.bench.ts [spans])
 * The server runs in its own process (as in production); this process only sends pre-encoded
 * batches over keep-alive connections, so the figure is the server's, on a 2-core machine.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { otlpProtobufBatches } from './otlpBatches';

const TOTAL_SPANS = Number(process.argv[2] ?? 1_000_000);
const SPANS_PER_TRACE = 10;
const TRACES_PER_BATCH = 100;
const CONCURRENCY = 4;
const SEARCH_RUNS = 200;
const TARGETS = { ingestSpansPerSecond: 100_000, tagSearchP99Ms: 50 };

const cli = fileURLToPath(new URL('../../bin/tracelens.mjs', import.meta.url));
const server = spawn(
  process.execPath,
  [
    cli,
    '--query-port',
    '0',
    '--otlp-http-port',
    '0',
    '--otlp-grpc-port',
    '0',
    '--zipkin-port',
    '0',
    '--no-demo',
    '--max-traces',
    String(Math.ceil(TOTAL_SPANS / SPANS_PER_TRACE)),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let log = '';
const urls = await new Promise<{ query: string; otlp: string }>((resolve, reject) => {
  server.stdout!.on('data', (d: Buffer) => {
    log += d.toString();
    const query = /UI and query API\s+(\S+?)\/?\s/.exec(log)?.[1];
    const otlp = /OTLP\/HTTP\s+(\S+)\/v1\/traces/.exec(log)?.[1];
    if (query && otlp) resolve({ query, otlp });
  });
  server.once('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
});
const rssMb = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(url: URL, body: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/x-protobuf', 'Content-Length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
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
const rssBefore = rssMb();

const ingestUrl = new URL(`${urls.otlp}/v1/traces`);
const started = performance.now();
let next = 0;
let failures = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < encoded.length) {
      const status = await post(ingestUrl, encoded[next++]);
      if (status !== 200) failures++;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const spansPerSecond = TOTAL_SPANS / seconds;
const rssAfter = rssMb();

async function timeQuery(path: string): Promise<{ p50: number; p99: number; hits: number }> {
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < SEARCH_RUNS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${urls.query}${path.replace('{i}', String(i % 1000))}`);
    const body = (await res.json()) as { data: unknown[] };
    times.push(performance.now() - t0);
    hits += body.data.length;
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length * 0.5)],
    p99: times[Math.floor(times.length * 0.99)],
    hits: hits / SEARCH_RUNS,
  };
}

const endUs = Date.now() * 1000 + 60_000_000;
const startUs = endUs - 2 * 3_600_000_000;
const window = `start=${startUs}&end=${endUs}`;
const searches = {
  'service only, limit 20': `/api/traces?service=service-3&limit=20&${window}`,
  'service + tag, limit 20': `/api/traces?service=service-3&tag=customer_id:customer-{i}&limit=20&${window}`,
  'service + tag matching nothing': `/api/traces?service=service-3&tag=customer_id:nobody&limit=20&${window}`,
  'service + minDuration 400ms': `/api/traces?service=service-0&minDuration=400ms&limit=20&${window}`,
  'error=true, limit 20': `/api/traces?service=service-5&tag=error:true&limit=20&${window}`,
  'v3 trace-summaries, service + tag': `/api/v3/trace-summaries?query.serviceName=service-3&query.attributes=${encodeURIComponent('{"customer_id":"customer-7"}')}&query.startTimeMin=${new Date(startUs / 1000).toISOString()}&query.startTimeMax=${new Date(endUs / 1000).toISOString()}&query.searchDepth=20`,
};

console.log(
  `\nOTLP/HTTP protobuf ingest of ${TOTAL_SPANS.toLocaleString()} spans (${(bytes / 1e6).toFixed(0)} MB, ${CONCURRENCY} concurrent connections)`,
);
console.log(
  `  ${Math.round(spansPerSecond).toLocaleString()} spans/s in ${seconds.toFixed(1)} s, ${failures} failed requests (target ≥ ${TARGETS.ingestSpansPerSecond.toLocaleString()} spans/s)`,
);
console.log(
  `  server RSS ${rssBefore.toFixed(0)} MB → ${rssAfter.toFixed(0)} MB: ${(((rssAfter - rssBefore) * 1024 * 1024) / TOTAL_SPANS).toFixed(0)} bytes per stored span`,
);
console.log(
  `\nSearch over HTTP with ${TOTAL_SPANS.toLocaleString()} spans stored (${SEARCH_RUNS} runs each, whole traces returned)`,
);
console.log(
  `  ${'query'.padEnd(36)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'traces'.padStart(7)}`,
);
let tagP99 = 0;
for (const [name, path] of Object.entries(searches)) {
  const r = await timeQuery(path);
  if (name === 'service + tag, limit 20') tagP99 = r.p99;
  console.log(
    `  ${name.padEnd(36)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.hits.toFixed(1).padStart(7)}`,
  );
}
console.log(`  (target: tag search p99 ≤ ${TARGETS.tagSearchP99Ms} ms)`);

server.kill('SIGTERM');
agent.destroy();
const ok =
  failures === 0 && spansPerSecond >= TARGETS.ingestSpansPerSecond && tagP99 <= TARGETS.tagSearchP99Ms;
console.log(ok ? '\nWithin budget.' : '\nOUT OF BUDGET.');
process.exit(ok ? 0 : 1);
