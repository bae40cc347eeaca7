import { queryOptions, useQuery } from '@tanstack/react-query';
import { tracesFromJaegerResponse } from '../../core/jaeger/fromJaegerJson';
import type { Trace } from '../../core/model/trace';
import { ApiError } from './apiError';
import { getJaegerJson, type JaegerResponse } from './jaegerFetch';
import { lookbackWindowUs } from './lookback';
import { queryKeys, type TraceSearchParams } from './queryKeys';

export type { TraceSearchParams } from './queryKeys';

/** Validates traces at the boundary: a malformed body becomes an ApiError, never a crash later. */
function parseTraces({ url, body }: JaegerResponse): Trace[] {
  // A search that found nothing may come back as `"data": null`.
  if (typeof body === 'object' && body !== null && (body as { data?: unknown }).data === null) return [];
  try {
    return tracesFromJaegerResponse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(`The backend at ${url} sent traces that could not be read: ${reason}`, 200, url);
  }
}

/** `GET api/traces?service=&limit=&lookback=&start=&end=`, newest first. */
export async function searchTraces(
  params: TraceSearchParams,
  signal?: AbortSignal,
  nowMs: number = Date.now(),
): Promise<Trace[]> {
  const { start, end } = lookbackWindowUs(params.lookback, nowMs);
  const query = new URLSearchParams({
    service: params.service,
    limit: String(params.limit),
    lookback: params.lookback,
    start: String(start),
    end: String(end),
  });
  return parseTraces(await getJaegerJson('api/traces', query, signal));
}

/** `GET api/traces/{id}`. A missing trace is an ApiError with status 404. */
export async function fetchTrace(traceId: string, signal?: AbortSignal): Promise<Trace> {
  const response = await getJaegerJson(`api/traces/${encodeURIComponent(traceId)}`, undefined, signal);
  const traces = parseTraces(response);
  if (traces.length === 0) throw new ApiError('trace not found', 404, response.url);
  return traces[0];
}

export function traceSearchQueryOptions(params: TraceSearchParams) {
  return queryOptions({
    queryKey: queryKeys.traceSearch(params),
    queryFn: ({ signal }) => searchTraces(params, signal),
    // Each search asks for "the last hour as of now"; a cached answer is already out of date.
    staleTime: 0,
    structuralSharing: false,
  });
}

export function useTraceSearch(params: TraceSearchParams | null) {
  return useQuery({
    ...traceSearchQueryOptions(params ?? { service: '', lookback: '1h', limit: 20 }),
    enabled: params !== null,
  });
}

export function traceQueryOptions(traceId: string) {
  return queryOptions({
    queryKey: queryKeys.trace(traceId),
    queryFn: ({ signal }) => fetchTrace(traceId, signal),
    staleTime: 5 * 60_000,
    // Deep-comparing a 100k-span trace with the previous one costs more than it could save.
    structuralSharing: false,
  });
}

export function useTrace(traceId: string) {
  return useQuery(traceQueryOptions(traceId));
}
