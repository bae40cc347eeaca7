/**
 * A trace-columns buffer (docs/trace-columns-api.md) back into TraceColumns, with the typed
 * arrays viewing the buffer in place (the buffer is copied once only when it does not start on
 * an 8-byte boundary). Everything is checked before use: a truncated, corrupted or foreign
 * buffer throws a TraceColumnsError that says what is wrong, never a RangeError from a view.
 */
import { SpanFlag, type TraceColumns } from '../tree/traceColumns';
import {
  COLUMNS_MAGIC,
  COLUMNS_VERSION,
  columnsLayout,
  HEADER_BYTES,
  MAX_EVENTS,
  MAX_SPANS,
  requireLittleEndian,
  SPAN_ID_BYTES,
  type ColumnsLayout,
  type ColumnsPrelude,
} from './columnsFormat';

export class TraceColumnsError extends Error {
  override name = 'TraceColumnsError';
  constructor(message: string) {
    super(`not a valid trace-columns buffer: ${message}`);
  }
}

const MAX_KIND = 5;
const ALL_FLAGS = SpanFlag.Error | SpanFlag.HasParentId | SpanFlag.FollowsFromParent;

function fail(message: string): never {
  throw new TraceColumnsError(message);
}

/** ASCII bytes to text, in slices small enough for fromCharCode's argument list. */
function asciiText(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 8192) {
    const slice = bytes.subarray(at, Math.min(bytes.length, at + 8192));
    for (let i = 0; i < slice.length; i++) if (slice[i] >= 0x80) fail('the prelude is not ASCII JSON');
    text += String.fromCharCode(...slice);
  }
  return text;
}

const isInteger = (v: unknown): v is number => Number.isSafeInteger(v);
const isCount = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function readPrelude(bytes: Uint8Array): ColumnsPrelude {
  // The magic first: an HTML or JSON error page says so whatever its length.
  for (let i = 0; i < Math.min(bytes.length, COLUMNS_MAGIC.length); i++)
    if (bytes[i] !== COLUMNS_MAGIC[i]) fail('it does not start with "TLCO"');
  if (bytes.length < HEADER_BYTES) fail(`${bytes.length} bytes is shorter than the header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== COLUMNS_VERSION)
    fail(`version ${version}; this page reads version ${COLUMNS_VERSION} (reload it after an upgrade)`);
  const length = view.getUint32(8, true);
  if (length > bytes.length - HEADER_BYTES) fail('the prelude runs past the end');
  let value: unknown;
  try {
    value = JSON.parse(asciiText(bytes.subarray(HEADER_BYTES, HEADER_BYTES + length)));
  } catch (error) {
    if (error instanceof TraceColumnsError) throw error;
    fail('the prelude is not JSON');
  }
  if (typeof value !== 'object' || value === null) fail('the prelude is not an object');
  const p = value as Partial<Record<keyof ColumnsPrelude, unknown>>;
  if (typeof p.traceId !== 'string') fail('the prelude has no traceId');
  if (!isCount(p.spanCount, MAX_SPANS)) fail('the prelude has no valid spanCount');
  if (!isCount(p.eventCount, MAX_EVENTS)) fail('the prelude has no valid eventCount');
  // Before 1970 and spans that end before they start are odd, not invalid.
  if (!isInteger(p.minStartUs)) fail('the prelude has no valid minStartUs');
  if (!isInteger(p.maxEndNs)) fail('the prelude has no valid maxEndNs');
  if (!isStrings(p.services) || !isStrings(p.operations) || !isStrings(p.warnings))
    fail('the prelude lacks its services, operations or warnings');
  const n = p.spanCount;
  if (!isCount(p.orphans, n) || !isCount(p.duplicates, n) || !isCount(p.selfParents, n))
    fail('the prelude has no valid orphans, duplicates or selfParents');
  return {
    traceId: p.traceId,
    spanCount: n,
    eventCount: p.eventCount,
    minStartUs: p.minStartUs,
    maxEndNs: p.maxEndNs,
    services: p.services,
    operations: p.operations,
    warnings: p.warnings,
    orphans: p.orphans,
    duplicates: p.duplicates,
    selfParents: p.selfParents,
  };
}

function checkIndexes(name: string, values: Int32Array, min: number, end: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min || v >= end) fail(`${name}[${i}] = ${v} is outside ${min}…${end - 1}`);
  }
}

function checkColumns(c: TraceColumns, prelude: ColumnsPrelude, eventCount: number): void {
  const n = c.spanCount;
  const { startNs, endNs, maxEndNs } = c.times;
  for (let i = 0; i < n; i++) {
    const start = startNs[i];
    const end = endNs[i];
    // Negated comparisons also refuse NaN; the earliest start is 0, the latest end maxEndNs.
    if (!(
      start >= 0 &&
      start <= Number.MAX_SAFE_INTEGER &&
      end >= -Number.MAX_SAFE_INTEGER &&
      end <= maxEndNs
    ))
      fail(`span ${i} has times outside the trace`);
  }
  checkIndexes('parentOf', c.parents.parentOf, -1, n);
  checkIndexes('service', c.serviceKey, 0, prelude.services.length);
  checkIndexes('operation', c.operationKey, 0, prelude.operations.length);
  checkIndexes('linkCount', c.linkCount, 0, 0x7fffffff);
  for (let i = 0; i < n; i++) {
    if (c.kind[i] > MAX_KIND) fail(`span ${i} has kind ${c.kind[i]}`);
    if ((c.flags[i] & ~ALL_FLAGS) !== 0) fail(`span ${i} has flags ${c.flags[i]}`);
  }
  const events = c.events;
  if (events) {
    const { offsets, timesUs } = events;
    if (offsets[0] !== 0 || offsets[n] !== eventCount) fail('event offsets do not span the events');
    for (let i = 0; i < n; i++)
      if (!(offsets[i + 1] >= offsets[i])) fail(`event offsets go backwards at span ${i}`);
    for (let e = 0; e < timesUs.length; e++) if (!Number.isFinite(timesUs[e])) fail(`event ${e} has no time`);
  }
  // Span IDs are text to the page (shown, looked up, parsed with a check): not scanned here,
  // which at 16 bytes a span would be the costliest check.
}

/** The buffer's sections as views, once its length is known to match the layout. */
function views(buffer: ArrayBuffer, base: number, layout: ColumnsLayout, n: number, events: number) {
  return {
    startNs: new Float64Array(buffer, base + layout.startNs, n),
    endNs: new Float64Array(buffer, base + layout.endNs, n),
    eventTimesUs: new Float64Array(buffer, base + layout.eventTimesUs, events),
    parentOf: new Int32Array(buffer, base + layout.parentOf, n),
    serviceKey: new Int32Array(buffer, base + layout.serviceKey, n),
    operationKey: new Int32Array(buffer, base + layout.operationKey, n),
    linkCount: new Int32Array(buffer, base + layout.linkCount, n),
    eventOffsets: new Int32Array(buffer, base + layout.eventOffsets, n + 1),
    kind: new Uint8Array(buffer, base + layout.kind, n),
    flags: new Uint8Array(buffer, base + layout.flags, n),
    spanIds: new Uint8Array(buffer, base + layout.spanIds, SPAN_ID_BYTES * n),
  };
}

/** Throws TraceColumnsError when `input` is not a whole, valid trace-columns buffer. */
export function decodeTraceColumns(input: Uint8Array): TraceColumns {
  requireLittleEndian();
  const prelude = readPrelude(input);
  const preludeBytes = new DataView(input.buffer, input.byteOffset, input.byteLength).getUint32(8, true);
  const n = prelude.spanCount;
  const layout = columnsLayout(preludeBytes, n, prelude.eventCount);
  if (input.length !== layout.total)
    fail(`${input.length} bytes where ${n} spans and ${prelude.eventCount} events take ${layout.total}`);
  // Float64Array views need an offset that is a multiple of 8.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const v = views(bytes.buffer as ArrayBuffer, bytes.byteOffset, layout, n, prelude.eventCount);
  const columns: TraceColumns = {
    traceId: prelude.traceId,
    spanCount: n,
    times: {
      startNs: v.startNs,
      endNs: v.endNs,
      minStart: n === 0 ? 0n : BigInt(prelude.minStartUs) * 1000n,
      maxEndNs: prelude.maxEndNs,
    },
    parents: {
      parentOf: v.parentOf,
      orphans: prelude.orphans,
      duplicates: prelude.duplicates,
      selfParents: prelude.selfParents,
    },
    kind: v.kind,
    flags: v.flags,
    linkCount: v.linkCount,
    serviceKey: v.serviceKey,
    serviceNames: prelude.services,
    operationKey: v.operationKey,
    operationNames: prelude.operations,
    warnings: prelude.warnings,
    events: { offsets: v.eventOffsets, timesUs: v.eventTimesUs },
    spanIdBytes: v.spanIds,
  };
  checkColumns(columns, prelude, prelude.eventCount);
  return columns;
}
