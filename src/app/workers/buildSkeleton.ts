/** Flattens an indexed trace into the transferable arrays the page renders from. */
import type { CriticalSegment } from '../../core/criticalPath/criticalPath';
import { SpanKind } from '../../core/model/trace';
import { summarizeIndex } from '../../core/tree/indexSummary';
import type { TraceIndex } from '../../core/tree/traceIndex';
import { criticalByRow, rowsByService, slowestPercentileUs } from './rowGroups';
import type { TraceProblemList, TraceSkeleton } from './traceModel';
import { utf8 } from './utf8';

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

/** Event times of the span at input position i: timesUs[offsets[i] … offsets[i + 1] - 1], epoch µs. */
export interface EventTimesByInput {
  offsets: Int32Array;
  timesUs: Float64Array;
}

export interface SkeletonExtras {
  critical: readonly CriticalSegment[];
  problems: TraceProblemList;
  /** When the decoder has them (the byte scan does): saves decoding every span's events. */
  events?: EventTimesByInput;
  /** Span IDs in input order as 16 ASCII hex digits each (the byte scan has them). */
  spanIdBytes?: Uint8Array;
}

/** All span IDs in display order, back to back. */
function packedSpanIds(index: TraceIndex, known: Uint8Array | undefined): string {
  const n = index.spans.length;
  if (!known) {
    const ids = new Array<string>(n);
    for (let row = 0; row < n; row++) ids[row] = index.spans[row].spanId;
    return ids.join('');
  }
  const packed = new Uint8Array(n * 16);
  for (let row = 0; row < n; row++) {
    const from = index.inputIndex[row] * 16;
    for (let k = 0; k < 16; k++) packed[row * 16 + k] = known[from + k];
  }
  return utf8(packed);
}

/** Each row's event times relative to the trace start, in display order. */
function eventColumns(index: TraceIndex, known?: EventTimesByInput) {
  const n = index.spans.length;
  const eventOffsets = new Int32Array(n + 1);
  let events = 0;
  for (let row = 0; row < n; row++) {
    const i = index.inputIndex[row];
    events += known ? known.offsets[i + 1] - known.offsets[i] : index.spans[row].events.length;
    eventOffsets[row + 1] = events;
  }
  const eventTimesUs = new Float64Array(events);
  const startNs = BigInt(Math.round(index.traceStartUs)) * 1000n;
  let e = 0;
  for (let row = 0; row < n; row++) {
    if (known) {
      const i = index.inputIndex[row];
      for (let k = known.offsets[i]; k < known.offsets[i + 1]; k++) {
        eventTimesUs[e++] = known.timesUs[k] - index.traceStartUs;
      }
    } else {
      for (const event of index.spans[row].events) {
        eventTimesUs[e++] = Number(event.timeUnixNano - startNs) / 1000;
      }
    }
  }
  return { eventOffsets, eventTimesUs };
}

export function buildSkeleton(index: TraceIndex, extras: SkeletonExtras): TraceSkeleton {
  const n = index.spans.length;
  const { eventOffsets, eventTimesUs } = eventColumns(index, extras.events);
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
    flags: index.flags.slice(),
    linkCount: index.linkCount.slice(),
    eventOffsets,
    eventTimesUs,
    rpcPeer: rpcPeers(index),
    spanIdsPacked: packedSpanIds(index, extras.spanIdBytes),
    traceStartUs: index.traceStartUs,
    traceDurationUs: index.traceDurationUs,
    maxDepth: index.maxDepth,
    errorCount: index.errorCount,
    orphanCount: index.orphanCount,
    duplicateSpanIdCount: index.duplicateSpanIdCount,
    cycleSpanCount: index.cycleSpanCount,
    summary: summarizeIndex(index),
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
    s.flags,
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
