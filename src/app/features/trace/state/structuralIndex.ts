/**
 * The trace's tree for the page's side of the worker boundary, so core's TreeView (collapse,
 * filters) runs synchronously on the main thread over the transferred arrays. The span objects
 * stay in the worker (structured-cloning 100k of them costs seconds): a span's content is
 * fetched from the worker when it is opened.
 */
import type { TraceTree } from '../../../../core/tree/traceIndex';
import type { TraceSkeleton } from '../../../workers/traceModel';

export function structuralIndex(s: TraceSkeleton): TraceTree {
  const inputIndex = new Int32Array(s.spanCount);
  for (let row = 0; row < s.spanCount; row++) inputIndex[row] = row;
  return {
    traceId: s.traceId,
    spanCount: s.spanCount,
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
    flags: s.flags,
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
