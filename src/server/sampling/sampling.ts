/**
 * Remote sampling, assembled: the strategies store (file-backed when configured), the span-rate
 * counters, the handler for the sampling port and the dependencies of the query-port routes. The
 * all-in-one creates one of these, feeds it every accepted batch and listens with its handler.
 */
import type { RequestHandler } from '../http/listen';
import type { SpanObserver } from '../ingest/pipeline';
import type { TraceStore } from '../storage/traceStore';
import { createObservedRates, type ObservedRates } from './observed';
import { createSamplingPortHandler } from './samplingHttp';
import type { SamplingRouteDeps } from './samplingRoutes';
import { createSamplingStore, type SamplingStore, type SamplingStoreOptions } from './store';

export interface SamplingOptions extends SamplingStoreOptions {
  /** The trace store, whose services are listed next to the configured ones. */
  traces: TraceStore;
  maxRequestBytes?: number;
}

export interface Sampling {
  store: SamplingStore;
  observed: ObservedRates;
  /** Give to `pipeline.observe`. */
  observe: SpanObserver;
  /** Serve on the sampling port (any path). */
  handler: RequestHandler;
  /** Give to `createQueryRouter({ sampling })`. */
  routes: SamplingRouteDeps;
  close(): void;
}

/** Rejects (StrategiesError) when the strategies file exists and is invalid, as Jaeger refuses to start. */
export async function createSampling(options: SamplingOptions): Promise<Sampling> {
  const store = await createSamplingStore(options);
  const observed = createObservedRates();
  return {
    store,
    observed,
    observe: (spans) => observed.record(spans),
    handler: createSamplingPortHandler(store),
    routes: { sampling: store, observed, traces: options.traces, maxRequestBytes: options.maxRequestBytes },
    close: () => store.close(),
  };
}
