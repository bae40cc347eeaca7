/**
 * `tracelens demo`: sends the ride-sharing demo's traces to any OTLP/HTTP endpoint, e.g. a
 * Jaeger or collector you are trying out, or a Tracelens started with --no-demo.
 */
import { parseDuration } from './duration';
import type { OtlpEncoding } from './exporter';
import { tracesUrl } from './exporter';
import { MAX_RATE_PER_SECOND, startDemoTraffic } from './traffic';

export interface DemoCommandIo {
  out: (message: string) => void;
  err: (message: string) => void;
  /** Stops the traffic like Ctrl-C does; for callers that are not a terminal. */
  signal?: AbortSignal;
}

interface DemoArgs {
  target: string;
  ratePerSecond: number;
  durationMs: number;
  seed: number | undefined;
  encoding: OtlpEncoding;
}

class UsageError extends Error {
  override name = 'UsageError';
}

export const demoHelp = `Usage: tracelens demo [options]

Sends HotROD-style ride-sharing traces (frontend, customer, driver, route, with mysql and redis)
through the OpenTelemetry SDK to an OTLP/HTTP endpoint.

Options:
  --target URL        OTLP/HTTP base URL (default http://127.0.0.1:4318)
  --rate N            dispatch requests per second, on average (default 2)
  --duration D        how long to run, e.g. 30s, 5m, 1h30m; 0 runs until Ctrl-C (default 0)
  --seed S            replay the same traffic (a whole number; default: random, and printed)
  --encoding E        protobuf or json (default protobuf)
  -h, --help          show this help

Exit status: 0 when every export succeeded, 1 when some failed, 2 for bad options.`;

const consoleIo: DemoCommandIo = {
  out: (m) => console.log(m),
  err: (m) => console.error(m),
};

/** Runs `tracelens demo`; `argv` holds the arguments after `demo`. Resolves to the exit status. */
export async function runDemoCommand(argv: string[], io: DemoCommandIo = consoleIo): Promise<number> {
  let args: DemoArgs | 'help';
  try {
    args = parseDemoArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`tracelens demo: ${err.message}`);
    return 2;
  }
  if (args === 'help') {
    io.out(demoHelp);
    return 0;
  }

  const traffic = startDemoTraffic({ ...args, log: io.out });
  const stop = () => void traffic.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  io.signal?.addEventListener('abort', stop, { once: true });
  if (io.signal?.aborted) stop();
  try {
    await traffic.done;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    io.signal?.removeEventListener('abort', stop);
  }
  return traffic.stats().errors > 0 ? 1 : 0;
}

export function parseDemoArgs(argv: readonly string[]): DemoArgs | 'help' {
  const args: DemoArgs = {
    target: 'http://127.0.0.1:4318',
    ratePerSecond: 2,
    durationMs: 0,
    seed: undefined,
    encoding: 'protobuf',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const setter = setters[flag];
    if (!setter) {
      const what = arg.startsWith('-') ? 'unknown option' : 'unexpected argument';
      throw new UsageError(`${what} ${JSON.stringify(arg)}; see tracelens demo --help`);
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${flag}: expected a value`);
    setter(args, value.trim(), flag);
  }
  return args;
}

type Setter = (args: DemoArgs, value: string, flag: string) => void;

const setters: Record<string, Setter> = {
  '--target': (args, value, flag) => {
    try {
      tracesUrl(value);
    } catch {
      throw new UsageError(`${flag}: expected an http:// or https:// URL, got ${JSON.stringify(value)}`);
    }
    args.target = value;
  },
  '--rate': (args, value, flag) => {
    const rate = value === '' ? Number.NaN : Number(value);
    if (!(rate > 0 && rate <= MAX_RATE_PER_SECOND)) {
      throw new UsageError(
        `${flag}: expected requests per second, more than 0 and at most ${MAX_RATE_PER_SECOND}, got ${JSON.stringify(value)}`,
      );
    }
    args.ratePerSecond = rate;
  },
  '--duration': (args, value, flag) => {
    const ms = parseDuration(value);
    if (ms === undefined) {
      throw new UsageError(
        `${flag}: expected a duration such as 30s, 5m or 1h30m (0: until Ctrl-C), got ${JSON.stringify(value)}`,
      );
    }
    args.durationMs = ms;
  },
  '--seed': (args, value, flag) => {
    const seed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(seed <= 0xffff_ffff)) {
      throw new UsageError(
        `${flag}: expected a whole number from 0 to 4294967295, got ${JSON.stringify(value)}`,
      );
    }
    args.seed = seed;
  },
  '--encoding': (args, value, flag) => {
    if (value !== 'protobuf' && value !== 'json') {
      throw new UsageError(`${flag}: expected protobuf or json, got ${JSON.stringify(value)}`);
    }
    args.encoding = value;
  },
};
