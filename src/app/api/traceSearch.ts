/**
 * Trace search on whichever API the backend has (backendApi.ts), always answered as summaries:
 * the result list needs one row per trace, and a trace's spans are fetched when it is opened.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Trace } from '../../core/model/trace';
import { groupByTrace } from '../../core/trace/groupByTrace';
import { summarizeTrace, type TraceSummary } from '../../core/trace/summary';
import { spansFromOtlpJson } from '../../core/otlp/fromOtlpJson';
import { ApiError, isApiError } from './apiError';
import { forgetBackendApi, type SearchApi } from './backendApi';
import { getJaegerJson, isJsonObject, type JaegerResponse } from './jaegerFetch';
import { queryKeys } from './queryKeys';
import { parseTraces } from './traces';
import { v1SearchParams, v3SearchParams, type TraceSearchRequest } from './traceSearchRequest';
import { parseTraceSummaries } from './traceSummaries';

export type { TraceSearchRequest } from './traceSearchRequest';

/**
 * The whole trace behind a summary, when the search API sent whole traces (v1, v3 traces): the
 * result list works out insights from it, lazily, for the rows on screen. Held as long as the
 * summary is (the query cache's), or until `forgetSearchedTrace`.
 */
const searchedTraces = new WeakMap<TraceSummary, Trace>();

function summarizeKeepingTrace(trace: Trace): TraceSummary {
  const summary = summarizeTrace(trace);
  searchedTraces.set(summary, trace);
  return summary;
}

export function searchedTrace(summary: TraceSummary): Trace | undefined {
  return searchedTraces.get(summary);
}

export function forgetSearchedTrace(summary: TraceSummary): void {
  searchedTraces.delete(summary);
}

function otlpTraceSummaries({ url, body }: JaegerResponse): TraceSummary[] {
  try {
    const result = isJsonObject(body) ? body.result : undefined;
    return groupByTrace(spansFromOtlpJson(result ?? {})).map(summarizeKeepingTrace);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(`The backend at ${url} sent traces that could not be read: ${reason}`, 200, url);
  }
}

async function searchOn(api: SearchApi, request: TraceSearchRequest, signal?: AbortSignal) {
  switch (api) {
    case 'v3-summaries':
      return parseTraceSummaries(
        await getJaegerJson('api/v3/trace-summaries', v3SearchParams(request), signal),
      );
    case 'v1':
      return parseTraces(await getJaegerJson('api/traces', v1SearchParams(request), signal)).map(
        summarizeKeepingTrace,
      );
    case 'v3-traces':
      try {
        return otlpTraceSummaries(
          await getJaegerJson('api/v3/traces', v3SearchParams(request, true), signal),
        );
      } catch (error) {
        // Unlike every other search, v3 answers "nothing found" with a 404.
        if (isApiError(error) && error.status === 404 && error.message === 'No traces found') return [];
        throw error;
      }
  }
}

export async function searchTraces(
  api: SearchApi,
  request: TraceSearchRequest,
  signal?: AbortSignal,
): Promise<TraceSummary[]> {
  if (request.service === null && api === 'v1') {
    throw new ApiError('This backend searches one service at a time: choose a service.', 400, 'api/traces');
  }
  try {
    return await searchOn(api, request, signal);
  } catch (error) {
    // A search route that vanished (backend upgraded under an open tab): detect afresh next time.
    if (
      isApiError(error) &&
      (error.status === 404 || error.status === 405) &&
      /answered HTTP/.test(error.message)
    ) {
      forgetBackendApi();
    }
    throw error;
  }
}

export function traceSearchQueryOptions(api: SearchApi, request: TraceSearchRequest) {
  return queryOptions({
    queryKey: queryKeys.traceSearch(api, request),
    queryFn: ({ signal }) => searchTraces(api, request, signal),
    // The window is fixed in the request, so a cached answer stays right for a while.
    staleTime: 30_000,
    structuralSharing: false,
  });
}

/** Runs only once the API is known and the search is complete (a service, or "all" where allowed). */
export function useTraceSearch(api: SearchApi | null | undefined, request: TraceSearchRequest | null) {
  const enabled = api !== null && api !== undefined && request !== null;
  return useQuery({
    ...traceSearchQueryOptions(api ?? 'v1', request ?? PLACEHOLDER),
    enabled,
  });
}

const PLACEHOLDER: TraceSearchRequest = {
  service: null,
  operation: null,
  tags: {},
  startUs: 0,
  endUs: 0,
  minDuration: null,
  maxDuration: null,
  limit: 1,
  lookback: '',
};
