/**
 * Whether a parent waits for a child. The critical path only follows blocking children;
 * the waterfall can use the same test to draw asynchronous children differently.
 */
import { SpanKind } from '../model/trace';
import { SpanFlag } from '../tree/traceColumns';
import type { TraceTree } from '../tree/traceIndex';

/**
 * A child does not block its parent when it is a FOLLOWS_FROM child (fromJaegerJson keeps that
 * reference as a link to the parent tagged `opentracing.ref_type=follows_from`, and so does the
 * OpenTracing shim over OTLP: indexing marks it with SpanFlag.FollowsFromParent), or a CONSUMER
 * under a PRODUCER: the producer hands the message off and does not wait for it to be processed.
 */
export function isBlockingChild(index: TraceTree, row: number): boolean {
  const p = index.parent[row];
  if (p < 0) return true;
  if (index.kind[row] === SpanKind.Consumer && index.kind[p] === SpanKind.Producer) return false;
  return (index.flags[row] & SpanFlag.FollowsFromParent) === 0;
}
