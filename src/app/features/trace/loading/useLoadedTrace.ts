/**
 * The trace page's data: download with progress, then parse and index in a worker. Cached per
 * trace ID like any query, so reopening a trace within a few minutes is instant; the worker that
 * holds the spans is terminated when the cache lets the trace go. A trace opened from a local
 * file is taken from the uploaded-traces store instead, so it needs no backend at all.
 */
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { normalizeTraceId } from '../../../../core/model/ids';
import { ApiError } from '../../../api/apiError';
import { downloadTrace } from '../../../api/traceDownload';
import { fetchTraceHead } from '../../../api/traceHead';
import { uploadedTraceFileName, uploadedTraceResponseBytes } from '../../../stores/uploadedTraces';
import { unauthorizedMessage } from '../../../api/queryToken';
import { useMockMode } from '../../../shell/mockMode';
import { fetchTraceInWorker, openTrace, streamTrace, TraceHandle } from '../../../workers/traceClient';
import { TraceLoadError, type LoadStage } from '../../../workers/traceSession';
import { adoptEarlyTraceLoad, discardEarlyTraceLoad, traceSource } from './earlyTraceLoad';
import { useLoadProgress } from './loadProgress';

export function loadedTraceKey(traceId: string) {
  return ['traces', 'loaded', normalizeTraceId(traceId) ?? traceId] as const;
}

type OnStage = (stage: LoadStage) => void;

/** Smaller traces load in a few hundred milliseconds: a preview would only flash before them. */
export const PREVIEW_FROM_SPANS = 10_000;

/**
 * Downloads the trace into a worker that reads each piece as it arrives, so that little is left
 * to do when the last byte comes. Resolves with the download's URL once all bytes are in.
 */
async function streamFromBackend(traceId: string, signal: AbortSignal, onStage: OnStage) {
  const progress = useLoadProgress.getState();
  const stream = streamTrace({ signal, onStage });
  try {
    const { url } = await downloadTrace(traceId, {
      signal,
      onProgress: (p) => {
        // The first report comes before any byte and carries the size, for the worker's buffer.
        stream.begin(p.totalBytes);
        progress.report(traceId, { stage: 'downloading', ...p });
      },
      onChunk: (chunk) => stream.append(chunk),
    });
    return { url, loaded: stream.finish(url) };
  } catch (error) {
    stream.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/**
 * The worker downloads the trace itself: the compact columns first where the backend has them
 * (the rows of a million-span trace in seconds), then the JSON, without the page's thread in
 * the way of either. The in-browser mock answers the page's own requests only, so the mocked
 * demo downloads on the page (streamFromBackend).
 */
async function fetchFromBackend(traceId: string, signal: AbortSignal, onStage: OnStage) {
  const progress = useLoadProgress.getState();
  const source = traceSource(traceId);
  const url = source.jsonUrl;
  const listeners = {
    onStage,
    onProgress: (p: { receivedBytes: number; totalBytes: number | null }) =>
      progress.report(traceId, { stage: 'downloading', ...p }),
  };
  const loaded = (
    adoptEarlyTraceLoad(traceId, signal, listeners) ?? fetchTraceInWorker(source, { signal, ...listeners })
  ).catch((error: unknown) => {
    if (error instanceof TraceLoadError && error.status === 401) {
      throw new ApiError(unauthorizedMessage('Authorization' in source.headers), 401, url);
    }
    if (error instanceof TraceLoadError && error.status !== undefined && error.status !== 200) {
      throw new ApiError(error.message, error.status, url);
    }
    throw error;
  });
  return { url, loaded };
}

async function loadTrace(traceId: string, signal: AbortSignal): Promise<TraceHandle> {
  const progress = useLoadProgress.getState();
  const onStage: OnStage = (stage) => {
    const received = useLoadProgress.getState().byTrace[traceId]?.receivedBytes ?? 0;
    progress.report(traceId, { stage, receivedBytes: received, totalBytes: received });
  };
  let loading = true;
  try {
    const uploaded = uploadedTraceResponseBytes(traceId);
    const fileName = uploaded ? (uploadedTraceFileName(traceId) ?? traceId) : '';
    const mocked = useMockMode.getState().mocked;
    if (uploaded || mocked) discardEarlyTraceLoad();
    if (uploaded) {
      const size = uploaded.byteLength;
      progress.report(traceId, { stage: 'parsing', receivedBytes: size, totalBytes: size });
    } else if (mocked) {
      // Asked first, so the backend answers it before it starts writing the full trace: the
      // page draws the first rows from it while the rest downloads. The worker's path asks for
      // the trace's columns instead, which give every row: at a million spans the head cost the
      // server seconds in front of them (ADR 18).
      void fetchTraceHead(traceId, signal).then((head) => {
        if (head && head.spanCount >= PREVIEW_FROM_SPANS && loading) progress.reportHead(traceId, head);
      });
    }
    const { url, loaded } = uploaded
      ? { url: fileName, loaded: openTrace(uploaded, fileName, { signal, onStage }) }
      : mocked
        ? await streamFromBackend(traceId, signal, onStage)
        : await fetchFromBackend(traceId, signal, onStage);
    try {
      return await loaded;
    } catch (error) {
      // Same shape as every other API failure, so the page's not-found and retry views apply.
      if (error instanceof TraceLoadError) throw new ApiError(error.message, error.notFound ? 404 : 200, url);
      throw error;
    }
  } finally {
    loading = false;
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
