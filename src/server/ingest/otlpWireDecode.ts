/**
 * OTLP ExportTraceServiceRequest protobuf decoded straight into the trace model.
 * protobufjs would build an intermediate message that we then convert again; reading the wire
 * format directly is what lets one core ingest well over 100k spans/s (docs/adr/0004).
 * otlpWire.test.ts checks it against protobufjs on the same bytes.
 */
import type { Attribute } from '../../core/model/attributes';
import { DecodeError } from '../../core/model/decodeError';
import type { Resource, Span, SpanEvent, SpanKind, SpanLink, StatusCode } from '../../core/model/trace';
import { makeResource } from '../../core/otlp/resource';
import {
  event,
  I32,
  I64,
  id,
  LEN,
  link,
  pushAttribute,
  Reader,
  scopeOf,
  VARINT,
  type Where,
} from './otlpWire';

type Range = [number, number];

function span(buf: Buffer, [s, e]: Range, where: Where, resource: Resource, scope: Span['scope']): Span {
  const r = new Reader(buf, s, e);
  let traceId = '';
  let spanId = '';
  let parentSpanId = '';
  let traceState = '';
  let flags = 0;
  let name = '';
  let kind = 0;
  let startTimeUnixNano = 0n;
  let endTimeUnixNano = 0n;
  const attributes: Attribute[] = [];
  const events: SpanEvent[] = [];
  const links: SpanLink[] = [];
  let statusCode = 0;
  let statusMessage = '';
  let sawTraceId = false;
  let sawSpanId = false;
  while (r.pos < r.end) {
    const [field, wt] = r.tag(where);
    switch (field) {
      case 1:
        r.expect(wt, LEN, 'traceId', where);
        traceId = id(r, r.len(where), 16, () => `${where()}.traceId`, false);
        sawTraceId = true;
        break;
      case 2:
        r.expect(wt, LEN, 'spanId', where);
        spanId = id(r, r.len(where), 8, () => `${where()}.spanId`, false);
        sawSpanId = true;
        break;
      case 3:
        r.expect(wt, LEN, 'traceState', where);
        traceState = r.string(where);
        break;
      case 4:
        r.expect(wt, LEN, 'parentSpanId', where);
        parentSpanId = id(r, r.len(where), 8, () => `${where()}.parentSpanId`, true);
        break;
      case 5:
        r.expect(wt, LEN, 'name', where);
        name = r.string(where);
        break;
      case 6:
        r.expect(wt, VARINT, 'kind', where);
        kind = r.uint32(where);
        break;
      case 7:
        r.expect(wt, I64, 'startTimeUnixNano', where);
        startTimeUnixNano = r.fixed64(where);
        break;
      case 8:
        r.expect(wt, I64, 'endTimeUnixNano', where);
        endTimeUnixNano = r.fixed64(where);
        break;
      case 9:
        r.expect(wt, LEN, 'attributes', where);
        pushAttribute(r, attributes, where, 'attributes');
        break;
      case 11: {
        r.expect(wt, LEN, 'events', where);
        const [es, ee] = r.len(where);
        const n = events.length;
        events.push(event(buf, es, ee, () => `${where()}.events[${n}]`));
        break;
      }
      case 13: {
        r.expect(wt, LEN, 'links', where);
        const [ls, le] = r.len(where);
        const n = links.length;
        links.push(link(buf, ls, le, () => `${where()}.links[${n}]`));
        break;
      }
      case 15: {
        r.expect(wt, LEN, 'status', where);
        const [ss, se] = r.len(where);
        const st = new Reader(buf, ss, se);
        while (st.pos < st.end) {
          const [f, w] = st.tag(where);
          if (f === 2 && st.expect(w, LEN, 'status.message', where)) statusMessage = st.string(where);
          else if (f === 3 && st.expect(w, VARINT, 'status.code', where)) statusCode = st.uint32(where);
          else st.skip(w, where);
        }
        break;
      }
      case 16:
        r.expect(wt, I32, 'flags', where);
        flags = r.fixed32(where);
        break;
      default:
        r.skip(wt, where);
    }
  }
  if (!sawTraceId) throw new DecodeError(`${where()}.traceId`, 'is required (16 bytes)');
  if (!sawSpanId) throw new DecodeError(`${where()}.spanId`, 'is required (8 bytes)');
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
    attributes,
    events,
    links,
    status: { code: (statusCode <= 2 ? statusCode : 0) as StatusCode, message: statusMessage },
    resource,
    scope,
    warnings: [],
  };
}

/** ScopeSpans (or the pre-1.0 InstrumentationLibrarySpans, same field numbers). */
function scopeSpans(buf: Buffer, [s, e]: Range, where: Where, resource: Resource, out: Span[]): void {
  const r = new Reader(buf, s, e);
  let scopeRange: Range | undefined;
  const spans: Range[] = [];
  // The scope may follow its spans on the wire; read the ranges first, then decode.
  while (r.pos < r.end) {
    const [field, wt] = r.tag(where);
    if (field === 1 && r.expect(wt, LEN, 'scope', where)) scopeRange = r.len(where);
    else if (field === 2 && r.expect(wt, LEN, 'spans', where)) spans.push(r.len(where));
    else r.skip(wt, where);
  }
  const scope = scopeOf(buf, scopeRange, () => `${where()}.scope`);
  for (let i = 0; i < spans.length; i++)
    out.push(span(buf, spans[i], () => `${where()}.spans[${i}]`, resource, scope));
}

function resourceSpans(buf: Buffer, [s, e]: Range, where: Where, out: Span[]): void {
  const r = new Reader(buf, s, e);
  let resourceRange: Range | undefined;
  const scopes: Range[] = [];
  while (r.pos < r.end) {
    const [field, wt] = r.tag(where);
    if (field === 1 && r.expect(wt, LEN, 'resource', where)) resourceRange = r.len(where);
    else if ((field === 2 || field === 1000) && r.expect(wt, LEN, 'scopeSpans', where))
      scopes.push(r.len(where));
    else r.skip(wt, where);
  }
  const attributes: Attribute[] = [];
  if (resourceRange) {
    const rr = new Reader(buf, resourceRange[0], resourceRange[1]);
    const at = () => `${where()}.resource`;
    while (rr.pos < rr.end) {
      const [field, wt] = rr.tag(at);
      if (field === 1 && rr.expect(wt, LEN, 'attributes', at))
        pushAttribute(rr, attributes, at, 'attributes');
      else rr.skip(wt, at);
    }
  }
  const resource = makeResource(attributes);
  for (let i = 0; i < scopes.length; i++)
    scopeSpans(buf, scopes[i], () => `${where()}.scopeSpans[${i}]`, resource, out);
}

/** Decodes an ExportTraceServiceRequest; throws DecodeError naming the field on malformed input. */
export function spansFromOtlpWire(body: Uint8Array): Span[] {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const r = new Reader(buf, 0, buf.length);
  const out: Span[] = [];
  let n = 0;
  while (r.pos < r.end) {
    const [field, wt] = r.tag(() => '');
    if (field === 1 && r.expect(wt, LEN, 'resourceSpans', () => '')) {
      const i = n++;
      resourceSpans(
        buf,
        r.len(() => `resourceSpans[${i}]`),
        () => `resourceSpans[${i}]`,
        out,
      );
    } else r.skip(wt, () => '');
  }
  return out;
}
