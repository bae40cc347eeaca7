/** Every route of the query port under /api, in one router. */
import { Router } from '../http/router';
import type { TraceStore } from '../storage/traceStore';
import { registerApiV1 } from './apiV1';

export interface QueryDeps {
  store: TraceStore;
}

export function createQueryRouter(deps: QueryDeps): Router {
  const router = new Router();
  registerApiV1(router, { store: deps.store });
  return router;
}
