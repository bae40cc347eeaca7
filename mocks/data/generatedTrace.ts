/**
 * A synthetic trace of any size for tests that need volume (virtualization, keyboard paging):
 * a root with children in runs of ten levels, spread over `services` services.
 */
import type { JaegerSpan, JaegerTrace } from '../../src/core/jaeger/jaegerJson';

export const GENERATED_TRACE_ID = 'b16b00b5000000000000000000000001';

export function generatedTrace(spanCount: number, services = 5): JaegerTrace {
  const start = 1_764_000_000_000_000;
  const spanId = (i: number) => (i + 1).toString(16).padStart(16, '0');
  const spans: JaegerSpan[] = [];
  for (let i = 0; i < spanCount; i++) {
    // Every tenth span hangs off the root; the nine after it nest one level deeper each.
    const parent = i === 0 ? -1 : i % 10 === 1 ? 0 : i - 1;
    spans.push({
      traceID: GENERATED_TRACE_ID,
      spanID: spanId(i),
      operationName: `operation-${i}`,
      references:
        parent < 0 ? [] : [{ refType: 'CHILD_OF', traceID: GENERATED_TRACE_ID, spanID: spanId(parent) }],
      startTime: start + i * 10,
      duration: i === 0 ? spanCount * 10 + 100 : 50,
      tags: [],
      logs: [],
      processID: `p${i % services}`,
      warnings: null,
    });
  }
  const processes: JaegerTrace['processes'] = {};
  for (let s = 0; s < services; s++) processes[`p${s}`] = { serviceName: `service-${s}`, tags: [] };
  return { traceID: GENERATED_TRACE_ID, spans, processes, warnings: null };
}
