/**
 * Jaeger's archive storage for the all-in-one: whole traces kept by ID, apart from the main
 * store's ring, so that a trace someone archived (`POST /api/archive/{id}`) outlives its
 * eviction from the main store. Bounded by its own count; the oldest archived trace goes first.
 */
import type { Trace } from '../../core/model/trace';

export const DEFAULT_MAX_ARCHIVED_TRACES = 10_000;

export interface ArchiveStore {
  /** Stores the trace, replacing an earlier archived copy (which then counts as the newest). */
  writeTrace(trace: Trace): Promise<void>;
  getTrace(traceId: string): Promise<Trace | null>;
  /** Number of archived traces. */
  size(): number;
}

export function createArchiveStore(opts: { maxTraces?: number } = {}): ArchiveStore {
  const maxTraces = opts.maxTraces ?? DEFAULT_MAX_ARCHIVED_TRACES;
  if (!Number.isInteger(maxTraces) || maxTraces <= 0)
    throw new Error('max archived traces must be greater than zero');
  // A Map iterates in insertion order, so its first key is always the oldest archived trace.
  const traces = new Map<string, Trace>();
  return {
    async writeTrace(trace) {
      traces.delete(trace.traceId);
      traces.set(trace.traceId, trace);
      while (traces.size > maxTraces) {
        const oldest = traces.keys().next();
        if (oldest.done) break;
        traces.delete(oldest.value);
      }
    },
    async getTrace(traceId) {
      return traces.get(traceId) ?? null;
    },
    size: () => traces.size,
  };
}
