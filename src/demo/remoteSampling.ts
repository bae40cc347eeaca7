/**
 * The demo's services sample the way instrumented services do with Jaeger: each polls the remote
 * sampling endpoint with OpenTelemetry's JaegerRemoteSampler, so a strategy edited in the UI or
 * the strategies file changes what the demo sends within one polling interval.
 *
 * Two things about @opentelemetry/sampler-jaeger-remote 0.222 shape this file:
 * - It polls `${endpoint}/sampling?service=` from a setInterval it never clears and offers no
 *   shutdown, so the timers it starts are captured here, unref'd (they must not keep a process
 *   alive) and cleared by stop().
 * - It only understands probabilistic strategies (optionally per operation). On a rate-limiting
 *   strategy it logs a diag warning and keeps its previous sampler.
 */
import { AlwaysOnSampler, ParentBasedSampler, type Sampler } from '@opentelemetry/sdk-trace-base';
import { JaegerRemoteSampler } from '@opentelemetry/sampler-jaeger-remote';

export interface RemoteSamplingOptions {
  /** Base URL of the sampling endpoint, e.g. http://127.0.0.1:5778 (the sampler appends /sampling). */
  endpoint: string;
  /** How often each service asks for its strategy. */
  pollingIntervalMs?: number;
  /**
   * Used until the first answer, one polling interval after start (the library does not fetch
   * at once). The default keeps everything, as the all-in-one's default strategy does.
   */
  initialSampler?: Sampler;
}

export interface RemoteSampling {
  /** A sampler for `startDemoTraffic({ samplerFor })`: remote for roots, the parent's decision for children. */
  samplerFor(service: string): Sampler;
  /** Stops every sampler's polling; the samplers keep their last strategy. */
  stop(): void;
}

export const DEFAULT_POLLING_INTERVAL_MS = 2_000;

export function createRemoteSampling(options: RemoteSamplingOptions): RemoteSampling {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const poolingInterval = options.pollingIntervalMs ?? DEFAULT_POLLING_INTERVAL_MS;
  if (!(poolingInterval > 0)) throw new RangeError(`pollingIntervalMs must be > 0, got ${poolingInterval}`);
  const timers: ReturnType<typeof setInterval>[] = [];
  return {
    samplerFor(service) {
      const root = withCapturedIntervals(timers, () => {
        return new JaegerRemoteSampler({
          endpoint,
          serviceName: service,
          poolingInterval,
          initialSampler: options.initialSampler ?? new AlwaysOnSampler(),
        });
      });
      // A child span in another service follows the decision made where the trace started, as
      // with Jaeger's SDKs; only roots consult the strategy.
      return new ParentBasedSampler({ root });
    },
    stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
    },
  };
}

/** Runs `create` while recording the intervals it starts, which are unref'd. */
function withCapturedIntervals<T>(timers: ReturnType<typeof setInterval>[], create: () => T): T {
  const original = globalThis.setInterval;
  const capturing = ((...args: Parameters<typeof setInterval>) => {
    const timer = original(...args);
    timer.unref();
    timers.push(timer);
    return timer;
  }) as typeof setInterval;
  globalThis.setInterval = capturing;
  try {
    return create();
  } finally {
    globalThis.setInterval = original;
  }
}
