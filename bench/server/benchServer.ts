/**
 * The real `tracelens` command in its own process for server benchmarks: started on free ports,
 * fed pre-encoded OTLP batches over keep-alive connections, queried over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../bin/nodeFlags.mjs';

const cli = fileURLToPath(new URL('../../bin/tracelens.mjs', import.meta.url));
/** USER_HZ, 100 on Linux. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface BenchServer {
  child: ChildProcess;
  query: string;
  otlp: string;
  rssMb(): number;
  /** CPU time the server process has used (user + system): a figure the machine's load does not skew. */
  cpuSeconds(): number;
  exited: Promise<number | null>;
}

export async function startServer(extraArgs: string[]): Promise<BenchServer> {
  const ports = ['query', 'otlp-http', 'otlp-grpc', 'zipkin', 'sampling'].flatMap((p) => [
    `--${p}-port`,
    '0',
  ]);
  // e.g. TRACELENS_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=.tmp/prof' to profile the server alone.
  // The server's own V8 flags first, as `npm start` and the `tracelens` command run it.
  const nodeArgs = [
    ...SERVER_NODE_FLAGS,
    ...(process.env.TRACELENS_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const child = spawn(process.execPath, [...nodeArgs, cli, ...ports, '--no-demo', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A benchmark that fails half way must not leave its server running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  let log = '';
  const urls = await new Promise<{ query: string; otlp: string }>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
      const query = /UI and query API\s+(\S+?)\/?\s/.exec(log)?.[1];
      const otlp = /OTLP\/HTTP\s+(\S+)\/v1\/traces/.exec(log)?.[1];
      if (query && otlp) resolve({ query, otlp });
    });
    void exited.then((code) => reject(new Error(`server exited ${code}: ${log}`)));
  });
  const rssMb = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  };
  const cpuSeconds = () => {
    // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses: utime, stime.
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  };
  return { child, exited, rssMb, cpuSeconds, ...urls };
}

/** SIGTERM, then waits for a clean exit (the SQLite store closes its file). */
export async function stopServer(server: BenchServer): Promise<void> {
  server.child.kill('SIGTERM');
  const code = await server.exited;
  if (code !== 0) throw new Error(`server exited with ${code}`);
}

/** Posts every batch over `concurrency` keep-alive connections; returns the non-200 count. */
export async function postAll(
  server: BenchServer,
  batches: Uint8Array[],
  concurrency: number,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(`${server.otlp}/v1/traces`);
  const post = (body: Uint8Array) =>
    new Promise<number>((resolve, reject) => {
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
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        if ((await post(batches[next++])) !== 200) failures++;
      }
    }),
  );
  agent.destroy();
  return failures;
}

/** p50/p99 of `runs` sequential GETs; `{i}` in the path takes 0…999 in turn. */
export async function timeQuery(
  server: BenchServer,
  path: string,
  runs: number,
): Promise<{ p50: number; p99: number; hits: number; cpuMs: number }> {
  const times: number[] = [];
  const cpuBefore = server.cpuSeconds();
  let hits = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await fetch(`${server.query}${path.replace('{i}', String(i % 1000))}`);
    // v1 answers { data }, v3 trace-summaries { summaries }.
    const body = (await res.json()) as { data?: unknown[]; summaries?: unknown[] };
    times.push(performance.now() - t0);
    hits += (body.data ?? body.summaries ?? []).length;
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length * 0.5)],
    p99: times[Math.floor(times.length * 0.99)],
    hits: hits / runs,
    cpuMs: ((server.cpuSeconds() - cpuBefore) * 1000) / runs,
  };
}
