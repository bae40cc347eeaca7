import type { Span, Trace } from '../model/trace';

/** Groups spans by trace ID in first-seen order, as Jaeger's /api/transform does. */
export function groupByTrace(spans: readonly Span[]): Trace[] {
  const byId = new Map<string, Span[]>();
  for (const s of spans) {
    let list = byId.get(s.traceId);
    if (!list) byId.set(s.traceId, (list = []));
    list.push(s);
  }
  return [...byId].map(([traceId, list]) => ({ traceId, spans: list, warnings: [] }));
}
