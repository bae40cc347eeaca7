/**
 * Service dependency links computed from stored traces, the way Jaeger's v2 memory store does it
 * (reference §7): every span whose parent is found in the same trace is one call from the
 * parent's service to the span's service. Pure, so any store can feed it the traces it selected.
 */
import { ZERO_SPAN_ID } from '../../core/model/ids';
import type { Span } from '../../core/model/trace';
import type { DependencyLink } from './traceStore';

/**
 * One trace's spans as the count needs them: span ID, parent span ID and service of span `i`, in
 * arrival order. Accessors rather than objects, so a store can hand over whatever it holds
 * (span objects, or the SQLite store's flat link lists) without copying.
 */
export interface TraceCalls {
  count: number;
  spanId(i: number): string;
  parentSpanId(i: number): string;
  service(i: number): string;
}

/**
 * Sums calls over traces added one by one. Self-edges (`frontend → frontend`) are kept, unlike
 * Jaeger's old v1 store; spans whose parent is not in the trace are skipped.
 */
export class DependencyCounter {
  // parent service → child service → link; nested maps spare a key string per span.
  private readonly links = new Map<string, Map<string, DependencyLink>>();
  private readonly out: DependencyLink[] = [];
  // Reused across traces: one map per trace would churn the heap on a 100k-trace store.
  private readonly serviceBySpanId = new Map<string, string>();

  addTrace(trace: TraceCalls): void {
    if (trace.count < 2) return;
    const serviceBySpanId = this.serviceBySpanId;
    serviceBySpanId.clear();
    for (let i = 0; i < trace.count; i++) {
      const spanId = trace.spanId(i);
      // Jaeger resolves a parent to the first span carrying its ID.
      if (!serviceBySpanId.has(spanId)) serviceBySpanId.set(spanId, trace.service(i));
    }
    for (let i = 0; i < trace.count; i++) {
      const parentSpanId = trace.parentSpanId(i);
      if (parentSpanId === '' || parentSpanId === ZERO_SPAN_ID) continue;
      const parent = serviceBySpanId.get(parentSpanId);
      if (parent === undefined) continue;
      const child = trace.service(i);
      let byChild = this.links.get(parent);
      if (byChild === undefined) {
        byChild = new Map();
        this.links.set(parent, byChild);
      }
      const link = byChild.get(child);
      if (link) {
        link.callCount++;
      } else {
        const created = { parent, child, callCount: 1 };
        byChild.set(child, created);
        this.out.push(created);
      }
    }
  }

  /** Links in first-seen order, counts summed per (parent, child) pair across all traces. */
  result(): DependencyLink[] {
    return this.out;
  }
}

export function spanCalls(spans: readonly Span[]): TraceCalls {
  return {
    count: spans.length,
    spanId: (i) => spans[i].spanId,
    parentSpanId: (i) => spans[i].parentSpanId,
    service: (i) => spans[i].resource.serviceName,
  };
}

export function computeDependencies(traces: Iterable<readonly Span[]>): DependencyLink[] {
  const counter = new DependencyCounter();
  for (const spans of traces) counter.addTrace(spanCalls(spans));
  return counter.result();
}
