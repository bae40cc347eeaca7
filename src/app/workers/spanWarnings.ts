/** What is wrong with one span, in words: shown in its details next to the backend's warnings. */
import type { TraceIndex, TraceTree } from '../../core/tree/traceIndex';
import { SpanKind, type Span } from '../../core/model/trace';
import { formatDuration } from '../format/duration';

export interface SpanIdCounts {
  /** How many spans carry each span ID. */
  get(spanId: string): number | undefined;
}

export function countSpanIds(index: TraceIndex): SpanIdCounts {
  const counts = new Map<string, number>();
  for (const span of index.spans) counts.set(span.spanId, (counts.get(span.spanId) ?? 0) + 1);
  return counts;
}

/** The warnings of the span shown in `row`. */
export function spanWarnings(index: TraceTree, row: number, span: Span, idCounts: SpanIdCounts): string[] {
  const warnings = [...span.warnings];
  const parent = index.parent[row];
  if (span.parentSpanId && parent < 0) {
    const present = (idCounts.get(span.parentSpanId) ?? 0) > 0;
    warnings.push(
      present
        ? `Its parent chain loops back on itself (parent ${span.parentSpanId}), so it is shown at the top level.`
        : `Its parent span ${span.parentSpanId} is not in this trace, so it is shown at the top level.`,
    );
  }
  const sharing = idCounts.get(span.spanId) ?? 1;
  if (sharing > 1) {
    warnings.push(
      `${sharing} spans share the span ID ${span.spanId}; links and children may attach to another one.`,
    );
  }
  if (index.durationUs[row] === 0) warnings.push('Zero duration: the span has the same start and end time.');
  if (parent >= 0) {
    const early = index.startUs[parent] - index.startUs[row];
    // Asynchronous children (messages, follows-from) legitimately outlive their parent.
    const async = span.kind === SpanKind.Consumer || span.kind === SpanKind.Producer;
    const late =
      index.startUs[row] + index.durationUs[row] - (index.startUs[parent] + index.durationUs[parent]);
    if (early > 0) {
      warnings.push(`Starts ${formatDuration(early)} before its parent: the two hosts' clocks may disagree.`);
    }
    if (late > 0 && !async) {
      warnings.push(
        `Ends ${formatDuration(late)} after its parent: the parent did not wait for it, or clocks disagree.`,
      );
    }
  }
  return warnings;
}
