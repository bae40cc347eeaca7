/** Flattens an indexed trace into the transferable arrays the page renders from. */
import type { CriticalSegment } from '../../core/criticalPath/criticalPath';
import { SpanKind } from '../../core/model/trace';
import { summarizeIndex } from '../../core/tree/indexSummary';
import type { Span } from '../../core/model/trace';
import type { EventTimesByInput } from '../../core/tree/traceColumns';
import type { TraceTree } from '../../core/tree/traceIndex';
import { criticalByRow, rowsByService, slowestPercentileUs } from './rowGroups';
import type { TraceProblemList, TraceSkeleton } from './traceModel';
import { utf8 } from './utf8';

/** A CLIENT row's SERVER child when it is the only child (in pre-order, the next row). */
function rpcPeers(index: TraceTree): Int32Array {
  const n = index.spanCount;
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
  /** Warnings the backend attached to the trace. */
  warnings: readonly string[];
  /** The spans in display order, when the worker has them: what events and IDs are read from otherwise. */
  spans?: readonly Span[];
  /** When the decoder has them (the byte scan does): saves decoding every span's events. */
  events?: EventTimesByInput;
  /** Span IDs in input order as 16 ASCII hex digits each (the byte scan has them). */
  spanIdBytes?: Uint8Array;
}

/** All span IDs in display order, back to back. */
function packedSpanIds(index: TraceTree, extras: SkeletonExtras): string {
  const n = index.spanCount;
  const known = extras.spanIdBytes;
  if (!known) {
    const spans = spansOf(extras);
    const ids = new Array<string>(n);
    for (let row = 0; row < n; row++) ids[row] = spans[row].spanId;
    return ids.join('');
  }
  const packed = new Uint8Array(n * 16);
  const order = index.inputIndex;
  if (known.byteOffset % 4 === 0) {
    // Four 32-bit words an ID rather than sixteen bytes.
    const from = new Uint32Array(known.buffer, known.byteOffset, n * 4);
    const to = new Uint32Array(packed.buffer);
    for (let row = 0; row < n; row++) {
      const at = order[row] * 4;
      const out = row * 4;
      to[out] = from[at];
      to[out + 1] = from[at + 1];
      to[out + 2] = from[at + 2];
      to[out + 3] = from[at + 3];
    }
  } else {
    for (let row = 0; row < n; row++)
      packed.set(known.subarray(order[row] * 16, order[row] * 16 + 16), row * 16);
  }
  return utf8(packed);
}

/** Each row's event times relative to the trace start, in display order. */
function eventColumns(index: TraceTree, extras: SkeletonExtras) {
  const n = index.spanCount;
  const known = extras.events;
  const spans = known ? [] : spansOf(extras);
  const eventOffsets = new Int32Array(n + 1);
  let events = 0;
  for (let row = 0; row < n; row++) {
    const i = index.inputIndex[row];
    events += known ? known.offsets[i + 1] - known.offsets[i] : spans[row].events.length;
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
      for (const event of spans[row].events) {
        eventTimesUs[e++] = Number(event.timeUnixNano - startNs) / 1000;
      }
    }
  }
  return { eventOffsets, eventTimesUs };
}

function spansOf(extras: SkeletonExtras): readonly Span[] {
  if (!extras.spans) throw new Error('a skeleton without spans needs their IDs and event times');
  return extras.spans;
}

export function buildSkeleton(index: TraceTree, extras: SkeletonExtras): TraceSkeleton {
  const n = index.spanCount;
  const { eventOffsets, eventTimesUs } = eventColumns(index, extras);
  return {
    traceId: index.traceId,
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
    spanIdsPacked: packedSpanIds(index, extras),
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
    traceWarnings: [...extras.warnings],
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
