/**
 * The layout of a trace-columns buffer (docs/trace-columns-api.md): a 12-byte header, a small
 * ASCII JSON prelude, then typed-array sections, each starting on an 8-byte boundary so that a
 * decoder can view them in place. Little-endian throughout.
 */

/** "TLCO": Tracelens columns. */
export const COLUMNS_MAGIC = Uint8Array.of(0x54, 0x4c, 0x43, 0x4f);
export const COLUMNS_VERSION = 1;
/** Magic, version (u32), prelude length (u32). */
export const HEADER_BYTES = 12;
/** The media type of the columns route. */
export const TRACE_COLUMNS_MEDIA_TYPE = 'application/vnd.tracelens.trace-columns';

/** Bytes of one span ID: 16 lower-case hex digits, as ASCII. */
export const SPAN_ID_BYTES = 16;
/** Bounds that keep every offset a safe small integer (a 134M-span trace is far past any store). */
export const MAX_SPANS = 1 << 27;
export const MAX_EVENTS = 1 << 28;

/** What the buffer says about the trace as a whole, before the sections. */
export interface ColumnsPrelude {
  /** 32 lower-case hex digits. */
  traceId: string;
  spanCount: number;
  eventCount: number;
  /** Earliest span start, whole epoch microseconds (0 without spans). */
  minStartUs: number;
  /** Latest span end, nanoseconds from the earliest start. */
  maxEndNs: number;
  services: string[];
  operations: string[];
  warnings: string[];
  orphans: number;
  duplicates: number;
  selfParents: number;
}

/** Byte offset of each section. */
export interface ColumnsLayout {
  startNs: number;
  endNs: number;
  parentOf: number;
  serviceKey: number;
  operationKey: number;
  linkCount: number;
  eventOffsets: number;
  kind: number;
  flags: number;
  spanIds: number;
  /** Last, since its length is known only once every span has been read. */
  eventTimesUs: number;
  /** Length of the whole buffer. */
  total: number;
}

export const align8 = (offset: number): number => Math.ceil(offset / 8) * 8;

/**
 * Where the sections of `n` spans sit, from `at` on; the sections of the spans (all but the
 * event times) come first, so that an encoder can fill them in place before it knows the rest.
 */
function spanSections(
  at: number,
  n: number,
): Omit<ColumnsLayout, 'eventTimesUs' | 'total'> & { end: number } {
  const next = (bytes: number): number => {
    const offset = at;
    at = align8(at + bytes);
    return offset;
  };
  return {
    startNs: next(8 * n),
    endNs: next(8 * n),
    parentOf: next(4 * n),
    serviceKey: next(4 * n),
    operationKey: next(4 * n),
    linkCount: next(4 * n),
    eventOffsets: next(4 * (n + 1)),
    kind: next(n),
    flags: next(n),
    spanIds: next(SPAN_ID_BYTES * n),
    end: at,
  };
}

/** The sections of `n` spans laid out from offset 0, and their length (a multiple of 8). */
export function spanSectionsLayout(n: number): ColumnsLayout {
  const { end, ...sections } = spanSections(0, n);
  return { ...sections, eventTimesUs: end, total: end };
}

/** Where each section sits, for a prelude of `preludeBytes` bytes, `n` spans and `events` events. */
export function columnsLayout(preludeBytes: number, n: number, events: number): ColumnsLayout {
  const { end, ...sections } = spanSections(align8(HEADER_BYTES + preludeBytes), n);
  return { ...sections, eventTimesUs: end, total: end + 8 * events };
}

/** JSON with every non-ASCII character escaped, so that the prelude decodes without a UTF-8 decoder. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The sections are typed arrays in the platform's byte order, which is little-endian on every
 * platform Tracelens runs on (x86, ARM); a big-endian one is refused rather than misread.
 */
export function requireLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1)
    throw new Error('trace columns need a little-endian platform');
}
