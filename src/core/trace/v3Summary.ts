/** Jaeger's v3 trace summaries (querysvc summarizeTrace), shared by the server and the mocks. */
import type { InsightTally } from '../insights/detectInsights';
import { StatusCode, type Span, type Trace } from '../model/trace';

export interface V3ServiceSummary {
  name?: string;
  spanCount?: number;
  errorSpanCount?: number;
}

/** api_v3.TraceSummary as gogo jsonpb writes it: proto field order, zero values omitted. */
export interface V3TraceSummary {
  traceId: string;
  rootServiceName?: string;
  rootOperationName?: string;
  minStartTimeUnixNano?: string;
  maxEndTimeUnixNano?: string;
  spanCount?: number;
  errorSpanCount?: number;
  orphanSpanCount?: number;
  services?: V3ServiceSummary[];
  /**
   * Tracelens extension, not in Jaeger (docs/trace-summaries-insights.md): findings per insight
   * kind, `{}` for none; left out when the trace was not looked at. Last, after Jaeger's fields.
   */
  tracelensInsights?: InsightTally;
}

/**
 * Jaeger's querysvc summarizeTrace: the root is the earliest-starting span without a parent
 * (none when every span has one), errors are spans with status ERROR, orphans are spans whose
 * parent is not in the trace, services are sorted by name.
 */
export function summarizeV3(trace: Trace): V3TraceSummary {
  const ids = new Set(trace.spans.map((s) => s.spanId));
  const services = new Map<string, { spans: number; errors: number }>();
  let root: Span | undefined;
  let minStart: bigint | undefined;
  let maxEnd: bigint | undefined;
  let errors = 0;
  let orphans = 0;
  for (const span of trace.spans) {
    const name = span.resource.serviceName;
    let svc = services.get(name);
    if (!svc) services.set(name, (svc = { spans: 0, errors: 0 }));
    svc.spans++;
    if (span.status.code === StatusCode.Error) {
      svc.errors++;
      errors++;
    }
    if (minStart === undefined || span.startTimeUnixNano < minStart) minStart = span.startTimeUnixNano;
    if (maxEnd === undefined || span.endTimeUnixNano > maxEnd) maxEnd = span.endTimeUnixNano;
    if (!span.parentSpanId) {
      if (!root || span.startTimeUnixNano < root.startTimeUnixNano) root = span;
    } else if (!ids.has(span.parentSpanId)) orphans++;
  }
  const out: V3TraceSummary = { traceId: trace.traceId };
  if (root?.resource.serviceName) out.rootServiceName = root.resource.serviceName;
  if (root?.name) out.rootOperationName = root.name;
  if (minStart) out.minStartTimeUnixNano = minStart.toString();
  if (maxEnd) out.maxEndTimeUnixNano = maxEnd.toString();
  if (trace.spans.length) out.spanCount = trace.spans.length;
  if (errors) out.errorSpanCount = errors;
  if (orphans) out.orphanSpanCount = orphans;
  if (services.size) {
    out.services = [...services]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, s]) => ({
        ...(name ? { name } : {}),
        ...(s.spans ? { spanCount: s.spans } : {}),
        ...(s.errors ? { errorSpanCount: s.errors } : {}),
      }));
  }
  return out;
}

/** The summary with Tracelens's insight tally added after Jaeger's fields (unchanged). */
export function withInsightTally(summary: V3TraceSummary, tally: InsightTally | undefined): V3TraceSummary {
  return tally ? { ...summary, tracelensInsights: tally } : summary;
}
