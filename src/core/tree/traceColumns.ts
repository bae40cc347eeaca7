/**
 * A trace as the waterfall reads it, column by column in input order, without span objects:
 * what indexColumns turns into a tree in display order. The page gets these columns either by
 * decoding spans (Jaeger JSON, OTLP) or straight from the all-in-one's compact columns route
 * (core/columns), which is how a million-span trace opens in seconds (docs/adr/0017).
 */
import type { SpanParents, SpanTimes } from './spanTree';

/** Bits of TraceColumns.flags. */
export const SpanFlag = {
  /** The span's status is Error. */
  Error: 1,
  /** The span names a parent span ID (an orphan does too, naming a span not in the trace). */
  HasParentId: 2,
  /** The span's reference to its parent is FOLLOWS_FROM: the parent does not wait for it. */
  FollowsFromParent: 4,
} as const;

/** Event times of the span at input position i: timesUs[offsets[i] … offsets[i + 1] - 1], epoch µs. */
export interface EventTimesByInput {
  offsets: Int32Array;
  timesUs: Float64Array;
}

export interface TraceColumns {
  /** 32 lower-case hex digits. */
  traceId: string;
  spanCount: number;
  /** Start and end of each span, as spanTimes computes them from the spans. */
  times: SpanTimes;
  /** Each span's parent by input position, as spanParents resolves them. */
  parents: SpanParents;
  /** OTLP SpanKind of each span. */
  kind: Uint8Array;
  /** SpanFlag bits of each span. */
  flags: Uint8Array;
  /** Links of each span (references other than the one to its parent). */
  linkCount: Int32Array;
  /** Index into serviceNames of each span's service; any numbering, indexColumns renumbers. */
  serviceKey: Int32Array;
  serviceNames: string[];
  /** Index into operationNames of each span's name. */
  operationKey: Int32Array;
  operationNames: string[];
  /** Warnings the backend attached to the trace as a whole. */
  warnings: string[];
  /** When the source has them: every span's event times. */
  events?: EventTimesByInput;
  /** When the source has them: every span ID as 16 ASCII hex digits, back to back. */
  spanIdBytes?: Uint8Array;
}
