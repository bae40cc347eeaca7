/**
 * A trace page opened directly (a link, a reload) starts its trace's download before React has
 * rendered: the worker and its first request then overlap the app's start (~0.3–0.4 s measured
 * at 100k spans) instead of following it. The trace page adopts the load when it asks for the
 * same trace, and catches up on the progress reported meanwhile.
 */
import { apiUrl } from '../../../basePath';
import { authorizationHeaders } from '../../../api/queryToken';
import { fetchTraceInWorker, type OpenTraceOptions, type TraceHandle } from '../../../workers/traceClient';
import type { TraceSource } from '../../../workers/fetchTrace';
import type { LoadStage } from '../../../workers/traceSession';

type Progress = Parameters<NonNullable<OpenTraceOptions['onProgress']>>[0];

interface Listeners {
  onStage?: (stage: LoadStage) => void;
  onProgress?: (progress: Progress) => void;
  lastStage?: LoadStage;
  lastProgress?: Progress;
}

interface EarlyLoad {
  traceId: string;
  loaded: Promise<TraceHandle>;
  abort: AbortController;
  listeners: Listeners;
}

let early: EarlyLoad | null = null;

/** Where the worker downloads a trace from (columns, JSON, single spans). */
export function traceSource(traceId: string): TraceSource {
  const path = `api/traces/${encodeURIComponent(traceId)}`;
  return {
    jsonUrl: apiUrl(path).toString(),
    columnsUrl: apiUrl(`${path}/columns`).toString(),
    spanUrl: apiUrl(`${path}/spans/`).toString(),
    headers: authorizationHeaders(),
  };
}

/** The trace ID of a trace page's path (`…/trace/{id}`), or null for any other page. */
export function tracePageId(pathname: string): string | null {
  return /\/trace\/([0-9a-f]{1,32})\/?$/i.exec(pathname)?.[1] ?? null;
}

/** Starts downloading the trace of a trace page's path; does nothing on other pages. */
export function startEarlyTraceLoad(pathname: string): void {
  const traceId = tracePageId(pathname);
  if (!traceId) return;
  const abort = new AbortController();
  const listeners: Listeners = {};
  const loaded = fetchTraceInWorker(traceSource(traceId), {
    signal: abort.signal,
    onStage: (stage) => {
      listeners.lastStage = stage;
      listeners.onStage?.(stage);
    },
    onProgress: (progress) => {
      listeners.lastProgress = progress;
      listeners.onProgress?.(progress);
    },
  });
  // Whoever adopts the load sees its failure; unadopted, it must not count as unhandled.
  loaded.catch(() => {});
  early = { traceId, loaded, abort, listeners };
}

/**
 * The early load of this trace, once: null when there is none (or it was for another trace,
 * which is then stopped). `signal` aborting stops it as it would a load of the page's own.
 */
export function adoptEarlyTraceLoad(
  traceId: string,
  signal: AbortSignal,
  listeners: Pick<Listeners, 'onStage' | 'onProgress'>,
): Promise<TraceHandle> | null {
  const load = early;
  early = null;
  if (!load) return null;
  if (load.traceId.toLowerCase() !== traceId.toLowerCase()) {
    load.abort.abort(new DOMException('another trace was opened', 'AbortError'));
    return null;
  }
  signal.addEventListener('abort', () => load.abort.abort(signal.reason), { once: true });
  Object.assign(load.listeners, listeners);
  if (load.listeners.lastProgress) listeners.onProgress?.(load.listeners.lastProgress);
  if (load.listeners.lastStage) listeners.onStage?.(load.listeners.lastStage);
  return load.loaded;
}

/** Stops an early load nobody will adopt (e.g. the trace is an uploaded file). */
export function discardEarlyTraceLoad(): void {
  early?.abort.abort(new DOMException('not needed', 'AbortError'));
  early = null;
}
