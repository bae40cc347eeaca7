/**
 * A trace as compact columns (docs/trace-columns-api.md, docs/adr/0017): from the spans a trace
 * response writes, in its order, exactly what the page computes after decoding that response's
 * Jaeger JSON (times in whole microseconds, parents and links from the written references, kind
 * and error from the written tags), at about 50 bytes a span instead of 850.
 *
 * The encoder takes the spans in slices (`add`), so that a server can let other work run
 * between two slices of a million-span trace, then resolves parents and times (`finish`).
 */
import { spanIdHalves } from '../adjust/spanIdIndex';
import { NameInterner } from '../model/nameInterner';
import type { SpanSequence } from '../adjust/adjustPlan';
import { normalizeSpanId } from '../model/ids';
import type { Resource } from '../model/trace';
import { hex8, SpanIdTable } from '../tree/spanIdTable';
import { SpanFlag } from '../tree/traceColumns';
import {
  asciiJson,
  COLUMNS_MAGIC,
  COLUMNS_VERSION,
  align8,
  HEADER_BYTES,
  MAX_EVENTS,
  requireLittleEndian,
  MAX_SPANS,
  SPAN_ID_BYTES,
  spanSectionsLayout,
  type ColumnsPrelude,
} from './columnsFormat';
import { acquireScratch, releaseScratch, type EncoderScratch } from './encoderScratch';
import {
  decodedTraceId,
  ERROR_BIT,
  KIND_BITS,
  readBackKindAndError,
  readBackReferences,
} from './jaegerReadBack';

/** Set while encoding: the span names a follows-from parent, kept if that parent is in the trace. */
const FOLLOWS_FROM_CANDIDATE = SpanFlag.FollowsFromParent;

/** How many whole thousands a non-negative safe integer holds, exactly (x / 1000 may round up). */
function wholeThousands(x: number): number {
  let q = Math.floor(x / 1000);
  if (q * 1000 > x) q--;
  else if ((q + 1) * 1000 <= x) q++;
  return q;
}

/**
 * Reads a span ID as the decoder normalizes it (1–16 hex digits, any case, left-padded) into
 * `out` as two int32 halves; false when it is not one. 16 lower-case digits, the model's form,
 * take one loop.
 */
function parseSpanId(id: string, out: Int32Array): boolean {
  if (spanIdHalves(id, out)) return true;
  const normalized = normalizeSpanId(id);
  return normalized !== null && spanIdHalves(normalized, out);
}

const HEX_DIGIT = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Writes the two halves as 16 lower-case hex digits at `at`. */
function putHalves(hi: number, lo: number, out: Uint8Array, at: number): void {
  for (let k = 7; k >= 0; k--) {
    out[at + k] = HEX_DIGIT[hi & 15];
    out[at + 8 + k] = HEX_DIGIT[lo & 15];
    hi >>>= 4;
    lo >>>= 4;
  }
}

/** Span ID → input position of the first span with it, as the columns resolve parents. */
export class FirstPositions {
  private readonly id = new Int32Array(2);
  private readonly table: SpanIdTable;

  /** From the columns' span IDs (16 hex digits a span, back to back). */
  constructor(spanIds: Uint8Array) {
    const n = spanIds.length / SPAN_ID_BYTES;
    const hi = new Int32Array(n);
    const lo = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      hi[i] = hex8(spanIds, SPAN_ID_BYTES * i) | 0;
      lo[i] = hex8(spanIds, SPAN_ID_BYTES * i + 8) | 0;
    }
    this.table = new SpanIdTable(hi, lo);
    for (let i = 0; i < n; i++) this.table.add(i);
  }

  /** -1 when no span has the ID (or it is not a span ID). */
  get(spanId: string): number {
    return parseSpanId(spanId, this.id) ? this.table.get(this.id[0], this.id[1]) : -1;
  }
}

/** A finished encoding: the buffer in parts (to be sent or joined in order), and lookups. */
export interface EncodedColumns {
  /** Header and prelude, the span sections, the event times: the buffer is their concatenation. */
  parts: Uint8Array[];
  byteLength: number;
  /** The span IDs section: 16 hex digits a span (see FirstPositions). */
  spanIds: Uint8Array;
  /** Spans whose ID an earlier span has. */
  duplicates: number;
}

/** Typed views of the span sections of a buffer laid out by spanSectionsLayout. */
function spanSectionViews(body: Uint8Array, n: number) {
  const layout = spanSectionsLayout(n);
  const { buffer } = body;
  return {
    // Epoch microseconds while spans are added, nanoseconds from the earliest start once finished.
    startNs: new Float64Array(buffer, layout.startNs, n),
    endNs: new Float64Array(buffer, layout.endNs, n),
    parentOf: new Int32Array(buffer, layout.parentOf, n),
    serviceKey: new Int32Array(buffer, layout.serviceKey, n),
    operationKey: new Int32Array(buffer, layout.operationKey, n),
    linkCount: new Int32Array(buffer, layout.linkCount, n),
    eventOffsets: new Int32Array(buffer, layout.eventOffsets, n + 1),
    kind: new Uint8Array(buffer, layout.kind, n),
    flags: new Uint8Array(buffer, layout.flags, n),
    spanIds: new Uint8Array(buffer, layout.spanIds, SPAN_ID_BYTES * n),
  };
}

/**
 * Reads spans into the span sections of the final buffer directly: one allocation of ~54 bytes
 * a span, the rest in reused scratch (encoderScratch.ts), since at a million spans every 64 MB
 * of new typed arrays costs a full garbage collection of a heap of a few GB.
 */
export class TraceColumnsEncoder {
  readonly length: number;
  /** Spans added so far. */
  private count = 0;
  private readonly traceId: string;
  private readonly body: Uint8Array;
  private readonly columns: ReturnType<typeof spanSectionViews>;
  private readonly scratch: EncoderScratch;
  private readonly idHi: Int32Array;
  private readonly idLo: Int32Array;
  private readonly parentHi: Int32Array;
  private readonly parentLo: Int32Array;
  private eventTimesUs = new Float64Array(1024);
  private eventCount = 0;
  private readonly services = new NameInterner();
  private readonly operations = new NameInterner();
  private lastResource: Resource | undefined;
  private lastService = -1;
  private readonly idScratch = new Int32Array(2);
  /** A whole microsecond near the trace's times (see `micros`); -1 until the first span. */
  private baseNs = -1n;
  private baseUs = 0;
  private finished = false;

  constructor(private readonly sequence: SpanSequence) {
    requireLittleEndian();
    const n = sequence.length;
    if (n > MAX_SPANS) throw new Error(`a trace of ${n} spans is past the columns format's ${MAX_SPANS}`);
    this.length = n;
    this.traceId =
      n > 0 ? this.spanTraceId(sequence.span(0).traceId) : (decodedTraceId(sequence.traceId) ?? '');
    this.body = new Uint8Array(spanSectionsLayout(n).total);
    this.columns = spanSectionViews(this.body, n);
    this.scratch = acquireScratch(n);
    ({ idHi: this.idHi, idLo: this.idLo, parentHi: this.parentHi, parentLo: this.parentLo } = this.scratch);
  }

  /** Whether every span has been added. */
  get done(): boolean {
    return this.count === this.length;
  }

  private spanTraceId(traceId: string): string {
    const decoded = decodedTraceId(traceId);
    if (decoded === null) throw new Error(`span trace ID ${JSON.stringify(traceId)} is not hex`);
    return decoded;
  }

  /** Reads the next `max` spans (or the rest). */
  add(max = Infinity): void {
    const to = Math.min(this.length, this.count + max);
    for (let i = this.count; i < to; i++) this.addSpan(i);
    this.count = to;
  }

  private addSpan(i: number): void {
    const c = this.columns;
    const s = this.sequence.span(i);
    const start = this.micros(s.startTimeUnixNano);
    c.startNs[i] = start;
    c.endNs[i] = start + this.durationMicros(s.startTimeUnixNano, s.endTimeUnixNano);

    const id = this.idScratch;
    if (!parseSpanId(s.spanId, id))
      throw new Error(`span ID ${JSON.stringify(s.spanId)} at position ${i} is not hex`);
    this.idHi[i] = id[0];
    this.idLo[i] = id[1];
    putHalves(id[0], id[1], c.spanIds, SPAN_ID_BYTES * i);

    let flags = 0;
    // The usual span has no links: at most one reference, CHILD_OF its parent.
    let parentSpanId = s.parentSpanId;
    if (s.links.length > 0) {
      const traceId = s.traceId === this.traceId ? this.traceId : this.spanTraceId(s.traceId);
      const refs = readBackReferences(s, traceId);
      parentSpanId = refs.parentSpanId;
      c.linkCount[i] = refs.linkCount;
      if (refs.followsFromParent) flags |= FOLLOWS_FROM_CANDIDATE;
    }
    if (parentSpanId && parseSpanId(parentSpanId, id)) {
      this.parentHi[i] = id[0];
      this.parentLo[i] = id[1];
      flags |= SpanFlag.HasParentId;
    } else flags &= ~FOLLOWS_FROM_CANDIDATE;
    const kindAndError = readBackKindAndError(s);
    c.kind[i] = kindAndError & KIND_BITS;
    c.flags[i] = flags | (kindAndError & ERROR_BIT ? SpanFlag.Error : 0);

    if (s.resource !== this.lastResource) {
      this.lastResource = s.resource;
      this.lastService = this.services.idOf(s.resource.serviceName || 'empty-service-name');
    }
    c.serviceKey[i] = this.lastService;
    c.operationKey[i] = this.operations.idOf(s.name);

    const events = s.events;
    if (this.eventCount + events.length > this.eventTimesUs.length) this.growEvents(events.length);
    for (let e = 0; e < events.length; e++)
      this.eventTimesUs[this.eventCount++] = this.micros(events[e].timeUnixNano);
    if (this.eventCount > MAX_EVENTS)
      throw new Error(`a trace of ${this.eventCount} events is past the columns format's ${MAX_EVENTS}`);
    c.eventOffsets[i + 1] = this.eventCount;
  }

  /**
   * Whole microseconds of an epoch-nanosecond time, cut towards zero as the writer's bigint
   * division cuts them. Times near the first span's are one bigint subtraction and double
   * arithmetic away from a base that is a whole microsecond; others take the division.
   */
  private micros(ns: bigint): number {
    if (this.baseNs < 0n) {
      this.baseNs = ns > 0n ? ns - (ns % 1000n) : 0n;
      this.baseUs = Number(this.baseNs / 1000n);
    }
    const base = this.baseNs;
    if (ns < base) return Number(ns / 1000n);
    const offset = Number(ns - base);
    if (offset > Number.MAX_SAFE_INTEGER) return Number(ns / 1000n);
    return this.baseUs + wholeThousands(offset);
  }

  private durationMicros(start: bigint, end: bigint): number {
    const ns = Number(end - start);
    if (Math.abs(ns) > Number.MAX_SAFE_INTEGER) return Number((end - start) / 1000n);
    return ns < 0 ? -wholeThousands(-ns) : wholeThousands(ns);
  }

  private growEvents(need: number): void {
    const grown = new Float64Array(Math.max(this.eventTimesUs.length * 2, this.eventCount + need));
    grown.set(this.eventTimesUs.subarray(0, this.eventCount));
    this.eventTimesUs = grown;
  }

  /** The buffer, once every span has been added; the encoder is spent. */
  finish(): EncodedColumns {
    if (!this.done) throw new Error(`${this.length - this.count} spans have not been added yet`);
    if (this.finished) throw new Error('the columns are finished already');
    this.finished = true;
    const n = this.length;
    const c = this.columns;

    // Parents by input position, as spanParents resolves them: the first span with an ID wins.
    const table = this.scratch;
    table.resetTable(n);
    let duplicates = 0;
    for (let i = 0; i < n; i++) if (table.add(i) !== i) duplicates++;
    const { parentOf, flags } = c;
    let orphans = 0;
    let selfParents = 0;
    for (let i = 0; i < n; i++) {
      parentOf[i] = -1;
      if (!(flags[i] & SpanFlag.HasParentId)) continue;
      const p = table.get(this.parentHi[i], this.parentLo[i]);
      if (p < 0) orphans++;
      else if (p === i) selfParents++;
      else parentOf[i] = p;
      // FOLLOWS_FROM only counts for a parent in the trace.
      if (parentOf[i] < 0) flags[i] &= ~FOLLOWS_FROM_CANDIDATE;
    }
    releaseScratch(this.scratch);

    const { startNs, endNs } = c;
    let minUs = Infinity;
    let maxEndUs = -Infinity;
    for (let i = 0; i < n; i++) {
      if (startNs[i] < minUs) minUs = startNs[i];
      if (endNs[i] > maxEndUs) maxEndUs = endNs[i];
    }
    for (let i = 0; i < n; i++) {
      // Whole microseconds below 2^53 apart: exact, and +0 for the earliest span.
      startNs[i] = (startNs[i] - minUs) * 1000;
      endNs[i] = (endNs[i] - minUs) * 1000;
    }
    const prelude: ColumnsPrelude = {
      traceId: this.traceId,
      spanCount: n,
      eventCount: this.eventCount,
      minStartUs: n ? minUs : 0,
      maxEndNs: n ? (maxEndUs - minUs) * 1000 : 0,
      services: this.services.names,
      operations: this.operations.names,
      warnings: [...this.sequence.warnings],
      orphans,
      duplicates,
      selfParents,
    };
    const preludeText = asciiJson(prelude);
    const head = new Uint8Array(align8(HEADER_BYTES + preludeText.length));
    head.set(COLUMNS_MAGIC, 0);
    const view = new DataView(head.buffer);
    view.setUint32(4, COLUMNS_VERSION, true);
    view.setUint32(8, preludeText.length, true);
    for (let k = 0; k < preludeText.length; k++) head[HEADER_BYTES + k] = preludeText.charCodeAt(k);
    const events = new Uint8Array(this.eventTimesUs.buffer, 0, 8 * this.eventCount);
    return {
      parts: [head, this.body, events],
      byteLength: head.length + this.body.length + events.length,
      spanIds: c.spanIds,
      duplicates,
    };
  }
}

/** The parts of a finished encoding as one buffer. */
export function joinParts(encoded: EncodedColumns): Uint8Array {
  const bytes = new Uint8Array(encoded.byteLength);
  let at = 0;
  for (const part of encoded.parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** The columns of the spans `sequence` yields, in its order (for a server: the adjusted trace). */
export function encodeTraceColumns(sequence: SpanSequence): Uint8Array {
  const encoder = new TraceColumnsEncoder(sequence);
  encoder.add();
  return joinParts(encoder.finish());
}
