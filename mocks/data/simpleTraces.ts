/**
 * Small synthetic traces with chosen numbers, for tests about sorting and counting: a root span
 * and `spans - 1` children, `errors` of them failed, all within `durationUs`.
 */
import type { JaegerSpan, JaegerTrace } from '../../src/core/jaeger/jaegerJson';

export interface SimpleTrace {
  /** Up to 32 hex digits. */
  id: string;
  service: string;
  operation: string;
  startUs: number;
  durationUs: number;
  spans: number;
  errors?: number;
  /** Services of the child spans, in turn; the root's service when absent. */
  childServices?: string[];
}

export function simpleTrace(t: SimpleTrace): JaegerTrace {
  const traceID = t.id.padStart(32, '0');
  const services = [t.service, ...(t.childServices ?? [])];
  const processes: JaegerTrace['processes'] = {};
  services.forEach((s, i) => (processes[`p${i}`] = { serviceName: s, tags: [] }));
  const spans: JaegerSpan[] = [];
  for (let i = 0; i < t.spans; i++) {
    const spanID = (i + 1).toString(16).padStart(16, '0');
    const failed = i > 0 && i <= (t.errors ?? 0);
    const child = t.childServices?.length ? 1 + ((i - 1) % t.childServices.length) : 0;
    spans.push({
      traceID,
      spanID,
      operationName: i === 0 ? t.operation : `step ${i}`,
      references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID, spanID: '0000000000000001' }],
      startTime: t.startUs + (i === 0 ? 0 : 1),
      duration: i === 0 ? t.durationUs : 1,
      tags: [
        { key: 'span.kind', type: 'string', value: i === 0 ? 'server' : 'internal' },
        ...(failed ? [{ key: 'error', type: 'bool' as const, value: true }] : []),
      ],
      logs: [],
      processID: i === 0 ? 'p0' : `p${child}`,
      warnings: null,
    });
  }
  return { traceID, spans, processes, warnings: null };
}
