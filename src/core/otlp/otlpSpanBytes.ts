/**
 * One span as OTLP/JSON, written straight into UTF-8 bytes: the same bytes as
 * `JSON.stringify(spanJson(span))` (toOtlpJson.ts, the collector's marshaler rules) without the
 * objects. API v3 trace responses are almost all spans; traceChunks.test.ts holds the output to
 * the object route byte for byte on arbitrary spans.
 */
import type { Attribute, AttributeValue } from '../model/attributes';
import { ZERO_SPAN_ID, ZERO_TRACE_ID } from '../model/ids';
import type { Span, SpanEvent, SpanLink } from '../model/trace';
import type { JsonByteWriter } from '../jaeger/jsonByteWriter';
import { anyValue, withWarnings } from './toOtlpJson';

/** `{"stringValue":…}` and the other scalars directly; nested and binary values through anyValue. */
function writeValue(w: JsonByteWriter, v: AttributeValue): void {
  switch (v.type) {
    case 'string':
      w.ascii('{"stringValue":');
      w.string(v.value);
      w.ascii('}');
      return;
    case 'bool':
      w.ascii(v.value ? '{"boolValue":true}' : '{"boolValue":false}');
      return;
    case 'int64':
      w.ascii(`{"intValue":"${v.value.toString()}"}`);
      return;
    default:
      w.json(JSON.stringify(anyValue(v)));
  }
}

function writeKeyValues(w: JsonByteWriter, attributes: readonly Attribute[]): void {
  w.ascii('[');
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i];
    if (i) w.ascii(',');
    if (a.key) {
      w.ascii('{"key":');
      w.string(a.key);
      w.ascii(',"value":');
    } else w.ascii('{"value":');
    writeValue(w, a);
    w.ascii('}');
  }
  w.ascii(']');
}

/**
 * The fields of one object, in order: each writes `,"name":` (no comma before the first) and
 * its value, and the ones the marshaler omits when zero or empty skip themselves.
 */
class Fields {
  private count = 0;
  constructor(private readonly w: JsonByteWriter) {}

  key(name: string): void {
    this.w.ascii(this.count++ ? `,"${name}":` : `"${name}":`);
  }

  string(name: string, value: string): void {
    if (!value) return;
    this.key(name);
    this.w.string(value);
  }

  /** A trace or span ID, omitted when empty or all zeros. */
  id(name: string, value: string, zero: string): void {
    if (value !== zero) this.string(name, value);
  }

  integer(name: string, value: number): void {
    if (!value) return;
    this.key(name);
    this.w.integer(value);
  }

  /** A 64-bit time as a decimal string. */
  nanos(name: string, value: bigint): void {
    if (!value) return;
    this.key(name);
    this.w.ascii(`"${value.toString()}"`);
  }

  attributes(attributes: readonly Attribute[]): void {
    if (!attributes.length) return;
    this.key('attributes');
    writeKeyValues(this.w, attributes);
  }

  list<T>(name: string, items: readonly T[], write: (w: JsonByteWriter, item: T) => void): void {
    if (!items.length) return;
    this.key(name);
    this.w.ascii('[');
    for (let i = 0; i < items.length; i++) {
      if (i) this.w.ascii(',');
      write(this.w, items[i]);
    }
    this.w.ascii(']');
  }
}

function writeEvent(w: JsonByteWriter, e: SpanEvent): void {
  const f = new Fields(w);
  w.ascii('{');
  f.nanos('timeUnixNano', e.timeUnixNano);
  f.string('name', e.name);
  f.attributes(e.attributes);
  w.ascii('}');
}

function writeLink(w: JsonByteWriter, l: SpanLink): void {
  const f = new Fields(w);
  w.ascii('{');
  f.id('traceId', l.traceId, ZERO_TRACE_ID);
  f.id('spanId', l.spanId, ZERO_SPAN_ID);
  f.string('traceState', l.traceState);
  f.attributes(l.attributes);
  w.ascii('}');
}

/** The span in proto declaration order, zero fields omitted, `status` always last. */
export function writeOtlpSpan(w: JsonByteWriter, span: Span): void {
  const f = new Fields(w);
  w.ascii('{');
  f.id('traceId', span.traceId, ZERO_TRACE_ID);
  f.id('spanId', span.spanId, ZERO_SPAN_ID);
  f.string('traceState', span.traceState);
  f.id('parentSpanId', span.parentSpanId, ZERO_SPAN_ID);
  f.integer('flags', span.flags);
  f.string('name', span.name);
  f.integer('kind', span.kind);
  f.nanos('startTimeUnixNano', span.startTimeUnixNano);
  f.nanos('endTimeUnixNano', span.endTimeUnixNano);
  f.attributes(withWarnings(span.attributes, span.warnings));
  f.list('events', span.events, writeEvent);
  f.list('links', span.links, writeLink);
  f.key('status');
  w.ascii('{');
  const status = new Fields(w);
  status.string('message', span.status.message);
  status.integer('code', span.status.code);
  w.ascii('}}');
}
