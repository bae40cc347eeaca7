/**
 * OTLP ExportTraceServiceRequest protobuf decoded straight into the trace model.
 * protobufjs would build an intermediate message that we then convert again; reading the wire
 * format directly is what lets one core ingest well over 100k spans/s (docs/adr/0004).
 * otlpWire.test.ts checks it against protobufjs on the same bytes.
 */
import type { Attribute } from '../../core/model/attributes';
import { ZERO_SPAN_ID, ZERO_TRACE_ID } from '../../core/model/ids';
import type {
  Resource,
  Scope,
  Span,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanStatus,
  StatusCode,
} from '../../core/model/trace';
import { emptyScope } from '../../core/model/trace';
import { makeResource } from '../../core/otlp/resource';
import {
  Cursor,
  expectWire,
  fixed32,
  fixed64,
  I32,
  I64,
  id,
  LEN,
  lengthEnd,
  pushAttribute,
  putAttribute,
  skip,
  string,
  uint32,
  VARINT,
} from './otlpWire';
import { WireCache } from './wireCache';

/** Runs `read` for each field of the message that ends at `end`, restoring the cursor's bounds. */
function fields(c: Cursor, end: number, read: (field: number, wireType: number) => void): void {
  const saved = c.end;
  c.end = end;
  while (c.pos < end) {
    const t = uint32(c);
    if (t >>> 3 === 0) c.malformed(`invalid field number 0 at byte ${c.pos}`);
    read(t >>> 3, t & 7);
  }
  c.end = saved;
}

function event(c: Cursor, end: number): SpanEvent {
  let timeUnixNano = 0n;
  let name = '';
  const attributes: Attribute[] = [];
  fields(c, end, (field, wt) => {
    if (field === 1 && wt === I64) timeUnixNano = fixed64(c);
    else if (field === 2 && wt === LEN) name = string(c);
    else if (field === 3 && wt === LEN) pushAttribute(c, attributes);
    else skip(c, wt);
  });
  return { timeUnixNano, name, attributes };
}

function link(c: Cursor, end: number): SpanLink {
  let traceId = ZERO_TRACE_ID;
  let spanId = ZERO_SPAN_ID;
  let traceState = '';
  const attributes: Attribute[] = [];
  fields(c, end, (field, wt) => {
    if (field === 1 && wt === LEN) traceId = id(c, 16, 'traceId', true) || ZERO_TRACE_ID;
    else if (field === 2 && wt === LEN) spanId = id(c, 8, 'spanId', true) || ZERO_SPAN_ID;
    else if (field === 3 && wt === LEN) traceState = string(c);
    else if (field === 4 && wt === LEN) pushAttribute(c, attributes);
    else skip(c, wt);
  });
  return { traceId, spanId, traceState, attributes };
}

/** Entries past the current span's count are left over from earlier spans and never read. */
const spanAttributes: Attribute[] = [];
const NO_ATTRIBUTES: readonly Attribute[] = Object.freeze([]);
const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);
const NO_LINKS: readonly SpanLink[] = Object.freeze([]);
const NO_WARNINGS: readonly string[] = Object.freeze([]);
/** Statuses without a message, shared by the spans that have them (nearly all). */
const BARE_STATUSES: readonly SpanStatus[] = [0, 1, 2].map((code) =>
  Object.freeze({ code: code as StatusCode, message: '' }),
);

function spanStatus(code: StatusCode, message: string): SpanStatus {
  return message === '' ? BARE_STATUSES[code] : { code, message };
}

function span(c: Cursor, end: number, resource: Resource, scope: Scope): Span {
  let traceId = '';
  let spanId = '';
  let parentSpanId = '';
  let traceState = '';
  let flags = 0;
  let name = '';
  let kind = 0;
  let startTimeUnixNano = 0n;
  let endTimeUnixNano = 0n;
  // Collected in a reused list and copied out at their exact size: a stored span keeps no slack.
  const attributes = spanAttributes;
  let attributeCount = 0;
  // Most spans have neither: they share one empty list instead of allocating two each.
  let events: SpanEvent[] | null = null;
  let links: SpanLink[] | null = null;
  let statusCode = 0;
  let statusMessage = '';
  const saved = c.end;
  c.end = end;
  while (c.pos < end) {
    const t = uint32(c);
    const field = t >>> 3;
    const wt = t & 7;
    if (field === 9 && wt === LEN) putAttribute(c, attributes, attributeCount++);
    else if (field === 1 && wt === LEN) traceId = id(c, 16, 'traceId', false);
    else if (field === 2 && wt === LEN) spanId = id(c, 8, 'spanId', false);
    else if (field === 4 && wt === LEN) parentSpanId = id(c, 8, 'parentSpanId', true);
    else if (field === 5 && wt === LEN) name = string(c);
    else if (field === 6 && wt === VARINT) kind = uint32(c);
    else if (field === 7 && wt === I64) startTimeUnixNano = fixed64(c);
    else if (field === 8 && wt === I64) endTimeUnixNano = fixed64(c);
    else if (field === 3 && wt === LEN) traceState = string(c);
    else if (field === 16 && wt === I32) flags = fixed32(c);
    else if (field === 11 && wt === LEN) {
      events ??= [];
      const e = lengthEnd(c);
      c.path.push('events', events.length);
      events.push(event(c, e));
      c.path.length -= 2;
    } else if (field === 13 && wt === LEN) {
      links ??= [];
      const e = lengthEnd(c);
      c.path.push('links', links.length);
      links.push(link(c, e));
      c.path.length -= 2;
    } else if (field === 15 && wt === LEN) {
      const statusEnd = lengthEnd(c);
      c.end = statusEnd;
      while (c.pos < statusEnd) {
        const st = uint32(c);
        if (st >>> 3 === 0) c.malformed(`invalid field number 0 at byte ${c.pos}`);
        if (st >>> 3 === 2 && (st & 7) === LEN) statusMessage = string(c);
        else if (st >>> 3 === 3 && (st & 7) === VARINT) statusCode = uint32(c);
        else skip(c, st & 7);
      }
      c.end = end;
    } else if (field <= 16 && field !== 10 && field !== 12 && field !== 14) {
      c.malformed(`span field ${field} has wire type ${wt}`);
    } else skip(c, wt);
  }
  c.end = saved;
  if (!traceId) c.invalid('traceId', 'is required (16 bytes)');
  if (!spanId) c.invalid('spanId', 'is required (8 bytes)');
  return {
    traceId,
    spanId,
    parentSpanId,
    traceState,
    flags,
    name,
    // Values from a newer schema than ours read as unspecified rather than failing the batch.
    kind: (kind <= 5 ? kind : 0) as SpanKind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes: attributeCount === 0 ? NO_ATTRIBUTES : attributes.slice(0, attributeCount),
    events: events ?? NO_EVENTS,
    links: links ?? NO_LINKS,
    status: spanStatus((statusCode <= 2 ? statusCode : 0) as StatusCode, statusMessage),
    resource,
    scope,
    warnings: NO_WARNINGS,
  };
}

function scope(c: Cursor, end: number): Scope {
  let name = '';
  let version = '';
  const attributes: Attribute[] = [];
  fields(c, end, (field, wt) => {
    if (field === 1 && wt === LEN) name = string(c);
    else if (field === 2 && wt === LEN) version = string(c);
    else if (field === 3 && wt === LEN) pushAttribute(c, attributes);
    else skip(c, wt);
  });
  return name || version || attributes.length ? { name, version, attributes } : emptyScope;
}

/**
 * An exporter sends the same resource and scope in every request: decoded once, they are shared
 * by every span that has them (wireCache.ts).
 */
const resources = new WireCache<Resource>(6, 2048);
const scopes = new WireCache<Scope>(8, 256);

/** A message's field ranges, for messages whose header may follow their spans on the wire. */
function ranges(
  c: Cursor,
  end: number,
  headerField: number,
  listFields: number[],
): { header?: number; list: number[] } {
  const out: { header?: number; list: number[] } = { list: [] };
  fields(c, end, (field, wt) => {
    if (wt === LEN && (field === headerField || listFields.includes(field))) {
      const start = c.pos;
      const e = lengthEnd(c);
      // Store the offset of the length prefix so the field can be re-read later.
      if (field === headerField) out.header = start;
      else out.list.push(start);
      c.pos = e;
    } else {
      if (field === headerField || listFields.includes(field)) expectWire(c, wt, LEN, String(field));
      skip(c, wt);
    }
  });
  return out;
}

function scopeSpans(c: Cursor, end: number, resource: Resource, out: Span[]): void {
  const { header, list } = ranges(c, end, 1, [2]);
  let s: Scope = emptyScope;
  if (header !== undefined) {
    c.pos = header;
    const scopeEnd = lengthEnd(c);
    const start = c.pos;
    const cached = scopes.lookup(c.buf, start, scopeEnd);
    if (cached !== undefined) s = cached;
    else {
      const slot = scopes.slot;
      c.path.push('scope');
      s = scope(c, scopeEnd);
      c.path.pop();
      scopes.remember(slot, c.buf, start, scopeEnd, s);
    }
  }
  c.path.push('spans', 0);
  for (let i = 0; i < list.length; i++) {
    c.path[c.path.length - 1] = i;
    c.pos = list[i];
    out.push(span(c, lengthEnd(c), resource, s));
  }
  c.path.length -= 2;
  c.pos = end;
}

function resourceSpans(c: Cursor, end: number, out: Span[]): void {
  // Field 1000 is the pre-1.0 instrumentation_library_spans, with the same layout.
  const { header, list } = ranges(c, end, 1, [2, 1000]);
  let resource: Resource | undefined;
  if (header !== undefined) {
    c.pos = header;
    const resourceEnd = lengthEnd(c);
    const start = c.pos;
    resource = resources.lookup(c.buf, start, resourceEnd);
    if (resource === undefined) {
      const slot = resources.slot;
      const attributes: Attribute[] = [];
      c.path.push('resource');
      fields(c, resourceEnd, (field, wt) => {
        if (field === 1 && wt === LEN) pushAttribute(c, attributes);
        else skip(c, wt);
      });
      c.path.pop();
      resource = makeResource(attributes);
      resources.remember(slot, c.buf, start, resourceEnd, resource);
    }
  }
  resource ??= makeResource([]);
  c.path.push('scopeSpans', 0);
  for (let i = 0; i < list.length; i++) {
    c.path[c.path.length - 1] = i;
    c.pos = list[i];
    scopeSpans(c, lengthEnd(c), resource, out);
  }
  c.path.length -= 2;
  c.pos = end;
}

/** Decodes an ExportTraceServiceRequest; throws DecodeError naming the field on malformed input. */
export function spansFromOtlpWire(body: Uint8Array): Span[] {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const c = new Cursor(buf);
  const out: Span[] = [];
  let n = 0;
  fields(c, buf.length, (field, wt) => {
    if (field !== 1) return skip(c, wt);
    expectWire(c, wt, LEN, 'resourceSpans');
    c.path.push('resourceSpans', n++);
    resourceSpans(c, lengthEnd(c), out);
    c.path.length -= 2;
  });
  return out;
}
