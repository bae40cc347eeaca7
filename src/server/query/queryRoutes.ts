/** Every route of the query port under /api, in one router. */
import { Router } from '../http/router';
import { registerMetricsRoutes } from '../metrics/metricsRoutes';
import type { MetricsReader } from '../metrics/reader';
import { registerSamplingRoutes, type SamplingRouteDeps } from '../sampling/samplingRoutes';
import type { ArchiveStore } from '../storage/archiveStore';
import type { TraceStore } from '../storage/traceStore';
import type { TopologyAggregator } from '../topology/aggregator';
import { registerTopologyRoutes } from '../topology/topologyRoutes';
import { registerApiV1 } from './apiV1';
import { registerApiV3 } from './apiV3';
import { registerTraceColumnsRoutes, type TraceColumnsRoutes } from './traceColumnsRoute';
import { registerTraceHeadRoute } from './traceHeadRoute';

export interface QueryDeps {
  store: TraceStore;
  /** Archive storage; without it `POST /api/archive/{id}` answers 500, as in Jaeger. */
  archive?: ArchiveStore;
  /** Largest request body accepted (`POST /api/transform`), after decompression. */
  maxRequestBytes?: number;
  /** Backend of `/api/metrics/*`; absent or null answers Jaeger's 501 "no metrics backend configured". */
  metricsReader?: MetricsReader | null;
  /** Remote sampling (`/api/sampling*`); absent, those routes are 404 as on a plain Jaeger. */
  sampling?: SamplingRouteDeps;
  /** Incremental topology (`/api/topology`); absent, that route is 404 as on a plain Jaeger. */
  topology?: TopologyAggregator;
  /** Told of each trace's columns encoding (traceColumnsRoute.ts). */
  onColumnsEncoded?: (traceId: string, spanCount: number, ms: number) => void;
}

export interface QueryRoutes {
  router: Router;
  /** Starts answering a trace's columns before the page asks (traceColumnsRoute.ts). */
  prepareTrace: TraceColumnsRoutes['prepare'];
}

export function createQueryRoutes(deps: QueryDeps): QueryRoutes {
  const router = new Router();
  registerApiV1(router, {
    store: deps.store,
    archive: deps.archive,
    maxRequestBytes: deps.maxRequestBytes,
    liveDependencies: deps.topology,
  });
  registerApiV3(router, { store: deps.store, archive: deps.archive });
  registerTraceHeadRoute(router, { store: deps.store, archive: deps.archive });
  const columns = registerTraceColumnsRoutes(router, {
    store: deps.store,
    archive: deps.archive,
    onEncoded: deps.onColumnsEncoded,
  });
  registerMetricsRoutes(router, { reader: deps.metricsReader ?? null });
  if (deps.sampling) registerSamplingRoutes(router, deps.sampling);
  if (deps.topology) registerTopologyRoutes(router, { topology: deps.topology });
  return { router, prepareTrace: columns.prepare };
}

export const createQueryRouter = (deps: QueryDeps): Router => createQueryRoutes(deps).router;
