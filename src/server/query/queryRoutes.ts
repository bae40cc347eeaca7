/** Every route of the query port under /api, in one router. */
import { Router } from '../http/router';
import type { ArchiveStore } from '../storage/archiveStore';
import type { TraceStore } from '../storage/traceStore';
import { registerApiV1 } from './apiV1';
import { registerApiV3 } from './apiV3';

export interface QueryDeps {
  store: TraceStore;
  /** Archive storage; without it `POST /api/archive/{id}` answers 500, as in Jaeger. */
  archive?: ArchiveStore;
  /** Largest request body accepted (`POST /api/transform`), after decompression. */
  maxRequestBytes?: number;
}

export function createQueryRouter(deps: QueryDeps): Router {
  const router = new Router();
  registerApiV1(router, { store: deps.store, archive: deps.archive, maxRequestBytes: deps.maxRequestBytes });
  registerApiV3(router, { store: deps.store, archive: deps.archive });
  return router;
}
