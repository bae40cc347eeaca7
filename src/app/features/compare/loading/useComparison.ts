/**
 * The compare page's data: both traces downloaded side by side with progress (or taken from an
 * opened file), each handed to the diff worker as soon as it arrives, and the diff back. Cached
 * per pair like any query, so going back to a comparison is instant.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { downloadTrace } from '../../../api/traceDownload';
import { uploadedTraceFileName, uploadedTraceResponseBytes } from '../../../stores/uploadedTraces';
import { sideError } from '../compareError';
import { startComparison, type ComparisonResult, type ComparisonRun } from '../worker/diffClient';
import type { Side } from '../worker/diffProtocol';
import { progressReporter } from './compareProgress';

/**
 * Hands one side's response to the worker: an opened file whole, a download piece by piece as it
 * arrives (the worker scans each piece then, so little is left to read after the last byte).
 */
async function sendSide(
  run: ComparisonRun,
  side: Side,
  traceId: string,
  signal: AbortSignal,
  onProgress: (received: number, total: number | null) => void,
): Promise<number> {
  const uploaded = uploadedTraceResponseBytes(traceId);
  if (uploaded) {
    run.send(side, uploaded, uploadedTraceFileName(traceId) ?? traceId);
    return uploaded.byteLength;
  }
  let expected: number | null = null;
  let received = 0;
  const { url } = await downloadTrace(traceId, {
    signal,
    onProgress: (p) => {
      expected ??= p.totalBytes;
      onProgress(p.receivedBytes, p.totalBytes);
    },
    onChunk: (chunk) => {
      run.begin(side, expected);
      received += chunk.byteLength;
      run.append(side, chunk);
    },
  });
  run.end(side, url);
  return received;
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
      const bytes = await sendSide(run, side, traceId, downloads.signal, (received, total) =>
        progress.downloading(side, received, total),
      );
      progress.received(side, bytes);
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
