/**
 * "Download results", as Jaeger UI offers it: every listed trace in full, fetched a few at a time,
 * saved as one query-API response (`{"data": [traces]}`) that the upload box (and Jaeger UI's)
 * opens again. Traces opened from files are written from memory.
 */
import { envelope, type JaegerTrace } from '../../../core/jaeger/jaegerJson';
import { toJaegerTrace } from '../../../core/jaeger/toJaegerJson';
import { jaegerTraceId } from '../../../core/model/ids';
import { getJaegerJson } from '../../api/jaegerFetch';
import { getUploadedTrace } from '../../stores/uploadedTraces';

/** Requests in flight at once, as browsers allow per host. */
const PARALLEL = 6;

export interface DownloadOutcome {
  traces: JaegerTrace[];
  /** Why each trace that could not be fetched failed, by trace ID. */
  failures: { traceId: string; message: string }[];
}

async function fetchJaegerTrace(traceId: string, signal?: AbortSignal): Promise<JaegerTrace> {
  const uploaded = getUploadedTrace(traceId);
  if (uploaded) return toJaegerTrace(uploaded.spans, uploaded.warnings);
  const { body } = await getJaegerJson(`api/traces/${jaegerTraceId(traceId)}`, undefined, signal);
  const data = (body as { data?: unknown }).data;
  const first: unknown = Array.isArray(data) ? data[0] : undefined;
  if (typeof first !== 'object' || first === null) throw new Error('trace not found');
  return first as JaegerTrace;
}

export async function downloadResults(
  traceIds: readonly string[],
  onProgress: (done: number) => void,
  signal?: AbortSignal,
): Promise<DownloadOutcome> {
  const traces = new Array<JaegerTrace | undefined>(traceIds.length);
  const failures: DownloadOutcome['failures'] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < traceIds.length) {
      const i = next++;
      try {
        traces[i] = await fetchJaegerTrace(traceIds[i], signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        failures.push({
          traceId: traceIds[i],
          message: error instanceof Error ? error.message : String(error),
        });
      }
      onProgress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, traceIds.length) }, worker));
  return { traces: traces.filter((t): t is JaegerTrace => t !== undefined), failures };
}

/** The file's contents: the query API's envelope, so any Jaeger reader opens it. */
export function resultsFile(traces: readonly JaegerTrace[]): string {
  return JSON.stringify(envelope(traces, traces.length));
}

/** `traces-2026-11-24T07-12-00.json`, as Jaeger UI names its file, without characters some systems refuse. */
export function resultsFileName(now: Date): string {
  return `traces-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.json`;
}
