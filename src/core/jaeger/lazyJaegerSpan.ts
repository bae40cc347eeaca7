/**
 * Spans of a scanned Jaeger response (scanJaegerResponse.ts) as views over the scan's columns:
 * each span object holds only its position, and reads its fields from typed arrays shared by
 * all spans. Attributes, events and links are decoded on first use, by parsing this span's own
 * JSON with the general decoder, so every field equals what tracesFromJaegerResponse makes.
 *
 * Why: the trace page needs only the tree, times, names and status of each span to draw rows.
 * Decoding all of a 100k-span response up front (millions of objects) was most of the time to
 * first rows, and 100k full-size span objects alone kept the collector busy for a quarter second.
 */
import type { Attribute } from '../model/attributes';
import type { Resource, Scope, Span, SpanEvent, SpanKind, SpanLink, SpanStatus } from '../model/trace';
import { spanFromJaeger, type DecodeCaches } from './fromJaegerJson';
import type { JaegerSpan, JaegerTrace } from './jaegerJson';
import type { Utf8Decoder } from './jsonBytes';

/** Parent of a span without one, in ScannedSpans.parentRef. */
export const NO_PARENT = -1;
/** Parent that names no span of the trace; its ID is in ScannedSpans.orphanParentIds. */
export const ABSENT_PARENT = -2;

/** The columns the spans read, by input position. */
export interface ScannedSpans {
  readonly bytes: Uint8Array;
  readonly utf8: Utf8Decoder;
  /** The trace as far as spanFromJaeger reads it (ID and processes). */
  readonly trace: Pick<JaegerTrace, 'traceID' | 'processes'>;
  readonly caches: DecodeCaches;
  /** Byte range of each span's JSON object. */
  readonly from: Float64Array;
  readonly to: Float64Array;
  /** The trace ID of the first span, and of any span whose differs. */
  readonly traceId: string;
  readonly otherTraceIds: ReadonlyMap<number, string>;
  /** All span IDs, 16 hex digits each, back to back. */
  readonly packedIds: string;
  /** The span whose ID the parent span ID is (the first with that ID), or NO_PARENT / ABSENT_PARENT. */
  readonly parentRef: Int32Array;
  readonly orphanParentIds: ReadonlyMap<number, string>;
  /** Whole epoch microseconds. */
  readonly startUs: Float64Array;
  readonly durationUs: Float64Array;
  readonly nameId: Int32Array;
  readonly names: readonly string[];
  readonly resource: readonly Resource[];
  readonly kind: Uint8Array;
  readonly status: readonly SpanStatus[];
  readonly eventOffsets: Int32Array;
  readonly linkCount: Int32Array;
  /** Spans decoded so far, by input position (see DecodedSpans). */
  readonly decoded: DecodedSpans;
}

/**
 * Where decoded spans are kept. Up to a few hundred thousand spans, all of them (reading a span
 * twice costs nothing, and the views that read every span are fast the second time); beyond, the
 * most recent ones only, so that one pass over a million spans (the first text search) does not
 * keep gigabytes of objects alive in the worker.
 */
/** Up to this many spans every decoded span is kept. */
export const KEEP_ALL_DECODED_UP_TO = 300_000;

export class DecodedSpans {
  private readonly all: (Span | undefined)[] | null;
  private readonly recent = new Map<number, Span>();

  constructor(
    spanCount: number,
    /** Above this many spans only `recentLimit` decoded spans are kept. */
    keepAllUpTo = KEEP_ALL_DECODED_UP_TO,
    private readonly recentLimit = 4_096,
  ) {
    this.all = spanCount <= keepAllUpTo ? [] : null;
  }

  /** Whether every decoded span is kept (reading ahead then pays off). */
  get keepsAll(): boolean {
    return this.all !== null;
  }

  get(at: number): Span | undefined {
    return this.all ? this.all[at] : this.recent.get(at);
  }

  set(at: number, span: Span): void {
    if (this.all) {
      this.all[at] = span;
      return;
    }
    if (this.recent.size >= this.recentLimit) {
      const oldest = this.recent.keys().next();
      if (!oldest.done) this.recent.delete(oldest.value);
    }
    this.recent.set(at, span);
  }
}

const NONE: readonly never[] = Object.freeze([]);

export class LazyJaegerSpan implements Span {
  // Native private fields: structured clone skips them, so a lazy span never drags the whole
  // response along through postMessage (send `decoded()` instead).
  readonly #s: ScannedSpans;
  readonly #at: number;

  constructor(spans: ScannedSpans, at: number) {
    this.#s = spans;
    this.#at = at;
  }

  get traceId(): string {
    return this.#s.otherTraceIds.get(this.#at) ?? this.#s.traceId;
  }

  get spanId(): string {
    return this.#s.packedIds.slice(this.#at * 16, this.#at * 16 + 16);
  }

  get parentSpanId(): string {
    const ref = this.#s.parentRef[this.#at];
    if (ref >= 0) return this.#s.packedIds.slice(ref * 16, ref * 16 + 16);
    return ref === NO_PARENT ? '' : (this.#s.orphanParentIds.get(this.#at) ?? '');
  }

  get name(): string {
    return this.#s.names[this.#s.nameId[this.#at]];
  }

  get kind(): SpanKind {
    return this.#s.kind[this.#at] as SpanKind;
  }

  get status(): SpanStatus {
    return this.#s.status[this.#at];
  }

  get resource(): Resource {
    return this.#s.resource[this.#at];
  }

  get startTimeUnixNano(): bigint {
    return BigInt(this.#s.startUs[this.#at]) * 1000n;
  }

  get endTimeUnixNano(): bigint {
    return BigInt(this.#s.startUs[this.#at] + this.#s.durationUs[this.#at]) * 1000n;
  }

  get traceState(): string {
    return this.decoded().traceState;
  }

  get flags(): number {
    return this.decoded().flags;
  }

  get attributes(): readonly Attribute[] {
    return this.decoded().attributes;
  }

  get events(): readonly SpanEvent[] {
    const { eventOffsets } = this.#s;
    return eventOffsets[this.#at + 1] === eventOffsets[this.#at] ? NONE : this.decoded().events;
  }

  get links(): readonly SpanLink[] {
    return this.#s.linkCount[this.#at] === 0 ? NONE : this.decoded().links;
  }

  get scope(): Scope {
    return this.decoded().scope;
  }

  get warnings(): readonly string[] {
    return this.decoded().warnings;
  }

  /** The span as a plain object (what structured clone and JSON can carry), decoded once. */
  decoded(): Span {
    const s = this.#s;
    const at = this.#at;
    let span = s.decoded.get(at);
    if (!span) {
      const json = JSON.parse(s.utf8(s.bytes.subarray(s.from[at], s.to[at]))) as JaegerSpan;
      const full = spanFromJaeger(json, s.trace, `data[0].spans[${at}]`, s.caches);
      // The scanned resource is the one rows were grouped by: keep the two the same object.
      span = { ...full, resource: s.resource[at] };
      s.decoded.set(at, span);
    }
    return span;
  }
}

/** The span as a plain object: lazy spans decoded, others as they are. */
export function plainSpan(span: Span): Span {
  return span instanceof LazyJaegerSpan ? span.decoded() : span;
}
