import { queryOptions, useQuery } from '@tanstack/react-query';
import { tracesFromJaegerResponse } from '../../core/jaeger/fromJaegerJson';
import type { Trace } from '../../core/model/trace';
import { getUploadedTrace } from '../stores/uploadedTraces';
import { ApiError } from './apiError';
import { getJaegerJson, type JaegerResponse } from './jaegerFetch';
import { queryKeys } from './queryKeys';

/** Validates traces at the boundary: a malformed body becomes an ApiError, never a crash later. */
export function parseTraces({ url, body }: JaegerResponse): Trace[] {
  // A search that found nothing may come back as `"data": null`.
  if (typeof body === 'object' && body !== null && (body as { data?: unknown }).data === null) return [];
  try {
    return tracesFromJaegerResponse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(`The backend at ${url} sent traces that could not be read: ${reason}`, 200, url);
  }
}

/**
 * `GET api/traces/{id}` (every Jaeger generation, main included, still serves it). A trace opened
 * from a local file is answered from memory, so it opens with no backend at all. A missing trace is
 * an ApiError with status 404.
 */
export async function fetchTrace(traceId: string, signal?: AbortSignal): Promise<Trace> {
  const uploaded = getUploadedTrace(traceId);
  if (uploaded) return uploaded;
  const response = await getJaegerJson(`api/traces/${encodeURIComponent(traceId)}`, undefined, signal);
  const traces = parseTraces(response);
  if (traces.length === 0) throw new ApiError('trace not found', 404, response.url);
  return traces[0];
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
