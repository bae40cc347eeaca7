/**
 * Live demo traffic: requests arrive on a seeded schedule, are planned the moment they start
 * (so the shared mysql lock sees them in order) and are emitted when their simulated end comes,
 * as a real service exports spans after they finish. One timer at a time; nothing here throws
 * once started, because the all-in-one runs this next to the user's real data.
 */
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import { createArrivalSchedule } from './arrivals';
import { createDemoEmitter } from './emitter';
import {
  createOtlpExporter,
  describeExportError,
  reportingFailures,
  throttledLog,
  tracesUrl,
  type OtlpEncoding,
} from './exporter';
import { freshSeed } from './random';
import type { DemoService, DispatchPlan } from './scenario/model';
import { createDispatchSimulation } from './scenario/simulation';

export interface DemoTrafficOptions {
  /** OTLP/HTTP base URL, e.g. http://127.0.0.1:4318 (a URL ending in /v1/traces works too). */
  target: string;
  /** Average dispatch requests started per second; they arrive in small bursts. */
  ratePerSecond: number;
  /** Stop on its own after this long; 0 or absent runs until stop(). */
  durationMs?: number;
  /** Replays the same requests, customers and latencies; a random one is logged when absent. */
  seed?: number;
  encoding?: OtlpEncoding;
  log?: (message: string) => void;
  /** Each service's SDK sampler, e.g. a Jaeger remote sampler; the default keeps everything. */
  samplerFor?: (service: DemoService) => Sampler;
}

export interface DemoTrafficStats {
  /** Dispatch requests emitted. */
  requests: number;
  /** Spans emitted that the samplers kept. */
  spans: number;
  /** Export requests that failed (each may carry many spans). */
  errors: number;
}

export interface DemoTraffic {
  /** Emits the requests still in flight, flushes and shuts the SDK down; safe to call twice. */
  stop(): Promise<void>;
  /** Settles (never rejects) once the traffic has stopped, by stop() or at the end of durationMs. */
  done: Promise<void>;
  stats(): DemoTrafficStats;
}

export const MAX_RATE_PER_SECOND = 10_000;
/** Further behind than this (the machine slept, the loop was blocked), skip instead of bursting. */
const MAX_BACKLOG_NS = 5e9;
const LOG_INTERVAL_MS = 60_000;
/** Longer timeouts overflow Node's 32-bit timer; at very low rates the loop just wakes early. */
const MAX_TIMER_MS = 60_000;

export function startDemoTraffic(options: DemoTrafficOptions): DemoTraffic {
  const { ratePerSecond } = options;
  const durationMs = options.durationMs ?? 0;
  if (!(ratePerSecond > 0 && ratePerSecond <= MAX_RATE_PER_SECOND)) {
    throw new RangeError(`ratePerSecond must be in (0, ${MAX_RATE_PER_SECOND}], got ${ratePerSecond}`);
  }
  if (!(durationMs >= 0 && Number.isFinite(durationMs))) {
    throw new RangeError(`durationMs must be 0 or more, got ${durationMs}`);
  }
  const url = tracesUrl(options.target);
  const encoding = options.encoding ?? 'protobuf';
  const seed = options.seed ?? freshSeed();
  const log = neverThrowing(options.log ?? ((message: string) => console.log(message)));
  const logExportFailure = throttledLog(log, LOG_INTERVAL_MS);
  const logProblem = throttledLog(log, LOG_INTERVAL_MS);
  const stats: DemoTrafficStats = { requests: 0, spans: 0, errors: 0 };

  const emitter = createDemoEmitter({
    exporterFor: () =>
      reportingFailures(createOtlpExporter(url, encoding), (error) => {
        stats.errors++;
        logExportFailure(`demo: sending spans to ${url} failed: ${describeExportError(error)}`);
      }),
    samplerFor: options.samplerFor,
  });
  const simulation = createDispatchSimulation(seed);
  const arrivals = createArrivalSchedule(seed, ratePerSecond);
  // Simulated time is wall-clock time since this instant; elapsed time comes from the
  // monotonic clock so that a clock adjustment cannot make requests go back in time.
  const epochUnixNs = BigInt(Date.now()) * 1_000_000n;
  const epochMonotonic = process.hrtime.bigint();
  const elapsedNs = () => Number(process.hrtime.bigint() - epochMonotonic);
  const endNs = durationMs > 0 ? durationMs * 1e6 : Number.POSITIVE_INFINITY;
  /** Planned, not yet emitted, ordered by end time. */
  const inFlight: DispatchPlan[] = [];
  const endOf = (plan: DispatchPlan) => plan.startNs + plan.durationNs;
  let timer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;
  let settle: () => void = () => {};
  const done = new Promise<void>((resolve) => (settle = resolve));

  const emit = (plan: DispatchPlan): void => {
    try {
      stats.spans += emitter.emit(plan, epochUnixNs);
      stats.requests++;
    } catch (err) {
      logProblem(`demo: emitting a request failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const nextArrival = () => (arrivals.peek() < endNs ? arrivals.peek() : Number.POSITIVE_INFINITY);
  const nextEnd = () => (inFlight.length > 0 ? endOf(inFlight[0]) : Number.POSITIVE_INFINITY);

  /**
   * Replays starts and ends in time order, ends first on ties, so that a session's previous
   * request has been emitted by the time the next one links to it.
   */
  const advance = (untilNs: number): void => {
    for (;;) {
      const end = nextEnd();
      const arrival = nextArrival();
      if (Math.min(end, arrival) > untilNs) return;
      if (end <= arrival) {
        const [ended] = inFlight.splice(0, 1);
        emit(ended);
      } else {
        const plan = simulation.planNext(arrivals.take());
        const at = inFlight.findIndex((p) => endOf(p) > endOf(plan));
        inFlight.splice(at < 0 ? inFlight.length : at, 0, plan);
      }
    }
  };

  const tick = (): void => {
    timer = undefined;
    try {
      const now = elapsedNs();
      if (now - arrivals.peek() > MAX_BACKLOG_NS) {
        logProblem(`demo: fell ${Math.round((now - arrivals.peek()) / 1e9)}s behind; skipping ahead`);
        arrivals.resumeAt(now);
      }
      advance(Math.min(now, endNs));
      if (now >= endNs) {
        void finish();
        return;
      }
      const next = Math.min(nextEnd(), nextArrival(), endNs);
      timer = setTimeout(tick, Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil((next - now) / 1e6))));
    } catch (err) {
      log(`demo: stopping after an internal error: ${err instanceof Error ? err.message : String(err)}`);
      void finish();
    }
  };

  const finish = (): Promise<void> => {
    if (stopping) return stopping;
    clearTimeout(timer);
    timer = undefined;
    // What is in flight goes out now; its last spans end slightly in the future, which is harmless.
    for (const plan of inFlight.splice(0)) emit(plan);
    stopping = emitter
      .shutdown()
      .catch((err: unknown) => {
        // Almost always the last exports failing, which the exporters have already reported.
        logExportFailure(
          `demo: flushing spans to ${url} failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      })
      .then(() => {
        const failed = stats.errors > 0 ? `; ${stats.errors} exports failed` : '';
        log(`demo: stopped after ${stats.requests} requests, ${stats.spans} spans${failed}`);
        settle();
      });
    return stopping;
  };

  log(
    `demo: sending about ${ratePerSecond} dispatch requests/s to ${url} (OTLP ${encoding}, seed ${seed}` +
      `${durationMs > 0 ? `, for ${durationMs / 1000}s` : ''})`,
  );
  timer = setTimeout(tick, 0);
  return { stop: finish, done, stats: () => ({ ...stats }) };
}

/** A throwing log callback must not leave the traffic half stopped or crash the host. */
function neverThrowing(log: (message: string) => void): (message: string) => void {
  return (message) => {
    try {
      log(message);
    } catch {
      // Nowhere left to report it.
    }
  };
}
