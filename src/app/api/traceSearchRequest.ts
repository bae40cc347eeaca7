/** A trace search, and how each query API generation spells it on the wire. */

export interface TraceSearchRequest {
  /** null = every service (offered only where the backend allows it). */
  readonly service: string | null;
  readonly operation: string | null;
  /** Attribute filters; every value is a string, as both APIs require. */
  readonly tags: Readonly<Record<string, string>>;
  /** Epoch microseconds, inclusive. */
  readonly startUs: number;
  readonly endUs: number;
  /** Go duration syntax as typed (`100ms`, `1.2s`), or null for no bound. */
  readonly minDuration: string | null;
  readonly maxDuration: string | null;
  /** Most traces to return (1–1500). */
  readonly limit: number;
  /** Jaeger UI's lookback (`1h`, `custom`); v1 carries it along though the server ignores it. */
  readonly lookback: string;
}

/** RFC 3339 with microseconds, which `/api/v3` parses with Go's time.RFC3339Nano. */
export function rfc3339FromMicros(us: number): string {
  const whole = Math.round(us);
  const ms = Math.floor(whole / 1000);
  const micros = String(whole - ms * 1000).padStart(3, '0');
  return new Date(ms).toISOString().replace(/Z$/, `${micros}Z`);
}

function hasTags(request: TraceSearchRequest): boolean {
  return Object.keys(request.tags).length > 0;
}

/** `GET /api/traces`, as Jaeger UI ≤ 2.18 sends it (SearchForm submitForm). */
export function v1SearchParams(request: TraceSearchRequest): URLSearchParams {
  const params = new URLSearchParams();
  if (request.service) params.set('service', request.service);
  if (request.operation) params.set('operation', request.operation);
  if (hasTags(request)) params.set('tags', JSON.stringify(request.tags));
  params.set('start', String(Math.round(request.startUs)));
  params.set('end', String(Math.round(request.endUs)));
  params.set('limit', String(request.limit));
  params.set('lookback', request.lookback);
  if (request.minDuration) params.set('minDuration', request.minDuration);
  if (request.maxDuration) params.set('maxDuration', request.maxDuration);
  return params;
}

/**
 * `GET /api/v3/trace-summaries` (and `/api/v3/traces`), as Jaeger UI ≥ 2.19 sends it.
 * `withAliases` adds the snake_case names that Jaeger ≤ 2.18 reads (it ignores the camelCase ones,
 * and has no default search depth); ≥ 2.19 prefers camelCase when both are present.
 */
export function v3SearchParams(request: TraceSearchRequest, withAliases = false): URLSearchParams {
  const params = new URLSearchParams();
  const set = (camel: string, snake: string, value: string) => {
    params.set(camel, value);
    if (withAliases) params.set(snake, value);
  };
  if (request.service) set('query.serviceName', 'query.service_name', request.service);
  if (request.operation) set('query.operationName', 'query.operation_name', request.operation);
  set('query.startTimeMin', 'query.start_time_min', rfc3339FromMicros(request.startUs));
  set('query.startTimeMax', 'query.start_time_max', rfc3339FromMicros(request.endUs));
  set('query.searchDepth', 'query.search_depth', String(request.limit));
  if (withAliases) params.set('query.num_traces', String(request.limit));
  if (request.minDuration) set('query.durationMin', 'query.duration_min', request.minDuration);
  if (request.maxDuration) set('query.durationMax', 'query.duration_max', request.maxDuration);
  if (hasTags(request)) params.set('query.attributes', JSON.stringify(request.tags));
  return params;
}
