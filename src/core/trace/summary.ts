import type { InsightTally } from '../insights/detectInsights';
import type { Span, Trace } from '../model/trace';
import { StatusCode } from '../model/trace';

export interface ServiceSummary {
  name: string;
  spanCount: number;
  errorCount: number;
}

export interface TraceSummary {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  /** Epoch microseconds of the earliest span. */
  startUs: number;
  durationUs: number;
  spanCount: number;
  errorCount: number;
  /** Spans whose parent is not in the trace. */
  orphanCount: number;
  /** Sorted by name. */
  services: ServiceSummary[];
  /** Findings per insight kind, when the backend sent them (Tracelens's `tracelensInsights`). */
  insights?: InsightTally;
}

/**
 * The root is the earliest-starting span without a parent, as Jaeger's trace-summaries
 * computes it; a trace whose every span has a parent falls back to the earliest span.
 */
export function findRootSpan(trace: Trace): Span | undefined {
  let root: Span | undefined;
  let earliest: Span | undefined;
  for (const s of trace.spans) {
    if (!earliest || s.startTimeUnixNano < earliest.startTimeUnixNano) earliest = s;
    if (!s.parentSpanId && (!root || s.startTimeUnixNano < root.startTimeUnixNano)) root = s;
  }
  return root ?? earliest;
}

export function summarizeTrace(trace: Trace): TraceSummary {
  const ids = new Set<string>();
  for (const s of trace.spans) ids.add(s.spanId);
  let minStart: bigint | undefined;
  let maxEnd = 0n;
  let errorCount = 0;
  let orphanCount = 0;
  const services = new Map<string, ServiceSummary>();
  for (const s of trace.spans) {
    if (minStart === undefined || s.startTimeUnixNano < minStart) minStart = s.startTimeUnixNano;
    if (s.endTimeUnixNano > maxEnd) maxEnd = s.endTimeUnixNano;
    const error = s.status.code === StatusCode.Error;
    if (error) errorCount++;
    if (s.parentSpanId && !ids.has(s.parentSpanId)) orphanCount++;
    const name = s.resource.serviceName;
    let svc = services.get(name);
    if (!svc) services.set(name, (svc = { name, spanCount: 0, errorCount: 0 }));
    svc.spanCount++;
    if (error) svc.errorCount++;
  }
  const root = findRootSpan(trace);
  const start = minStart ?? 0n;
  return {
    traceId: trace.traceId,
    rootServiceName: root?.resource.serviceName ?? '',
    rootOperationName: root?.name ?? '',
    startUs: Number(start / 1000n),
    durationUs: Number(maxEnd - start) / 1000,
    spanCount: trace.spans.length,
    errorCount,
    orphanCount,
    services: [...services.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}
