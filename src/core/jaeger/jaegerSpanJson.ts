/**
 * One span as compact Jaeger UI JSON, written straight into UTF-8 bytes: the same bytes as
 * `JSON.stringify(toJaegerSpan(span, processID))` without building the object, nor the string.
 *
 * A large trace response is almost all spans. Objects for JSON.stringify cost ~20 µs a span;
 * template strings ~10 µs and a rope per span for the collector; bytes written in place (see
 * jsonByteWriter.ts) cost a fraction of that. traceChunks.test.ts holds the output to the object
 * route byte for byte on arbitrary spans.
 */
import type { AttributeValue } from '../model/attributes';
import { attributeValueToString } from '../model/attributes';
import { jaegerTraceId } from '../model/ids';
import type { Span, SpanEvent, SpanLink } from '../model/trace';
import { spanKindNames, StatusCode } from '../model/trace';
import { JsonByteWriter } from './jsonByteWriter';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** Keys repeat across spans (a few hundred distinct ones): their `{"key":"…","type":` bytes once. */
const keyPrefixes = new Map<string, Uint8Array>();
const MAX_KEY_PREFIXES = 10_000;
const prefixWriter = new JsonByteWriter(256);

function keyPrefix(key: string): Uint8Array {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefixWriter.ascii('{"key":');
    prefixWriter.string(key);
    prefixWriter.ascii(',"type":');
    prefix = prefixWriter.take().slice();
    if (keyPrefixes.size >= MAX_KEY_PREFIXES) keyPrefixes.clear();
    keyPrefixes.set(key, prefix);
  }
  return prefix;
}

/** `"type":…,"value":…}` of jaegerKeyValue, after the key prefix. */
function typedValue(w: JsonByteWriter, v: AttributeValue): void {
  switch (v.type) {
    case 'string':
      w.ascii('"string","value":');
      w.string(v.value);
      break;
    case 'bool':
      w.ascii(v.value ? '"bool","value":true' : '"bool","value":false');
      break;
    case 'int64':
      // Past 2^53 as a decimal string, as Jaeger does for JavaScript readers.
      if (v.value > MAX_SAFE || v.value < MIN_SAFE) w.ascii(`"int64","value":"${v.value.toString()}"`);
      else {
        w.ascii('"int64","value":');
        w.integer(Number(v.value));
      }
      break;
    case 'float64':
      if (Number.isFinite(v.value)) w.ascii(`"float64","value":${JSON.stringify(v.value)}`);
      else {
        w.ascii('"float64","value":');
        w.string(attributeValueToString(v));
      }
      break;
    case 'binary':
      w.ascii('"binary","value":');
      w.string(v.value);
      break;
    case 'array':
    case 'map':
    case 'empty':
      w.ascii('"string","value":');
      w.string(attributeValueToString(v));
      break;
  }
  w.ascii('}');
}

/** A string tag, after a comma when `count` tags precede it; returns the new count. */
function stringTag(w: JsonByteWriter, count: number, key: string, value: string): number {
  if (count) w.ascii(',');
  w.bytes(keyPrefix(key));
  w.ascii('"string","value":');
  w.string(value);
  w.ascii('}');
  return count + 1;
}

const micros = (ns: bigint): number => Number(ns / 1000n);

function refType(link: SpanLink): string {
  const attr = link.attributes.find((a) => a.key === 'opentracing.ref_type');
  return attr && attributeValueToString(attr) === 'child_of' ? 'CHILD_OF' : 'FOLLOWS_FROM';
}

function reference(w: JsonByteWriter, type: string, traceId: string, spanId: string): void {
  w.ascii(`{"refType":"${type}","traceID":`);
  w.string(jaegerTraceId(traceId));
  w.ascii(',"spanID":');
  w.string(spanId);
  w.ascii('}');
}

function references(w: JsonByteWriter, span: Span): void {
  const links = span.links;
  let parentLink: SpanLink | undefined;
  if (span.parentSpanId && links.length) {
    parentLink = links.find((l) => l.traceId === span.traceId && l.spanId === span.parentSpanId);
  }
  let first = true;
  if (span.parentSpanId) {
    reference(w, parentLink ? refType(parentLink) : 'CHILD_OF', span.traceId, span.parentSpanId);
    first = false;
  }
  for (const link of links) {
    if (link === parentLink) continue;
    if (!first) w.ascii(',');
    first = false;
    reference(w, refType(link), link.traceId, link.spanId);
  }
}

/** The tags, in toJaegerSpan's order (every span has its kind or at least one other tag). */
function tags(w: JsonByteWriter, span: Span): void {
  let count = 0;
  if (span.scope.name) count = stringTag(w, count, 'otel.scope.name', span.scope.name);
  if (span.scope.version) count = stringTag(w, count, 'otel.scope.version', span.scope.version);
  for (const a of span.attributes) {
    if (count++) w.ascii(',');
    w.bytes(keyPrefix(a.key));
    typedValue(w, a);
  }
  const kind = spanKindNames[span.kind];
  if (kind) count = stringTag(w, count, 'span.kind', kind);
  if (span.status.code === StatusCode.Error) {
    count = stringTag(w, count, 'otel.status_code', 'ERROR');
    w.ascii(',{"key":"error","type":"bool","value":true}');
  } else if (span.status.code === StatusCode.Ok) {
    count = stringTag(w, count, 'otel.status_code', 'OK');
  }
  if (span.status.message) count = stringTag(w, count, 'otel.status_description', span.status.message);
  if (span.traceState) stringTag(w, count, 'w3c.tracestate', span.traceState);
}

function log(w: JsonByteWriter, event: SpanEvent): void {
  w.ascii('{"timestamp":');
  w.integer(micros(event.timeUnixNano));
  w.ascii(',"fields":[');
  let count = 0;
  if (event.name && !event.attributes.some((a) => a.key === 'event')) {
    count = stringTag(w, count, 'event', event.name);
  }
  for (const a of event.attributes) {
    if (count++) w.ascii(',');
    w.bytes(keyPrefix(a.key));
    typedValue(w, a);
  }
  w.ascii(']}');
}

/** Writes the span's JSON; `processIdJson` is its process ID already as JSON (`"p1"`). */
export function writeJaegerSpan(w: JsonByteWriter, span: Span, processIdJson: string): void {
  w.ascii('{"traceID":');
  w.string(jaegerTraceId(span.traceId));
  w.ascii(',"spanID":');
  w.string(span.spanId);
  w.ascii(span.flags & 1 ? ',"flags":1,"operationName":' : ',"operationName":');
  w.string(span.name);
  w.ascii(',"references":[');
  references(w, span);
  w.ascii('],"startTime":');
  w.integer(micros(span.startTimeUnixNano));
  w.ascii(',"duration":');
  w.integer(micros(span.endTimeUnixNano - span.startTimeUnixNano));
  w.ascii(',"tags":[');
  tags(w, span);
  w.ascii('],"logs":[');
  for (let e = 0; e < span.events.length; e++) {
    if (e) w.ascii(',');
    log(w, span.events[e]);
  }
  w.ascii('],"processID":');
  w.ascii(processIdJson);
  w.ascii(',"warnings":');
  if (span.warnings.length === 0) w.ascii('null');
  else {
    w.ascii('[');
    for (let i = 0; i < span.warnings.length; i++) {
      if (i) w.ascii(',');
      w.string(span.warnings[i]);
    }
    w.ascii(']');
  }
  w.ascii('}');
}
