/** Flattens an indexed trace into the transferable arrays the page renders from. */
import type { CriticalSegment } from '../../core/criticalPath/criticalPath';
import { SpanKind } from '../../core/model/trace';
import { summarizeTrace } from '../../core/trace/summary';
import type { TraceIndex } from '../../core/tree/traceIndex';
import { criticalByRow, rowsByService, slowestPercentileUs } from './rowGroups';
import type { TraceProblemList, TraceSkeleton } from './traceModel';

/** A CLIENT row's SERVER child when it is the only child (in pre-order, the next row). */
function rpcPeers(index: TraceIndex): Int32Array {
  const n = index.spans.length;
  const peer = new Int32Array(n).fill(-1);
  for (let row = 0; row + 1 < n; row++) {
    if (
      index.childCount[row] === 1 &&
      index.kind[row] === SpanKind.Client &&
      index.kind[row + 1] === SpanKind.Server
    ) {
      peer[row] = row + 1;
      peer[row + 1] = row;
    }
  }
  return peer;
}

export interface SkeletonExtras {
  critical: readonly CriticalSegment[];
  problems: TraceProblemList;
}

export function buildSkeleton(index: TraceIndex, extras: SkeletonExtras): TraceSkeleton {
  const n = index.spans.length;
  const eventOffsets = new Int32Array(n + 1);
  const ids: string[] = new Array<string>(n);
  let events = 0;
  for (let row = 0; row < n; row++) {
    const span = index.spans[row];
    ids[row] = span.spanId;
    events += span.events.length;
    eventOffsets[row + 1] = events;
  }
  const startNs = BigInt(Math.round(index.traceStartUs)) * 1000n;
  const eventTimesUs = new Float64Array(events);
  let e = 0;
  for (let row = 0; row < n; row++) {
    for (const event of index.spans[row].events) {
      eventTimesUs[e++] = Number(event.timeUnixNano - startNs) / 1000;
    }
  }
  return {
    traceId: index.trace.traceId,
    spanCount: n,
    // Copies: these buffers are transferred away, and the worker keeps using the index.
    parent: index.parent.slice(),
    depth: index.depth.slice(),
    subtreeEnd: index.subtreeEnd.slice(),
    childCount: index.childCount.slice(),
    startUs: index.startUs.slice(),
    durationUs: index.durationUs.slice(),
    service: index.service.slice(),
    services: index.services,
    operation: index.operation.slice(),
    operations: index.operations,
    kind: index.kind.slice(),
    error: index.error.slice(),
    linkCount: index.linkCount.slice(),
    eventOffsets,
    eventTimesUs,
    rpcPeer: rpcPeers(index),
    spanIdsPacked: ids.join(''),
    traceStartUs: index.traceStartUs,
    traceDurationUs: index.traceDurationUs,
    maxDepth: index.maxDepth,
    errorCount: index.errorCount,
    orphanCount: index.orphanCount,
    duplicateSpanIdCount: index.duplicateSpanIdCount,
    cycleSpanCount: index.cycleSpanCount,
    summary: summarizeTrace(index.trace),
    critical: criticalByRow(n, extras.critical),
    rowsByService: rowsByService(index.service, index.services.length),
    slowestUs: slowestPercentileUs(index.durationUs),
    problems: extras.problems,
    traceWarnings: [...index.trace.warnings],
  };
}

/** The buffers to hand over with postMessage instead of copying. */
export function skeletonTransferables(s: TraceSkeleton): ArrayBuffer[] {
  const arrays = [
    s.parent,
    s.depth,
    s.subtreeEnd,
    s.childCount,
    s.startUs,
    s.durationUs,
    s.service,
    s.operation,
    s.kind,
    s.error,
    s.linkCount,
    s.eventOffsets,
    s.eventTimesUs,
    s.rpcPeer,
    s.critical.onPath,
    s.critical.rows,
    s.critical.offsets,
    s.critical.startUs,
    s.critical.endUs,
    s.rowsByService.offsets,
    s.rowsByService.rows,
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}
