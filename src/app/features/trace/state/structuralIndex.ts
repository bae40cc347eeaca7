/**
 * A TraceIndex for the page's side of the worker boundary, so core's TreeView (collapse, filters)
 * runs synchronously on the main thread over the transferred arrays. The span objects stay in the
 * worker (structured-cloning 100k of them costs seconds): `spans` here only has the right length,
 * every entry the same placeholder. Tree code reads the typed arrays; a span's real content is
 * fetched from the worker when it is opened.
 */
import { emptyScope, StatusCode, type Span } from '../../../../core/model/trace';
import type { TraceIndex } from '../../../../core/tree/traceIndex';
import type { TraceSkeleton } from '../../../workers/traceModel';

const NONE: readonly never[] = Object.freeze([]);

function placeholderSpan(traceId: string): Span {
  return Object.freeze({
    traceId,
    spanId: '',
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: '',
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: NONE,
    events: NONE,
    links: NONE,
    status: Object.freeze({ code: StatusCode.Unset, message: '' }),
    resource: Object.freeze({ serviceName: '', attributes: NONE }),
    scope: emptyScope,
    warnings: Object.freeze(['The span is held by the trace worker.']),
  });
}

export function structuralIndex(s: TraceSkeleton): TraceIndex {
  const spans = new Array<Span>(s.spanCount).fill(placeholderSpan(s.traceId));
  const inputIndex = new Int32Array(s.spanCount);
  for (let row = 0; row < s.spanCount; row++) inputIndex[row] = row;
  return {
    trace: { traceId: s.traceId, spans, warnings: s.traceWarnings },
    spans,
    parent: s.parent,
    depth: s.depth,
    startUs: s.startUs,
    durationUs: s.durationUs,
    service: s.service,
    services: s.services,
    operation: s.operation,
    operations: s.operations,
    kind: s.kind,
    error: s.error,
    linkCount: s.linkCount,
    // Input positions are a worker-side detail; display order stands in for them.
    inputIndex,
    traceStartUs: s.traceStartUs,
    traceDurationUs: s.traceDurationUs,
    maxDepth: s.maxDepth,
    errorCount: s.errorCount,
    subtreeEnd: s.subtreeEnd,
    childCount: s.childCount,
    orphanCount: s.orphanCount,
    duplicateSpanIdCount: s.duplicateSpanIdCount,
    cycleSpanCount: s.cycleSpanCount,
  };
}
