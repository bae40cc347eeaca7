/**
 * Traces opened from local files, for this tab's lifetime. The search page adds them and lists
 * them; the trace page shows them exactly like fetched ones (api/traces.ts `fetchTrace` looks here
 * before asking the backend, so `useTrace(id)` needs no change). No backend is involved.
 */
import { create } from 'zustand';
import { envelope } from '../../core/jaeger/jaegerJson';
import { toJaegerTrace } from '../../core/jaeger/toJaegerJson';
import { normalizeTraceId } from '../../core/model/ids';
import type { Trace } from '../../core/model/trace';
import { summarizeTrace, type TraceSummary } from '../../core/trace/summary';

export interface UploadedTrace {
  readonly trace: Trace;
  /** Computed once when the file is read: the result list shows it for every render. */
  readonly summary: TraceSummary;
  /** The file it came from, as its name was shown to the person. */
  readonly fileName: string;
}

interface UploadedTracesState {
  /** By 32-hex trace ID, in the order files were opened. */
  readonly byId: ReadonlyMap<string, UploadedTrace>;
  /** Adds (or replaces, by ID) the traces of one file. */
  add(traces: readonly Trace[], fileName: string): void;
  remove(traceId: string): void;
  clear(): void;
}

export const useUploadedTracesStore = create<UploadedTracesState>()((set) => ({
  byId: new Map(),
  add: (traces, fileName) =>
    set((state) => {
      const byId = new Map(state.byId);
      for (const trace of traces)
        byId.set(trace.traceId, { trace, summary: summarizeTrace(trace), fileName });
      return { byId };
    }),
  remove: (traceId) =>
    set((state) => {
      const id = normalizeTraceId(traceId);
      if (!id || !state.byId.has(id)) return state;
      const byId = new Map(state.byId);
      byId.delete(id);
      return { byId };
    }),
  clear: () => set({ byId: new Map() }),
}));

/** The uploaded trace with this ID (any case, 16 or 32 hex digits), outside React. */
export function getUploadedTrace(traceId: string): Trace | undefined {
  const id = normalizeTraceId(traceId);
  return id ? useUploadedTracesStore.getState().byId.get(id)?.trace : undefined;
}

/**
 * The uploaded trace as `GET /api/traces/{id}` would answer it (`{"data":[trace],...}` as UTF-8),
 * for readers that take API response bytes, such as the trace page's parsing worker.
 */
export function uploadedTraceResponseBytes(traceId: string): Uint8Array<ArrayBuffer> | undefined {
  const trace = getUploadedTrace(traceId);
  if (!trace) return undefined;
  return new TextEncoder().encode(JSON.stringify(envelope([toJaegerTrace(trace.spans, trace.warnings)])));
}

/** The name of the file an uploaded trace came from, for messages about it. */
export function uploadedTraceFileName(traceId: string): string | undefined {
  const id = normalizeTraceId(traceId);
  return id ? useUploadedTracesStore.getState().byId.get(id)?.fileName : undefined;
}

/** The same, as a hook that re-renders when files are opened or removed. */
export function useUploadedTrace(traceId: string): UploadedTrace | undefined {
  const id = normalizeTraceId(traceId);
  return useUploadedTracesStore((state) => (id ? state.byId.get(id) : undefined));
}

/** Whether a trace came from a file (for a "From file" badge). */
export function useIsUploadedTrace(traceId: string): boolean {
  return useUploadedTrace(traceId) !== undefined;
}
