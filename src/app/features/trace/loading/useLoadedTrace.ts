/**
 * The trace page's data: download with progress, then parse and index in a worker. Cached per
 * trace ID like any query, so reopening a trace within a few minutes is instant; the worker that
 * holds the spans is terminated when the cache lets the trace go.
 */
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { normalizeTraceId } from '../../../../core/model/ids';
import { ApiError } from '../../../api/apiError';
import { downloadTrace } from '../../../api/traceDownload';
import { openTrace, TraceHandle } from '../../../workers/traceClient';
import { TraceLoadError } from '../../../workers/traceSession';
import { useLoadProgress } from './loadProgress';

export function loadedTraceKey(traceId: string) {
  return ['traces', 'loaded', normalizeTraceId(traceId) ?? traceId] as const;
}

async function loadTrace(traceId: string, signal: AbortSignal): Promise<TraceHandle> {
  const progress = useLoadProgress.getState();
  try {
    const { url, bytes } = await downloadTrace(traceId, {
      signal,
      onProgress: (p) => progress.report(traceId, { stage: 'downloading', ...p }),
    });
    const size = bytes.byteLength;
    try {
      return await openTrace(bytes, url, {
        signal,
        onStage: (stage) => progress.report(traceId, { stage, receivedBytes: size, totalBytes: size }),
      });
    } catch (error) {
      // Same shape as every other API failure, so the page's not-found and retry views apply.
      if (error instanceof TraceLoadError) throw new ApiError(error.message, error.notFound ? 404 : 200, url);
      throw error;
    }
  } finally {
    progress.clear(traceId);
  }
}

export function loadedTraceQueryOptions(traceId: string) {
  return queryOptions({
    queryKey: loadedTraceKey(traceId),
    queryFn: ({ signal }) => loadTrace(traceId, signal),
    // A stored trace does not change under the reader; reloading the page fetches it anew.
    staleTime: Infinity,
    structuralSharing: false,
  });
}

const watched = new WeakSet<QueryClient>();

/** Terminates a trace's worker when its query leaves the cache. */
function disposeEvictedTraces(client: QueryClient): void {
  if (watched.has(client)) return;
  watched.add(client);
  client.getQueryCache().subscribe((event) => {
    if (event.type !== 'removed' || event.query.queryKey[1] !== 'loaded') return;
    const data: unknown = event.query.state.data;
    if (data instanceof TraceHandle) data.dispose();
  });
}

export function useLoadedTrace(traceId: string) {
  const client = useQueryClient();
  disposeEvictedTraces(client);
  return useQuery(loadedTraceQueryOptions(traceId));
}
