/**
 * Service dependency links computed from stored traces, the way Jaeger's v2 memory store does it
 * (reference §7): every span whose parent is found in the same trace is one call from the
 * parent's service to the span's service. Pure, so any store can feed it the traces it selected.
 */
import { ZERO_SPAN_ID } from '../../core/model/ids';
import type { Span } from '../../core/model/trace';
import type { DependencyLink } from './traceStore';

/**
 * Self-edges (`frontend → frontend`) are kept, unlike Jaeger's old v1 store; spans whose parent is
 * not in the trace are skipped; counts are summed per (parent, child) pair across all traces.
 */
export function computeDependencies(traces: Iterable<readonly Span[]>): DependencyLink[] {
  const links = new Map<string, DependencyLink>();
  // Reused across traces: one map per trace would churn the heap on a 100k-trace store.
  const serviceBySpanId = new Map<string, string>();
  for (const spans of traces) {
    serviceBySpanId.clear();
    for (const span of spans) {
      // Jaeger resolves a parent to the first span carrying its ID.
      if (!serviceBySpanId.has(span.spanId)) serviceBySpanId.set(span.spanId, span.resource.serviceName);
    }
    for (const span of spans) {
      if (span.parentSpanId === '' || span.parentSpanId === ZERO_SPAN_ID) continue;
      const parent = serviceBySpanId.get(span.parentSpanId);
      if (parent === undefined) continue;
      const child = span.resource.serviceName;
      const key = `${parent}\u0000${child}`;
      const link = links.get(key);
      if (link) link.callCount++;
      else links.set(key, { parent, child, callCount: 1 });
    }
  }
  return [...links.values()];
}
