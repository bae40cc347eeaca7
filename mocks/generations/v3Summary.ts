/**
 * api_v3.TraceSummary as Jaeger's querysvc computes it and gogo jsonpb writes it: the root is the
 * earliest span without a parent, and every zero or empty field is left out.
 */
import { StatusCode, type Span, type Trace } from '../../src/core/model/trace';

type Json = Record<string, unknown>;

export function v3SummaryJson(trace: Trace): Json {
  const ids = new Set(trace.spans.map((s) => s.spanId));
  const services = new Map<string, { spans: number; errors: number }>();
  let root: Span | undefined;
  let minStart: bigint | undefined;
  let maxEnd: bigint | undefined;
  let errors = 0;
  let orphans = 0;
  for (const span of trace.spans) {
    const svc = services.get(span.resource.serviceName) ?? { spans: 0, errors: 0 };
    services.set(span.resource.serviceName, svc);
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
  const out: Json = { traceId: trace.traceId };
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
      .map(([name, s]) => ({ name, spanCount: s.spans, ...(s.errors ? { errorSpanCount: s.errors } : {}) }));
  }
  return out;
}
