/**
 * Loading a trace from the backend inside the worker. With Tracelens' own backend the compact
 * columns come first (docs/trace-columns-api.md): the page gets its rows from them in seconds
 * even at a million spans, and the trace's Jaeger JSON then downloads behind them for span
 * details, text find and the analyses. Any other backend (or a columns answer that is not one)
 * gets the JSON only, scanned piece by piece as it arrives (ADR 8).
 */
import { TRACE_COLUMNS_MEDIA_TYPE } from '../../core/columns/columnsFormat';
import { decodeTraceColumns } from '../../core/columns/decodeTraceColumns';
import { tracesFromJaegerResponse } from '../../core/jaeger/fromJaegerJson';
import type { Span } from '../../core/model/trace';
import type { TraceColumns } from '../../core/tree/traceColumns';
import type { TraceSkeleton } from './traceModel';
import type { LoadStage, TraceSession } from './traceSession';
import {
  DownloadFailure,
  expectedBytes,
  readBody,
  startDownload,
  type DownloadProgress,
} from './workerDownload';

export interface TraceSource {
  /** `api/traces/{id}`: Jaeger JSON. */
  jsonUrl: string;
  /** `api/traces/{id}/columns`, when the backend may have it; null to go straight to the JSON. */
  columnsUrl: string | null;
  /** `api/traces/{id}/spans/`: one span as Jaeger JSON, when the span ID is appended. */
  spanUrl: string | null;
  headers: Record<string, string>;
}

export interface FetchEvents {
  /** Download progress; `behind` once the rows are shown and the JSON follows them. */
  progress(progress: DownloadProgress & { behind: boolean }): void;
  /**
   * Opens the skeleton and posts it (the handler's `open`). `complete` is false when the spans
   * are still to come. Returns false when opening failed: then `fallible` loads report nothing
   * (there is another way), the others post the failure.
   */
  open(
    load: (onStage: (stage: LoadStage) => void) => TraceSkeleton,
    options: { complete: boolean; fallible: boolean },
  ): boolean;
  /** A body has fully arrived (for the page's performance marks). */
  downloaded(what: 'columns' | 'json', bytes: number): void;
  /** The trace could not be loaded at all. */
  failed(message: string, status: number): void;
  /** The JSON behind the columns is read: details and text find answer from the spans now. */
  completed(): void;
  /** The JSON behind the columns could not be read or shows other rows (the trace changed). */
  behindFailed(message: string, changed: boolean): void;
}

/** Reads the columns answer, or null when the backend has none (any failure but 401). */
async function tryColumns(source: TraceSource, signal: AbortSignal, events: FetchEvents) {
  if (!source.columnsUrl) return null;
  let response: Response;
  try {
    response = await startDownload({
      url: source.columnsUrl,
      headers: { Accept: TRACE_COLUMNS_MEDIA_TYPE, ...source.headers },
      signal,
    });
  } catch (error) {
    if (error instanceof DownloadFailure && error.status === 401) throw error;
    return null;
  }
  // Some backends answer every unknown path with their UI's HTML: not columns.
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.startsWith(TRACE_COLUMNS_MEDIA_TYPE)) {
    void response.body?.cancel();
    return null;
  }
  const pieces: Uint8Array[] = [];
  const total = await readBody(
    response,
    (chunk) => pieces.push(chunk),
    (p) => events.progress({ ...p, behind: false }),
  );
  events.downloaded('columns', total);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.byteLength;
  }
  return bytes;
}

/** The trace's columns, or null when the answer is not valid columns (the JSON is read instead). */
function decodedOrNull(bytes: Uint8Array): TraceColumns | null {
  try {
    return decodeTraceColumns(bytes);
  } catch {
    return null;
  }
}

/**
 * Below this many spans the JSON follows the columns within a second or so: the page waits for
 * it rather than showing rows whose details and text find are not ready yet.
 */
export const COLUMNS_FIRST_FROM_SPANS = 20_000;

export async function fetchTrace(
  session: TraceSession,
  source: TraceSource,
  signal: AbortSignal,
  events: FetchEvents,
): Promise<void> {
  let behind = false;
  try {
    const columns = await tryColumns(source, signal, events);
    const decoded = columns && decodedOrNull(columns);
    // A trace small enough to wait for, or columns that do not decode, go straight to the JSON.
    if (decoded && decoded.spanCount >= COLUMNS_FIRST_FROM_SPANS) {
      behind = events.open(
        (onStage) => {
          onStage('parsing');
          return session.openColumns(decoded, onStage);
        },
        { complete: false, fallible: true },
      );
    }
    const response = await startDownload({
      url: source.jsonUrl,
      headers: { Accept: 'application/json', ...source.headers },
      signal,
    });
    session.begin(expectedBytes(response));
    const received = await readBody(
      response,
      (chunk) => session.append(chunk),
      (p) => events.progress({ ...p, behind }),
    );
    events.downloaded('json', received);
    if (!behind) {
      events.open((onStage) => session.finish(source.jsonUrl, onStage), { complete: true, fallible: false });
      return;
    }
    if (session.finishBehindColumns(source.jsonUrl)) events.completed();
    else events.behindFailed('The trace changed while it loaded (new spans arrived).', true);
  } catch (error) {
    if (signal.aborted) return;
    const message = error instanceof Error ? error.message : String(error);
    if (behind) events.behindFailed(message, false);
    else events.failed(message, error instanceof DownloadFailure ? error.status : 200);
  }
}

/** One span of the trace from the backend's span route, for details before the JSON is read. */
export async function fetchSpan(source: TraceSource, spanId: string, signal: AbortSignal): Promise<Span> {
  if (!source.spanUrl) throw new Error('the backend has no span route');
  const url = `${source.spanUrl}${encodeURIComponent(spanId)}`;
  const response = await startDownload({
    url,
    headers: { Accept: 'application/json', ...source.headers },
    signal,
  });
  const traces = tracesFromJaegerResponse(await response.json());
  const span = traces[0]?.spans.find((s) => s.spanId === spanId);
  if (!span) throw new Error(`The backend at ${url} did not return span ${spanId}.`);
  return span;
}
