/**
 * The compare page's data: both traces downloaded side by side with progress (or taken from an
 * opened file), each handed to the diff worker as soon as it arrives, and the diff back. Cached
 * per pair like any query, so going back to a comparison is instant.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { downloadTrace, type DownloadedTrace } from '../../../api/traceDownload';
import { uploadedTraceFileName, uploadedTraceResponseBytes } from '../../../stores/uploadedTraces';
import { sideError } from '../compareError';
import { startComparison, type ComparisonResult } from '../worker/diffClient';
import type { Side } from '../worker/diffProtocol';
import { progressReporter } from './compareProgress';

function traceResponse(
  traceId: string,
  signal: AbortSignal,
  onProgress: (received: number, total: number | null) => void,
): Promise<DownloadedTrace> {
  const uploaded = uploadedTraceResponseBytes(traceId);
  if (uploaded) return Promise.resolve({ url: uploadedTraceFileName(traceId) ?? traceId, bytes: uploaded });
  return downloadTrace(traceId, { signal, onProgress: (p) => onProgress(p.receivedBytes, p.totalBytes) });
}

async function loadComparison(a: string, b: string, signal: AbortSignal): Promise<ComparisonResult> {
  const progress = progressReporter(a, b);
  progress.start();
  const run = startComparison(progress.stage);
  // One failed download stops the other: the comparison needs both.
  const downloads = new AbortController();
  const stop = (reason: unknown) => {
    downloads.abort();
    run.cancel(reason);
  };
  const onAbort = () => stop(signal.reason ?? new DOMException('aborted', 'AbortError'));
  signal.addEventListener('abort', onAbort, { once: true });
  const fetchSide = async (side: Side, traceId: string) => {
    try {
      const { url, bytes } = await traceResponse(traceId, downloads.signal, (received, total) =>
        progress.downloading(side, received, total),
      );
      progress.received(side, bytes.byteLength);
      run.send(side, bytes, url);
    } catch (error) {
      stop(sideError(side, error));
    }
  };
  void fetchSide('a', a);
  void fetchSide('b', b);
  try {
    return await run.result;
  } finally {
    signal.removeEventListener('abort', onAbort);
    progress.clear();
  }
}

export function comparisonQueryOptions(a: string, b: string) {
  return queryOptions({
    queryKey: ['compare', a, b] as const,
    queryFn: ({ signal }) => loadComparison(a, b, signal),
    // Stored traces do not change under the reader; reloading the page compares them anew.
    staleTime: Infinity,
    structuralSharing: false,
  });
}

/** Both IDs canonical (compareUrl.ts); pass `enabled: false` while either is missing or invalid. */
export function useComparison(a: string, b: string, enabled: boolean) {
  return useQuery({ ...comparisonQueryOptions(a, b), enabled });
}
