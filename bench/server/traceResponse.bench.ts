/**
 * Get-trace responses of the all-in-one for one huge trace: time to the first byte and to the
 * last, at 10k, 100k and 1M spans (src/core/testing/syntheticTrace.ts, posted over OTLP/HTTP by
 * bench/browser/generateTrace.ts), for `GET /api/traces/{id}` (Jaeger JSON) and
 * `GET /api/v3/traces/{id}` (OTLP JSON). While the largest trace goes out, `/api/services` is
 * asked every 50 ms: its worst latency shows whether the stream leaves the server responsive.
 *
 *   npm run bench -- traceResponse
 *   BENCH_SPANS=100000 npm run bench -- traceResponse     span counts, comma-separated
 *
 * Wall times depend on the machine's load (printed with each figure); the server's CPU time per
 * response does much less.
 */
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startServer, stopServer, type BenchServer } from './benchServer';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SIZES = (process.env.BENCH_SPANS ?? '10000,100000,1000000').split(',').map(Number);
const RUNS = (spans: number) => (spans >= 1_000_000 ? 2 : 3);
const PROBE_INTERVAL_MS = 50;

interface Timing {
  status: number;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
}

/** One GET, read to the end without keeping the body: the first byte and the last, in ms. */
function timeGet(url: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstByteMs = Number.NaN;
    let bytes = 0;
    // A fresh connection each time: a kept-alive one can be closed by the server as it is reused.
    const req = request(url, { agent: false }, (res) => {
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - t0;
        bytes += chunk.length;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, firstByteMs, totalMs: performance.now() - t0, bytes }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Asks `/api/services` every 50 ms until stopped; returns the worst latency seen. */
function probeResponsiveness(server: BenchServer): () => Promise<{ worstMs: number; probes: number }> {
  let stopped = false;
  let worstMs = 0;
  let probes = 0;
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      await timeGet(`${server.query}/api/services`);
      worstMs = Math.max(worstMs, performance.now() - t0);
      probes++;
      await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { worstMs, probes };
  };
}

function ingest(server: BenchServer, spans: number): string {
  const result = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=12000',
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      'bench/browser/generateTrace.ts',
      String(spans),
      '--post',
      server.otlp,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (result.status !== 0) throw new Error(`generateTrace failed:\n${result.stderr}`);
  return result.stdout.trim().split('\n').pop() ?? '';
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main() {
  // Room for a million spans stored plus the one being answered (Node's default heap limit is
  // about 4 GB here, and the stored spans alone take ~2.5 GB).
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim();
  const server = await startServer(['--max-traces', '1000']);
  const rows: Record<string, string | number>[] = [];
  try {
    for (const spans of SIZES) {
      const t0 = performance.now();
      const traceId = ingest(server, spans);
      console.log(
        `ingested ${spans.toLocaleString('en-US')} spans in ${((performance.now() - t0) / 1000).toFixed(1)} s; server RSS ${server.rssMb().toFixed(0)} MB`,
      );
      for (const [api, path] of [
        ['v1', `/api/traces/${traceId}`],
        ['v3', `/api/v3/traces/${traceId}`],
      ] as const) {
        const times: Timing[] = [];
        let cpuMs = 0;
        let worst = { worstMs: Number.NaN, probes: 0 };
        for (let run = 0; run < RUNS(spans); run++) {
          const cpu0 = server.cpuSeconds();
          const stopProbe = spans >= 100_000 && run === 0 ? probeResponsiveness(server) : null;
          times.push(await timeGet(`${server.query}${path}`));
          if (stopProbe) worst = await stopProbe();
          cpuMs = Math.min(cpuMs || Infinity, (server.cpuSeconds() - cpu0) * 1000);
        }
        const best = times.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
        rows.push({
          spans: spans.toLocaleString('en-US'),
          api,
          status: best.status,
          MB: Math.round(best.bytes / 1e6),
          'first byte ms': Math.round(Math.min(...times.map((t) => t.firstByteMs))),
          'total ms': Math.round(best.totalMs),
          'server CPU ms': Math.round(cpuMs),
          'worst /api/services ms': Number.isFinite(worst.worstMs) ? Math.round(worst.worstMs) : '',
          'RSS MB': Math.round(server.rssMb()),
          load: load(),
        });
        console.log(rows[rows.length - 1]);
      }
    }
  } finally {
    await stopServer(server);
  }
  console.log('\nGet-trace responses (best of runs; load = 1/5/15-minute load average)');
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
