/**
 * Reads one Jaeger span object from bytes into SpanColumns, with the rules of spanFromJaeger
 * (fromJaegerJson.ts) for the fields it reads: the parent is the first same-trace CHILD_OF
 * reference (else the first same-trace one), the legacy `parentSpanID` counts when there are no
 * references, kind and status come from the first tag of each name. Anything it does not handle
 * fails the read (NotHandled), and the caller falls back to the general decoder.
 */
import { normalizeSpanId, normalizeTraceId } from '../model/ids';
import type { SpanStatus } from '../model/trace';
import { hex8 } from '../tree/spanIdTable';
import { kindOf, statusOf } from './fromJaegerJson';
import type { JaegerKeyValue } from './jaegerJson';
import { asciiBytes, bytesAt, JsonBytes, OPEN_BRACKET } from './jsonBytes';
import { copyId, newIdSlot, type IdSlot, type SpanColumns, type SpanDraft } from './spanColumns';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/** The tags that decide kind and status; the scan keeps the first of each. */
const STATUS_TAGS = [
  'span.kind',
  'error',
  'otel.status_code',
  'otel.status_description',
  'http.status_code',
  'http.status_message',
];
const STATUS_TAG_BYTES = STATUS_TAGS.map(asciiBytes);
const TAG_START = asciiBytes('{"key":"');
const CHILD_OF = asciiBytes('CHILD_OF');
const NO_STATUS: SpanStatus = Object.freeze({ code: 0, message: '' });
const OK_STATUS: SpanStatus = Object.freeze({ code: 1, message: '' });

/** The closing quote of plain ASCII text without escapes that starts at p, or -1. */
function plainEnd(bytes: Uint8Array, p: number): number {
  for (; p < bytes.length; p++) {
    const b = bytes[p];
    if (b === QUOTE) return p;
    if (b === BACKSLASH || b >= 0x80 || b < 0x20) return -1;
  }
  return -1;
}

/**
 * Reads a span or reference ID (a JSON string) into `slot`. Not `present` when it is not hex,
 * which spanFromJaeger reports for a span's own ID and reads as "no parent" for a reference.
 */
function readId(r: JsonBytes, slot: IdSlot): void {
  if (r.peek() !== QUOTE) r.fail('an ID that is not a string');
  const start = r.readString();
  if (r.lastStringIsPlain && r.stringEnd - start === 16) {
    const hi = hex8(r.bytes, start);
    const lo = hex8(r.bytes, start + 8);
    if (hi >= 0 && lo >= 0) {
      slot.present = true;
      slot.hi = hi | 0;
      slot.lo = lo | 0;
      slot.at = start;
      return;
    }
  }
  const text = normalizeSpanId(r.text(start));
  slot.present = text !== null;
  if (text === null) return;
  slot.hi = parseInt(text.slice(0, 8), 16) | 0;
  slot.lo = parseInt(text.slice(8), 16) | 0;
  slot.at = -1;
  slot.text = text;
}

/** Reads a trace ID as its normalized text (null when not hex), reusing the first span's. */
function readTraceId(r: JsonBytes, c: SpanColumns): string | null {
  const { bytes } = r;
  const p = r.peek();
  const at = c.firstTraceIdAt;
  // The usual case: the same 32 digits as the first span, checked in place.
  if (p === QUOTE && at >= 0 && bytes[r.pos + 33] === QUOTE) {
    let same = true;
    for (let i = 0; i < 32 && same; i++) same = bytes[r.pos + 1 + i] === bytes[at + i];
    if (same) {
      r.pos += 34;
      return c.firstTraceId;
    }
  }
  if (p !== QUOTE) r.fail('a trace ID that is not a string');
  const start = r.readString();
  const written = r.text(start);
  const text = normalizeTraceId(written);
  if (c.firstTraceId === null && text !== null) {
    c.firstTraceId = text;
    if (text === written) c.firstTraceIdAt = start;
  }
  return text;
}

/** A whole-microsecond time, as spanFromJaeger's `micros` truncates it; only exact integers. */
function readMicros(r: JsonBytes): number {
  if (r.peek() === QUOTE) r.fail('a time that is not a number');
  const us = Math.trunc(r.readNumber());
  if (!Number.isSafeInteger(us)) r.fail('a time beyond exact microseconds');
  return us;
}

/** Scratch for the reference being read. */
const refId = newIdSlot();

function readReferences(r: JsonBytes, c: SpanColumns, d: SpanDraft): void {
  if (r.peek() !== OPEN_BRACKET) return r.skipValue();
  if (!r.openArray()) return;
  do {
    let childOf = false;
    let traceId: string | null | undefined;
    let sawId = false;
    if (r.openObject()) {
      do {
        const key = r.key();
        if (r.is(key, 'refType')) {
          if (r.peek() !== QUOTE) r.fail('a refType that is not a string');
          const at = r.readString();
          childOf = r.stringEnd - at === CHILD_OF.length && bytesAt(r.bytes, at, CHILD_OF);
        } else if (r.is(key, 'traceID')) traceId = readTraceId(r, c);
        else if (r.is(key, 'spanID')) {
          readId(r, refId);
          sawId = true;
        } else r.skipValue();
      } while (r.nextMember());
    }
    if (traceId === undefined || !sawId) r.fail('a reference without traceID or spanID');
    d.referenceCount++;
    // Compared with the span's trace ID once the span is read (its key may come later).
    if (d.parentRank === 2) continue;
    if (traceId !== d.traceId && d.traceId !== null) continue;
    if (d.traceId === null) r.fail('references before the span traceID');
    if (childOf || d.parentRank === 0) {
      copyId(refId, d.parent);
      d.parentRank = childOf ? 2 : 1;
      d.childOfParent = childOf;
    }
  } while (r.nextElement());
}

/**
 * Reads a tags array, keeping the first tag of each name in STATUS_TAGS with its value as JSON
 * has it. Most of a span's bytes are tags whose values nobody reads at this point, so one tight
 * loop steps over strings and brackets and looks only at keys of tags written the usual way,
 * `{"key":"…",…}`; a tag that decides kind or status, or is written otherwise, is read in full.
 * Like skipValue it checks strings and nesting; commas and colons are left to the lazy decode.
 */
function readTags(r: JsonBytes, c: SpanColumns, d: SpanDraft): void {
  if (r.peek() !== OPEN_BRACKET) return r.skipValue();
  const { bytes } = r;
  const length = bytes.length;
  let p = r.pos + 1;
  let depth = 1;
  while (depth > 0) {
    if (p >= length) r.fail('unterminated tags');
    const b = bytes[p];
    if (b === QUOTE) {
      p++;
      for (;;) {
        if (p >= length) r.fail('unterminated string');
        const x = bytes[p++];
        if (x === QUOTE) break;
        if (x === BACKSLASH) p++;
      }
    } else if (b === OPEN_BRACE && depth === 1) {
      const keyEnd = bytesAt(bytes, p, TAG_START) ? plainEnd(bytes, p + TAG_START.length) : -1;
      const tag = keyEnd >= 0 ? statusTagIndex(bytes, p + TAG_START.length, keyEnd) : -1;
      const statusEnd = tag >= 0 ? readCompactStatusTag(r, c, d, tag, keyEnd) : -1;
      if (statusEnd > 0) p = statusEnd;
      else if (keyEnd >= 0 && tag < 0) {
        // The usual rest, `","type":"…","value":…}`, is stepped over in one go.
        const end = compactTagEnd(bytes, keyEnd);
        if (end > 0) p = end;
        else {
          p = keyEnd + 1;
          depth = 2;
        }
      } else {
        r.pos = p;
        readTag(r, c, d);
        p = r.pos;
      }
    } else {
      if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
      p++;
    }
  }
  r.pos = p;
}

const TAG_TYPE = asciiBytes('","type":"');
const TAG_VALUE = asciiBytes('","value":');

/**
 * After a tag's key (at its closing quote): the end of `","type":"…","value":<value>}` when the
 * tag goes on exactly so and the value is a string, number, true, false or null; else -1.
 */
function compactTagEnd(bytes: Uint8Array, keyEnd: number): number {
  if (!bytesAt(bytes, keyEnd, TAG_TYPE)) return -1;
  const typeEnd = plainEnd(bytes, keyEnd + TAG_TYPE.length);
  if (typeEnd < 0 || !bytesAt(bytes, typeEnd, TAG_VALUE)) return -1;
  let p = typeEnd + TAG_VALUE.length;
  const length = bytes.length;
  if (bytes[p] === QUOTE) {
    for (p++; ;) {
      if (p >= length) return -1;
      const x = bytes[p++];
      if (x === QUOTE) break;
      if (x === BACKSLASH) p++;
    }
  } else {
    // A number or a literal: no braces, brackets or quotes until the tag closes.
    while (p < length && bytes[p] !== CLOSE_BRACE) {
      const x = bytes[p++];
      if (x === QUOTE || x === OPEN_BRACE || x === OPEN_BRACKET || x === COMMA) return -1;
    }
  }
  return bytes[p] === CLOSE_BRACE ? p + 1 : -1;
}

/**
 * A status tag written the usual way: reads its value where `","type":"…","value":` says it is and
 * returns the end of the tag, or -1 (nothing kept) for any other layout.
 */
function readCompactStatusTag(
  r: JsonBytes,
  c: SpanColumns,
  d: SpanDraft,
  tag: number,
  keyEnd: number,
): number {
  const { bytes } = r;
  if (!bytesAt(bytes, keyEnd, TAG_TYPE)) return -1;
  const typeEnd = plainEnd(bytes, keyEnd + TAG_TYPE.length);
  if (typeEnd < 0 || !bytesAt(bytes, typeEnd, TAG_VALUE)) return -1;
  r.pos = typeEnd + TAG_VALUE.length;
  const b = bytes[r.pos];
  if (b === OPEN_BRACE || b === OPEN_BRACKET) return -1;
  const value = b === QUOTE ? c.tagValues.texts[c.tagValues.idOf(r, r.readString())] : r.readScalar();
  if (bytes[r.pos] !== CLOSE_BRACE) return -1;
  if (!d.statusTagSeen[tag]) {
    d.statusTagSeen[tag] = true;
    d.statusTags[tag] = value;
  }
  return r.pos + 1;
}

function statusTagIndex(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  for (let t = 0; t < STATUS_TAGS.length; t++) {
    if (STATUS_TAGS[t].length === length && bytesAt(bytes, start, STATUS_TAG_BYTES[t])) return t;
  }
  return -1;
}

/** One tag object, read member by member. */
function readTag(r: JsonBytes, c: SpanColumns, d: SpanDraft): void {
  let tag = -1;
  let valueAt = -1;
  if (r.openObject()) {
    do {
      const key = r.key();
      if (r.is(key, 'key')) {
        if (r.peek() !== QUOTE) r.fail('a tag key that is not a string');
        const start = r.readString();
        tag = r.lastStringIsPlain
          ? statusTagIndex(r.bytes, start, r.stringEnd)
          : STATUS_TAGS.indexOf(r.text(start));
      } else if (r.is(key, 'value')) {
        valueAt = r.peek() >= 0 ? r.pos : -1;
        r.skipValue();
      } else r.skipValue();
    } while (r.nextMember());
  } else r.fail('a tag that is not an object');
  if (tag < 0 || d.statusTagSeen[tag]) return;
  d.statusTagSeen[tag] = true;
  // A tag without a value reads as the text "undefined", as String(undefined) does.
  let value: unknown = undefined;
  if (valueAt >= 0) {
    const after = r.pos;
    r.pos = valueAt;
    value = r.peek() === QUOTE ? c.tagValues.texts[c.tagValues.idOf(r, r.readString())] : r.readScalar();
    r.pos = after;
  }
  d.statusTags[tag] = value;
}

function readLogs(r: JsonBytes, c: SpanColumns): void {
  if (r.peek() !== OPEN_BRACKET) return r.skipValue();
  if (!r.openArray()) return;
  do {
    let at: number | undefined;
    if (r.openObject()) {
      do {
        const key = r.key();
        if (r.is(key, 'timestamp')) at = readMicros(r);
        else r.skipValue();
      } while (r.nextMember());
    }
    if (at === undefined) r.fail('a log without a timestamp');
    c.eventTimesUs.push(at);
  } while (r.nextElement());
}

/** A name given as a string or null (read as ''), interned. */
function readName(r: JsonBytes, c: SpanColumns, what: string): number {
  if (r.skipNull()) return -1;
  if (r.peek() !== QUOTE) r.fail(`a ${what} that is not a string`);
  const at = r.readString();
  return r.stringEnd > at ? (what === 'processID' ? c.processIds : c.names).idOf(r, at) : -1;
}

/** Dispatches on a member key of a span; a switch on its length first, then one comparison. */
function readSpanMember(r: JsonBytes, c: SpanColumns, d: SpanDraft, key: number): void {
  switch (r.stringEnd - key) {
    case 7:
      if (r.is(key, 'traceID')) return void (d.traceId = readTraceId(r, c));
      if (r.is(key, 'process')) return void (r.skipNull() || r.fail('a span with its own process'));
      break;
    case 6:
      if (r.is(key, 'spanID')) return readId(r, d.id);
      break;
    case 13:
      if (r.is(key, 'operationName')) return void (d.nameId = readName(r, c, 'operationName'));
      break;
    case 10:
      if (r.is(key, 'references')) return readReferences(r, c, d);
      break;
    case 9:
      if (r.is(key, 'startTime')) return void (d.startUs = readMicros(r));
      if (r.is(key, 'processID')) return void (d.processId = readName(r, c, 'processID'));
      break;
    case 8:
      if (r.is(key, 'duration')) return void (d.durationUs = readMicros(r));
      break;
    case 4:
      if (r.is(key, 'tags')) return readTags(r, c, d);
      if (r.is(key, 'logs')) return readLogs(r, c);
      break;
    case 12:
      // An empty or non-hex one means no parent, like no parentSpanID at all.
      if (r.is(key, 'parentSpanID')) return void (r.skipNull() || readId(r, d.legacyParent));
      break;
  }
  r.skipValue();
}

function statusOfDraft(d: SpanDraft): SpanStatus {
  const tags: JaegerKeyValue[] = [];
  for (let t = 0; t < STATUS_TAGS.length; t++) {
    if (d.statusTagSeen[t])
      tags.push({ key: STATUS_TAGS[t], value: d.statusTags[t] as JaegerKeyValue['value'] });
  }
  if (tags.length === 0) {
    d.kind = 0;
    return NO_STATUS;
  }
  d.kind = kindOf(tags);
  const status = statusOf(tags, d.kind as Parameters<typeof statusOf>[1]);
  if (status.message) return status;
  return status.code === 0 ? NO_STATUS : status.code === 1 ? OK_STATUS : status;
}

/** Reads one span object and adds it to the columns; on failure nothing is added. */
export function readSpan(r: JsonBytes, c: SpanColumns): void {
  const d = c.draft;
  r.peek();
  d.reset(r.pos, c.eventTimesUs.length);
  try {
    if (r.openObject()) {
      do readSpanMember(r, c, d, r.key());
      while (r.nextMember());
    }
  } catch (error) {
    c.rollBack();
    throw error;
  }
  if (!d.traceId || !d.id.present || d.startUs === undefined || d.durationUs === undefined) {
    c.rollBack();
    r.fail('an incomplete span');
  }
  if (d.referenceCount === 0 && d.legacyParent.present) copyId(d.legacyParent, d.parent);
  c.commit(r.pos, statusOfDraft(d));
}
