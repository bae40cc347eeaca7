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
  // parent service → child service → link; nested maps spare a key string per span.
  const links = new Map<string, Map<string, DependencyLink>>();
  const out: DependencyLink[] = [];
  // Reused across traces: one map per trace would churn the heap on a 100k-trace store.
  const serviceBySpanId = new Map<string, string>();
  for (const spans of traces) {
    if (spans.length < 2) continue;
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
      let byChild = links.get(parent);
      if (byChild === undefined) {
        byChild = new Map();
        links.set(parent, byChild);
      }
      const link = byChild.get(child);
      if (link) {
        link.callCount++;
      } else {
        const created = { parent, child, callCount: 1 };
        byChild.set(child, created);
        out.push(created);
      }
    }
  }
  return out;
}
