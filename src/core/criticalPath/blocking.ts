/**
 * Whether a parent waits for a child. The critical path only follows blocking children;
 * the waterfall can use the same test to draw asynchronous children differently.
 */
import type { Span, SpanLink } from '../model/trace';
import { SpanKind } from '../model/trace';
import type { TraceIndex } from '../tree/traceIndex';

/**
 * A child does not block its parent when it is a FOLLOWS_FROM child (fromJaegerJson keeps that
 * reference as a link to the parent tagged `opentracing.ref_type=follows_from`, and so does the
 * OpenTracing shim over OTLP), or a CONSUMER under a PRODUCER: the producer hands the message
 * off and does not wait for it to be processed.
 */
export function isBlockingChild(index: TraceIndex, row: number): boolean {
  const p = index.parent[row];
  if (p < 0) return true;
  if (index.kind[row] === SpanKind.Consumer && index.kind[p] === SpanKind.Producer) return false;
  // Span objects are only read for the few spans with links: the typed columns answer the rest.
  return index.linkCount[row] === 0 || !followsFrom(index.spans[row], index.spans[p].spanId);
}

function followsFrom(child: Span, parentSpanId: string): boolean {
  for (const link of child.links) {
    if (link.spanId === parentSpanId && link.traceId === child.traceId && isFollowsFromLink(link))
      return true;
  }
  return false;
}

function isFollowsFromLink(link: SpanLink): boolean {
  for (const a of link.attributes) {
    if (a.key === 'opentracing.ref_type' && a.type === 'string' && a.value === 'follows_from') return true;
  }
  return false;
}
