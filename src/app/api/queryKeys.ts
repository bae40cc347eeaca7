/** Query keys in one place so invalidation and prefetching agree with the hooks. */
export interface TraceSearchParams {
  service: string;
  /** Jaeger lookback notation: `5m`, `1h`, `2d`... */
  lookback: string;
  limit: number;
}

export const queryKeys = {
  services: () => ['services'] as const,
  traceSearch: (params: TraceSearchParams) => ['traces', 'search', params] as const,
  trace: (traceId: string) => ['traces', 'byId', traceId] as const,
};
