/**
 * Sustained load on a real all-in-one: OTLP/HTTP protobuf batches sent on a fixed schedule at a
 * target span rate while searchers query the API, for a given duration. The server runs in its
 * own process, so its resident memory is measured apart from this load generator's.
 *
 * Every request carries new trace IDs: the batches are encoded once, and each send writes a
 * fresh 32-bit round number into the first bytes of every trace ID (found once per template), so
 * the store fills up and then evicts, as under real traffic.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ExportTraceServiceResponse } from '../../src/server/ingest/otlpProto';
import { otlpProtobufBatches } from '../server/otlpBatches';

export interface LoadOptions {
  /** Spans per second to send. */
  rate: number;
  durationMs: number;
  /** The server's max_traces. */
  maxTraces: number;
  spansPerTrace: number;
  tracesPerBatch: number;
  /** Concurrent search loops, and the pause each takes between two queries. */
  searchers: number;
  searchPauseMs: number;
  /** Ingest requests allowed in flight at once; past that a send waits and the rate may drop. */
  maxInFlight: number;
  /** Node options for the server process, e.g. --cpu-prof or --max-old-space-size=2048. */
  serverNodeArgs?: readonly string[];
  /** Progress lines, about every 10 % of the run; none when absent. */
  log?: (line: string) => void;
}

export interface LoadReport {
  options: Omit<LoadOptions, 'log'>;
  seconds: number;
  sentSpans: number;
  acceptedSpans: number;
  acceptedPerSecond: number;
  rejectedSpans: number;
  ingestRequests: number;
  ingestErrors: number;
  /** Requests sent again because the server had just closed their keep-alive connection. */
  keepAliveRetries: number;
  ingestP99Ms: number;
  queries: number;
  queryErrors: number;
  queryP50Ms: number;
  queryP99Ms: number;
  /** VmHWM of the server process: the most memory it ever had resident, MB. */
  peakRssMb: number;
  /**
   * Resident memory once the store holds max_traces: the most in the first and in the second half
   * of that period, MB (null when the store never filled). Equal-ish halves mean memory is flat.
   */
  fullFirstHalfRssMb: number | null;
  fullSecondHalfRssMb: number | null;
  /** Traces and spans stored at the end, from /health. */
  storedTraces: number;
  storedSpans: number;
  errorSamples: string[];
}

const cli = fileURLToPath(new URL('../../bin/tracelens.mjs', import.meta.url));
/** The first 8 bytes of every trace ID otlpProtobufBatches writes for seed 7. */
const TRACE_ID_PREFIX = Buffer.from('00000000be7c0007', 'hex');

interface Server {
  child: ChildProcess;
  query: string;
  otlp: string;
}

async function startServer(maxTraces: number, nodeArgs: readonly string[]): Promise<Server> {
  const args = ['--query-port', '0', '--otlp-http-port', '0', '--otlp-grpc-port', '0', '--zipkin-port', '0'];
  args.push('--sampling-port', '0', '--no-demo', '--max-traces', String(maxTraces));
  const child = spawn(process.execPath, [...nodeArgs, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
      const query = /UI and query API\s+(\S+?)\/?\s/.exec(log)?.[1];
      const otlp = /OTLP\/HTTP\s+(\S+)\/v1\/traces/.exec(log)?.[1];
      if (query && otlp) resolve({ child, query, otlp });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${log}`)));
  });
}

function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

interface Template {
  bytes: Buffer;
  /** Where each trace ID starts. */
  traceIdOffsets: number[];
  spans: number;
}

function templates(options: LoadOptions): Template[] {
  // Enough distinct batches for a few seconds of traffic; the round number makes each send new.
  const count = Math.max(
    4,
    Math.min(64, Math.ceil(options.rate / (options.tracesPerBatch * options.spansPerTrace))),
  );
  const batches = otlpProtobufBatches({
    batches: count,
    tracesPerBatch: options.tracesPerBatch,
    spansPerTrace: options.spansPerTrace,
    endNs: BigInt(Date.now()) * 1_000_000n,
    spreadNs: 600_000_000_000n,
  });
  return [...batches].map((encoded) => {
    const bytes = Buffer.from(encoded);
    const traceIdOffsets: number[] = [];
    for (let at = bytes.indexOf(TRACE_ID_PREFIX); at >= 0; at = bytes.indexOf(TRACE_ID_PREFIX, at + 1))
      traceIdOffsets.push(at);
    return { bytes, traceIdOffsets, spans: options.tracesPerBatch * options.spansPerTrace };
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0;
/** The highest of the first (0) or second (1) half of the samples; null with fewer than two. */
function halfMax(samples: number[], half: 0 | 1): number | null {
  if (samples.length < 2) return null;
  const middle = Math.floor(samples.length / 2);
  return Math.max(...(half === 0 ? samples.slice(0, middle) : samples.slice(middle)));
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const server = await startServer(options.maxTraces, options.serverNodeArgs ?? []);
  const pid = server.child.pid ?? 0;
  const log = options.log ?? (() => {});
  const batchSpans = options.tracesPerBatch * options.spansPerTrace;
  const requestsPerSecond = options.rate / batchSpans;
  // FIFO keeps every connection busy, so none sits idle into the server's keep-alive timeout.
  const sendAgent = new Agent({ keepAlive: true, maxSockets: options.maxInFlight, scheduling: 'fifo' });
  const ingestUrl = new URL(`${server.otlp}/v1/traces`);
  const pool = templates(options);
  const errorSamples: string[] = [];
  const noteError = (what: string) => {
    if (errorSamples.length < 10) errorSamples.push(what);
  };

  let round = 0;
  let sentSpans = 0;
  let acceptedSpans = 0;
  let rejectedSpans = 0;
  let ingestErrors = 0;
  let keepAliveRetries = 0;
  let inFlight = 0;
  const ingestTimes: number[] = [];
  /** A trace ID stored a moment ago, for get-by-ID queries. */
  let recentTraceId = '';

  function send(): Promise<void> {
    round++;
    const template = pool[round % pool.length];
    const body = Buffer.from(template.bytes);
    for (const at of template.traceIdOffsets) body.writeUInt32BE(round, at);
    const traceId = body
      .subarray(template.traceIdOffsets[0], template.traceIdOffsets[0] + 16)
      .toString('hex');
    sentSpans += template.spans;
    inFlight++;
    const started = performance.now();
    return new Promise((resolve) => {
      const attempt = (retried: boolean) => {
        const req = request(
          ingestUrl,
          {
            method: 'POST',
            agent: sendAgent,
            headers: { 'Content-Type': 'application/x-protobuf', 'Content-Length': body.length },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              inFlight--;
              ingestTimes.push(performance.now() - started);
              if (res.statusCode !== 200) {
                ingestErrors++;
                noteError(`ingest HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`);
              } else {
                const answer = ExportTraceServiceResponse.toObject(
                  ExportTraceServiceResponse.decode(Buffer.concat(chunks)),
                  { longs: Number },
                ) as { partialSuccess?: { rejectedSpans?: number; errorMessage?: string } };
                const rejected = answer.partialSuccess?.rejectedSpans ?? 0;
                if (rejected > 0) noteError(`partial success: ${answer.partialSuccess?.errorMessage}`);
                rejectedSpans += rejected;
                acceptedSpans += template.spans - rejected;
                recentTraceId = traceId;
              }
              resolve();
            });
          },
        );
        req.on('error', (err: NodeJS.ErrnoException) => {
          // The server closed an idle keep-alive connection as it was being reused: the request
          // never reached it. OTLP exporters retry this; so does the benchmark, once, and counts it.
          if (req.reusedSocket && err.code === 'ECONNRESET' && !retried) {
            keepAliveRetries++;
            attempt(true);
            return;
          }
          inFlight--;
          ingestErrors++;
          noteError(`ingest: ${err.message}`);
          resolve();
        });
        req.end(body);
      };
      attempt(false);
    });
  }

  const queryTimes: number[] = [];
  let queryErrors = 0;
  const windowUs = () => {
    const end = Date.now() * 1000 + 60_000_000;
    return `start=${end - 3_600_000_000}&end=${end}`;
  };
  const queries = [
    () => `/api/traces?service=service-${Math.floor(Math.random() * 20)}&limit=20&${windowUs()}`,
    () =>
      `/api/traces?service=service-${Math.floor(Math.random() * 20)}&tag=customer_id:customer-${Math.floor(Math.random() * 1000)}&limit=20&${windowUs()}`,
    () => `/api/traces?service=service-0&minDuration=400ms&limit=20&${windowUs()}`,
    () => `/api/traces/${recentTraceId}`,
    () => '/api/services',
  ];

  const started = performance.now();
  const endAt = started + options.durationMs;
  let stopping = false;

  async function searcher(n: number): Promise<void> {
    for (let i = n; !stopping; i++) {
      const path = queries[i % queries.length]();
      const t0 = performance.now();
      try {
        const res = await fetch(`${server.query}${path}`);
        await res.arrayBuffer();
        if (res.status !== 200) {
          queryErrors++;
          noteError(`query ${path}: HTTP ${res.status}`);
        }
      } catch (err) {
        queryErrors++;
        noteError(`query ${path}: ${(err as Error).message}`);
      }
      queryTimes.push(performance.now() - t0);
      await sleep(options.searchPauseMs);
    }
  }

  /** Resident memory samples, MB, taken once the store was full. */
  const rssWhenFull: number[] = [];
  let storedTraces = 0;
  let storedSpans = 0;
  const health = async () => {
    const body = (await (await fetch(`${server.query}/health`)).json()) as { traces: number; spans: number };
    storedTraces = body.traces;
    storedSpans = body.spans;
  };
  async function monitor(): Promise<void> {
    let nextLog = started + options.durationMs / 10;
    while (!stopping) {
      await sleep(1000);
      await health().catch(() => {});
      const rssMb = procStatusKb(pid, 'VmRSS') / 1024;
      if (storedTraces >= options.maxTraces || rssWhenFull.length > 0) rssWhenFull.push(rssMb);
      if (performance.now() >= nextLog) {
        nextLog += options.durationMs / 10;
        const seconds = (performance.now() - started) / 1000;
        log(
          `  ${seconds.toFixed(0)} s: ${Math.round(acceptedSpans / seconds).toLocaleString()} spans/s accepted, ${storedTraces.toLocaleString()} traces stored, RSS ${rssMb.toFixed(0)} MB, ${queryTimes.length} queries, ${ingestErrors + queryErrors} errors`,
        );
      }
    }
  }

  const searching = Array.from({ length: options.searchers }, (_, n) => searcher(n));
  const monitoring = monitor();
  const pending = new Set<Promise<void>>();
  try {
    // Fixed schedule: the k-th request is due at started + k / requestsPerSecond.
    for (let k = 0; ; k++) {
      const due = started + (k * 1000) / requestsPerSecond;
      if (due >= endAt) break;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      while (inFlight >= options.maxInFlight) await Promise.race(pending);
      const p = send();
      pending.add(p);
      void p.then(() => pending.delete(p));
    }
    await Promise.all(pending);
    const seconds = (performance.now() - started) / 1000;
    stopping = true;
    await Promise.all([...searching, monitoring]);
    await health();
    ingestTimes.sort((a, b) => a - b);
    queryTimes.sort((a, b) => a - b);
    const { log: _log, ...reported } = options;
    return {
      options: reported,
      seconds,
      sentSpans,
      acceptedSpans,
      acceptedPerSecond: acceptedSpans / seconds,
      rejectedSpans,
      ingestRequests: ingestTimes.length,
      ingestErrors,
      keepAliveRetries,
      ingestP99Ms: percentile(ingestTimes, 0.99),
      queries: queryTimes.length,
      queryErrors,
      queryP50Ms: percentile(queryTimes, 0.5),
      queryP99Ms: percentile(queryTimes, 0.99),
      peakRssMb: procStatusKb(pid, 'VmHWM') / 1024,
      fullFirstHalfRssMb: halfMax(rssWhenFull, 0),
      fullSecondHalfRssMb: halfMax(rssWhenFull, 1),
      storedTraces,
      storedSpans,
      errorSamples,
    };
  } finally {
    stopping = true;
    sendAgent.destroy();
    await new Promise<void>((resolve) => {
      if (server.child.exitCode !== null) return resolve();
      server.child.once('exit', () => resolve());
      server.child.kill('SIGTERM');
    });
  }
}
