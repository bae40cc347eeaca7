/** Query keys in one place so invalidation and prefetching agree with the hooks. */
import type { TraceSearchRequest } from './traceSearchRequest';

export const queryKeys = {
  backendApi: () => ['backend-api'] as const,
  services: (api: string) => ['services', api] as const,
  operations: (api: string, service: string) => ['operations', api, service] as const,
  traceSearch: (api: string, request: TraceSearchRequest) => ['traces', 'search', api, request] as const,
  trace: (traceId: string) => ['traces', 'byId', traceId] as const,
};
