/**
 * What the page holds of a loaded trace. The spans themselves stay in the worker that parsed them:
 * structured-cloning 100k Span objects (attributes, events, bigints) to the page measured ~4 s of
 * serialisation plus ~6 s of deserialisation in V8, while these flat arrays transfer for free.
 * A span's attributes, events and links are fetched by row when it is opened.
 */
import type { Span, SpanLink } from '../../core/model/trace';
import type { TraceSummary } from '../../core/trace/summary';

export interface TraceSkeleton {
  traceId: string;
  spanCount: number;
  /** Row of each span's parent in display order (depth-first, children by start); -1 for roots. */
  parent: Int32Array;
  depth: Int32Array;
  /** Exclusive end row of each row's subtree (pre-order: descendants of r are r+1 … subtreeEnd[r]-1). */
  subtreeEnd: Int32Array;
  childCount: Int32Array;
  /** Microseconds from the trace start. */
  startUs: Float64Array;
  durationUs: Float64Array;
  /** Index into `services`, which is in first-seen display order. */
  service: Int32Array;
  services: string[];
  /** Index into `operations` (names are interned: a batch trace repeats a few hundred names). */
  operation: Int32Array;
  operations: string[];
  /** OTLP SpanKind per row. */
  kind: Uint8Array;
  /** 1 where the span's status is Error. */
  error: Uint8Array;
  /** SpanFlag bits per row (core/tree/traceColumns.ts). */
  flags: Uint8Array;
  linkCount: Int32Array;
  /** Events of row r are eventTimesUs[eventOffsets[r] .. eventOffsets[r + 1]), relative to the trace start. */
  eventOffsets: Int32Array;
  eventTimesUs: Float64Array;
  /**
   * The other half of a client→server call: a CLIENT row points at its only SERVER child and that
   * child points back; -1 elsewhere.
   */
  rpcPeer: Int32Array;
  /** All span IDs, 16 hex digits each, back to back (one string clones as a memcpy). */
  spanIdsPacked: string;
  traceStartUs: number;
  traceDurationUs: number;
  maxDepth: number;
  errorCount: number;
  orphanCount: number;
  duplicateSpanIdCount: number;
  cycleSpanCount: number;
  summary: TraceSummary;
  /** The critical path by row, times relative to the trace start. */
  critical: CriticalByRow;
  rowsByService: RowsByService;
  /** The shortest duration among the slowest 1 % of spans, for the "Slowest" quick find. */
  slowestUs: number;
  /** Readable descriptions of what is wrong with the trace as a whole (orphans, cycles, skew...). */
  problems: TraceProblemList;
  /** Warnings the backend attached to the trace. */
  traceWarnings: string[];
}

export interface CriticalByRow {
  /** 1 for each row with at least one critical segment. */
  onPath: Uint8Array;
  /** Distinct rows on the path, ascending (the "critical path only" filter, `is:critical`). */
  rows: Int32Array;
  /** Segments of row r are offsets[r] .. offsets[r + 1] into startUs / endUs. */
  offsets: Int32Array;
  startUs: Float64Array;
  endUs: Float64Array;
}

/** Rows of service i are rows[offsets[i] .. offsets[i + 1]), in display order. */
export interface RowsByService {
  offsets: Int32Array;
  rows: Int32Array;
}

export interface TraceProblem {
  /** Stable identifier, e.g. `orphans`, for tests and styling. */
  kind: string;
  count: number;
  message: string;
}

export interface TraceProblemList {
  items: TraceProblem[];
}

export interface ResolvedLink {
  link: SpanLink;
  /** The linked span's row when it is in this trace, else -1. */
  row: number;
}

/** Everything the details panel shows for one span. */
export interface SpanDetailsPayload {
  row: number;
  span: Span;
  parentSpanId: string;
  links: ResolvedLink[];
  /** The span's own warnings plus what the page found wrong with it (skew, orphan, duplicate ID). */
  warnings: string[];
}

/** `waitsForSpans`: the query reads span objects, which are still downloading (ADR 18). */
export type FindOutcome = { rows: Int32Array } | { error: string; waitsForSpans?: boolean };

export function spanIdOfRow(skeleton: TraceSkeleton, row: number): string {
  return skeleton.spanIdsPacked.slice(row * 16, row * 16 + 16);
}

/** The row of a span ID (first occurrence), or -1. Linear over a flat string: about 1 ms per 100k. */
export function rowOfSpanId(skeleton: TraceSkeleton, spanId: string): number {
  const id = spanId.toLowerCase().padStart(16, '0');
  let from = 0;
  for (;;) {
    const at = skeleton.spanIdsPacked.indexOf(id, from);
    if (at < 0) return -1;
    if (at % 16 === 0) return at / 16;
    from = at + 1;
  }
}
