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

/** Writes `,"name":` before every field but the first of an object. */
class Fields {
  private count = 0;
  constructor(private readonly w: JsonByteWriter) {}
  key(name: string): void {
    this.w.ascii(this.count++ ? `,"${name}":` : `"${name}":`);
  }
}

function writeEvent(w: JsonByteWriter, e: SpanEvent): void {
  const f = new Fields(w);
  w.ascii('{');
  if (e.timeUnixNano) {
    f.key('timeUnixNano');
    w.ascii(`"${e.timeUnixNano.toString()}"`);
  }
  if (e.name) {
    f.key('name');
    w.string(e.name);
  }
  if (e.attributes.length) {
    f.key('attributes');
    writeKeyValues(w, e.attributes);
  }
  w.ascii('}');
}

function writeLink(w: JsonByteWriter, l: SpanLink): void {
  const f = new Fields(w);
  w.ascii('{');
  if (l.traceId && l.traceId !== ZERO_TRACE_ID) {
    f.key('traceId');
    w.string(l.traceId);
  }
  if (l.spanId && l.spanId !== ZERO_SPAN_ID) {
    f.key('spanId');
    w.string(l.spanId);
  }
  if (l.traceState) {
    f.key('traceState');
    w.string(l.traceState);
  }
  if (l.attributes.length) {
    f.key('attributes');
    writeKeyValues(w, l.attributes);
  }
  w.ascii('}');
}

/** The span in proto declaration order, zero fields omitted, `status` always last. */
export function writeOtlpSpan(w: JsonByteWriter, span: Span): void {
  const f = new Fields(w);
  w.ascii('{');
  if (span.traceId && span.traceId !== ZERO_TRACE_ID) {
    f.key('traceId');
    w.string(span.traceId);
  }
  if (span.spanId && span.spanId !== ZERO_SPAN_ID) {
    f.key('spanId');
    w.string(span.spanId);
  }
  if (span.traceState) {
    f.key('traceState');
    w.string(span.traceState);
  }
  if (span.parentSpanId && span.parentSpanId !== ZERO_SPAN_ID) {
    f.key('parentSpanId');
    w.string(span.parentSpanId);
  }
  if (span.flags) {
    f.key('flags');
    w.integer(span.flags);
  }
  if (span.name) {
    f.key('name');
    w.string(span.name);
  }
  if (span.kind) {
    f.key('kind');
    w.integer(span.kind);
  }
  if (span.startTimeUnixNano) {
    f.key('startTimeUnixNano');
    w.ascii(`"${span.startTimeUnixNano.toString()}"`);
  }
  if (span.endTimeUnixNano) {
    f.key('endTimeUnixNano');
    w.ascii(`"${span.endTimeUnixNano.toString()}"`);
  }
  const attributes = withWarnings(span.attributes, span.warnings);
  if (attributes.length) {
    f.key('attributes');
    writeKeyValues(w, attributes);
  }
  if (span.events.length) {
    f.key('events');
    w.ascii('[');
    for (let i = 0; i < span.events.length; i++) {
      if (i) w.ascii(',');
      writeEvent(w, span.events[i]);
    }
    w.ascii(']');
  }
  if (span.links.length) {
    f.key('links');
    w.ascii('[');
    for (let i = 0; i < span.links.length; i++) {
      if (i) w.ascii(',');
      writeLink(w, span.links[i]);
    }
    w.ascii(']');
  }
  f.key('status');
  w.ascii('{');
  if (span.status.message) {
    w.ascii('"message":');
    w.string(span.status.message);
  }
  if (span.status.code) {
    w.ascii(span.status.message ? ',"code":' : '"code":');
    w.integer(span.status.code);
  }
  w.ascii('}}');
}
