/**
 * The fast way from a `GET /api/traces/{id}` body to the trace model: one pass over the bytes
 * that reads what the trace page draws (IDs, parent references, times, names, process, kind,
 * status, event times, link counts) and skips attribute values, then lazy spans whose other
 * fields are decoded on first use (lazyJaegerSpan.ts). JSON.parse of a 100k-span response alone
 * took longer than the page's whole budget for first rows.
 *
 * The scan can follow a download: give it the bytes received so far as often as you like and it
 * reads every span that has fully arrived, so that little is left to do when the last byte comes.
 *
 * It handles the query API's envelope with spans that reference their process by ID, which is
 * what Jaeger and this project's backend send. For anything else (another shape, invalid JSON,
 * an ID that is not hex, a time that is not a number) `finish` returns null and the caller uses
 * the general decoder, which also words the errors.
 */
import { normalizeTraceId } from '../model/ids';
import type { Resource, Trace } from '../model/trace';
import type { SpanParents, SpanTimes } from '../tree/spanTree';
import { SpanIdTable } from '../tree/spanIdTable';
import { newDecodeCaches, resourceOf } from './fromJaegerJson';
import type { JaegerProcess } from './jaegerJson';
import { JsonBytes, NotHandled, OPEN_BRACE, OPEN_BRACKET, type Utf8Decoder } from './jsonBytes';
import { ABSENT_PARENT, DecodedSpans, LazyJaegerSpan, NO_PARENT, type ScannedSpans } from './lazyJaegerSpan';
import { readSpan } from './readSpan';
import { SpanColumns } from './spanColumns';

export interface ScannedJaegerTrace {
  trace: Trace;
  /** For buildTraceIndex: equal to what it would compute from the spans, found without bigints. */
  times: SpanTimes;
  parents: SpanParents;
  /** Event times of the span at input position i: timesUs[offsets[i] … offsets[i + 1] - 1], epoch µs. */
  events: { offsets: Int32Array; timesUs: Float64Array };
  /** Every span's ID as 16 ASCII hex digits, back to back, in input order. */
  spanIdBytes: Uint8Array;
  /** Byte range of each span's JSON object in the response, in input order. */
  spanBytes: { from: Float64Array; to: Float64Array };
}

/** Where the scan is in the response's structure. */
type Step =
  | 'envelope'
  | 'envelope-member'
  | 'envelope-next'
  | 'trace-member'
  | 'trace-next'
  | 'span'
  | 'span-next'
  | 'data-next'
  | 'data-skip'
  | 'done';

export class JaegerResponseScanner {
  private step: Step = 'envelope';
  private pos = 0;
  private readonly columns = new SpanColumns();
  private sawData = false;
  /** False once the response is known to be something the general decoder must read. */
  private handled = true;
  private hasTrace = false;
  private sawSpans = false;
  private traceIdText: string | null = null;
  private processes: unknown;
  private warnings: unknown;

  constructor(private readonly utf8: Utf8Decoder) {}

  /** Reads as far as `bytes` (the response so far, a prefix of the final bytes) allows. */
  advance(bytes: Uint8Array): void {
    if (this.handled) this.run(new JsonBytes(bytes, this.utf8), false);
  }

  /** The trace, once `bytes` is the whole response; null when the general decoder must read it. */
  finish(bytes: Uint8Array): ScannedJaegerTrace | null {
    if (!this.handled) return null;
    const r = new JsonBytes(bytes, this.utf8);
    try {
      this.run(r, true);
      r.pos = this.pos;
      r.end();
    } catch (error) {
      if (error instanceof NotHandled) return null;
      throw error;
    }
    if (!this.hasTrace || !this.sawSpans || !exactInDoubles(this.columns)) return null;
    return assemble(bytes, this.utf8, this.columns, this);
  }

  private run(r: JsonBytes, final: boolean): void {
    while (this.step !== 'done') {
      r.pos = this.pos;
      try {
        this.step = this.take(r);
      } catch (error) {
        if (!(error instanceof NotHandled)) throw error;
        // Cut off by the end of what has arrived: the same step runs again with more bytes.
        if (final) throw error;
        return;
      }
      this.pos = r.pos;
    }
  }

  /** One step of the walk; it either completes or throws without changing any state. */
  private take(r: JsonBytes): Step {
    switch (this.step) {
      case 'envelope':
        this.need(r, OPEN_BRACE);
        if (!r.openObject()) return 'done';
        return 'envelope-member';
      case 'envelope-member': {
        const key = r.key();
        if (!r.is(key, 'data')) {
          r.skipValue();
          return 'envelope-next';
        }
        if (this.sawData) return this.notHandled(r);
        this.need(r, OPEN_BRACKET);
        if (!r.openArray()) {
          this.sawData = true;
          return 'envelope-next';
        }
        this.need(r, OPEN_BRACE);
        const hasMembers = r.openObject();
        this.sawData = true;
        this.hasTrace = true;
        return hasMembers ? 'trace-member' : 'data-next';
      }
      case 'envelope-next':
        return r.nextMember() ? 'envelope-member' : 'done';
      case 'trace-member':
        return this.traceMember(r);
      case 'trace-next':
        return r.nextMember() ? 'trace-member' : 'data-next';
      case 'span':
        readSpan(r, this.columns);
        return 'span-next';
      case 'span-next':
        return r.nextElement() ? 'span' : 'trace-next';
      case 'data-next':
        return r.nextElement() ? 'data-skip' : 'envelope-next';
      case 'data-skip':
        r.skipValue();
        return 'data-next';
      case 'done':
        return 'done';
    }
  }

  private traceMember(r: JsonBytes): Step {
    const key = r.key();
    if (r.is(key, 'spans')) {
      if (this.sawSpans) return this.notHandled(r);
      this.need(r, OPEN_BRACKET);
      const hasSpans = r.openArray();
      this.sawSpans = true;
      return hasSpans ? 'span' : 'trace-next';
    }
    if (r.is(key, 'traceID')) {
      const value = this.parseValue(r);
      this.traceIdText = typeof value === 'string' ? value : null;
    } else if (r.is(key, 'processes')) this.processes = this.parseValue(r);
    else if (r.is(key, 'warnings')) this.warnings = this.parseValue(r);
    else r.skipValue();
    return 'trace-next';
  }

  /** Requires `byte` next: missing means "wait for more", another byte means "not handled". */
  private need(r: JsonBytes, byte: number): void {
    const next = r.peek();
    if (next === -1) r.fail('more bytes needed');
    if (next !== byte) this.notHandled(r);
  }

  /** A small value (processes, warnings) the general way. */
  private parseValue(r: JsonBytes): unknown {
    r.peek();
    const from = r.pos;
    r.skipValue();
    try {
      return JSON.parse(r.utf8(r.bytes.subarray(from, r.pos)));
    } catch {
      return this.notHandled(r);
    }
  }

  /** Gives the response up to the general decoder for good (retrying cannot help). */
  private notHandled(r: JsonBytes): never {
    this.handled = false;
    this.step = 'done';
    return r.fail('not a shape the scan handles');
  }

  /** What the trace object said besides its spans. */
  get traceParts(): { traceIdText: string | null; processes: unknown; warnings: unknown } {
    return { traceIdText: this.traceIdText, processes: this.processes, warnings: this.warnings };
  }
}

/** The first trace of a complete Jaeger response, or null when the general decoder must read it. */
export function scanJaegerResponse(bytes: Uint8Array, utf8: Utf8Decoder): ScannedJaegerTrace | null {
  return new JaegerResponseScanner(utf8).finish(bytes);
}

/**
 * Whether nanoseconds from the earliest start fit a double exactly, as the index's time columns
 * need (a trace would have to last 104 days to pass that; the general decoder handles the rest).
 */
function exactInDoubles(c: SpanColumns): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < c.count; i++) {
    min = Math.min(min, c.startUs[i]);
    max = Math.max(max, c.startUs[i] + c.durationUs[i]);
  }
  return c.count === 0 || (max - min) * 1000 <= Number.MAX_SAFE_INTEGER;
}

function processTable(processes: unknown): Record<string, JaegerProcess> | undefined {
  return typeof processes === 'object' && processes !== null
    ? (processes as Record<string, JaegerProcess>)
    : undefined;
}

/** Turns the columns into spans, parents and times once the processes are known. */
function assemble(
  bytes: Uint8Array,
  utf8: Utf8Decoder,
  c: SpanColumns,
  scanner: JaegerResponseScanner,
): ScannedJaegerTrace {
  const { traceIdText, processes: processesValue, warnings: warningsValue } = scanner.traceParts;
  const n = c.count;
  const caches = newDecodeCaches();
  const processes = processTable(processesValue);
  const byProcess = c.processIds.texts.map((id) => resourceOf(processes?.[id], caches.resources));
  const noProcess = resourceOf(undefined, caches.resources);

  const table = new SpanIdTable(Int32Array.from(c.idHi), Int32Array.from(c.idLo));
  let duplicates = 0;
  for (let i = 0; i < n; i++) if (table.add(i) !== i) duplicates++;
  const spanIdBytes = c.packedIds(bytes);

  const parentOf = new Int32Array(n).fill(-1);
  const parentRef = new Int32Array(n).fill(NO_PARENT);
  const orphanParentIds = new Map<number, string>();
  let orphans = 0;
  let selfParents = 0;
  let minUs = Infinity;
  let maxEndUs = -Infinity;
  const resource = new Array<Resource>(n);
  for (let i = 0; i < n; i++) {
    if (c.hasParent[i]) {
      const p = table.get(c.parentHi[i], c.parentLo[i]);
      if (p < 0) {
        orphans++;
        parentRef[i] = ABSENT_PARENT;
        orphanParentIds.set(i, c.parentIdText(bytes, i));
      } else {
        if (p === i) selfParents++;
        else parentOf[i] = p;
        parentRef[i] = p;
      }
    }
    const startUs = c.startUs[i];
    if (startUs < minUs) minUs = startUs;
    if (startUs + c.durationUs[i] > maxEndUs) maxEndUs = startUs + c.durationUs[i];
    const processId = c.processId[i];
    resource[i] = processId < 0 ? noProcess : byProcess[processId];
  }

  const columns: ScannedSpans = {
    bytes,
    utf8,
    trace: { traceID: traceIdText ?? '', processes: processes ?? {} },
    caches,
    from: Float64Array.from(c.from),
    to: Float64Array.from(c.to),
    traceId: c.firstTraceId ?? '',
    otherTraceIds: c.otherTraceIds,
    packedIds: utf8(spanIdBytes),
    parentRef,
    orphanParentIds,
    startUs: Float64Array.from(c.startUs),
    durationUs: Float64Array.from(c.durationUs),
    nameId: Int32Array.from(c.nameId),
    names: c.names.texts,
    resource,
    kind: Uint8Array.from(c.kind),
    status: c.status,
    eventOffsets: Int32Array.from(c.eventOffsets),
    linkCount: Int32Array.from(c.linkCount),
    decoded: new DecodedSpans(n),
  };
  const spans = new Array<LazyJaegerSpan>(n);
  for (let i = 0; i < n; i++) spans[i] = new LazyJaegerSpan(columns, i);

  const startNs = new Float64Array(n);
  const endNs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    startNs[i] = (columns.startUs[i] - minUs) * 1000;
    endNs[i] = (columns.startUs[i] + columns.durationUs[i] - minUs) * 1000;
  }
  const warnings = Array.isArray(warningsValue) ? warningsValue.map(String) : [];
  const traceId = n > 0 ? columns.traceId : (normalizeTraceId(traceIdText ?? '') ?? '');
  return {
    trace: { traceId, spans, warnings },
    times: {
      startNs,
      endNs,
      minStart: n === 0 ? 0n : BigInt(minUs) * 1000n,
      maxEndNs: n === 0 ? 0 : (maxEndUs - minUs) * 1000,
    },
    parents: { parentOf, orphans, duplicates, selfParents },
    events: { offsets: columns.eventOffsets, timesUs: Float64Array.from(c.eventTimesUs) },
    spanIdBytes,
    spanBytes: { from: columns.from, to: columns.to },
  };
}
