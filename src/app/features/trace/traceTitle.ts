import type { TraceSummary } from '../../../core/trace/summary';

/** Jaeger's trace name: "<root service>: <root operation>". */
export function traceTitle(summary: TraceSummary): string {
  return summary.rootServiceName
    ? `${summary.rootServiceName}: ${summary.rootOperationName}`
    : 'Trace with no spans';
}
