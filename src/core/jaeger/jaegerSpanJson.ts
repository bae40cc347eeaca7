/**
 * One span as compact Jaeger UI JSON text, written directly: the same bytes as
 * `JSON.stringify(toJaegerSpan(span, processID))` without building the object first.
 *
 * A large trace response is almost all spans, and building ~20 objects per span only for
 * JSON.stringify to walk them again cost ~20 µs a span (2 s for 100k spans). Here every value
 * goes straight into the text; strings are escaped by JSON.stringify (the engine's fast path).
 * traceChunks.test.ts holds it to the object route byte for byte on arbitrary spans.
 */
import type { Attribute, AttributeValue } from '../model/attributes';
import { attributeValueToString } from '../model/attributes';
import { jaegerTraceId } from '../model/ids';
import type { Span, SpanEvent, SpanLink } from '../model/trace';
import { spanKindNames, StatusCode } from '../model/trace';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const str = JSON.stringify;

/** Keys repeat across spans (a few hundred distinct ones): their `{"key":"…",` prefix once. */
const keyPrefixes = new Map<string, string>();
const MAX_KEY_PREFIXES = 10_000;

function keyPrefix(key: string): string {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `{"key":${str(key)},"type":`;
    if (keyPrefixes.size >= MAX_KEY_PREFIXES) keyPrefixes.clear();
    keyPrefixes.set(key, prefix);
  }
  return prefix;
}

/** `"type":…,"value":…}` of jaegerKeyValue, after the key prefix. */
function typedValue(v: AttributeValue): string {
  switch (v.type) {
    case 'string':
      return `"string","value":${str(v.value)}}`;
    case 'bool':
      return v.value ? '"bool","value":true}' : '"bool","value":false}';
    case 'int64':
      // Past 2^53 as a decimal string, as Jaeger does for JavaScript readers.
      return v.value > MAX_SAFE || v.value < -MAX_SAFE
        ? `"int64","value":"${v.value.toString()}"}`
        : `"int64","value":${String(Number(v.value))}}`;
    case 'float64':
      return Number.isFinite(v.value)
        ? `"float64","value":${str(v.value)}}`
        : `"float64","value":${str(attributeValueToString(v))}}`;
    case 'binary':
      return `"binary","value":${str(v.value)}}`;
    case 'array':
    case 'map':
    case 'empty':
      return `"string","value":${str(attributeValueToString(v))}}`;
  }
}

function keyValue(a: Attribute): string {
  return keyPrefix(a.key) + typedValue(a);
}

function stringTag(key: string, value: string): string {
  return `${keyPrefix(key)}"string","value":${str(value)}}`;
}

const micros = (ns: bigint): string => String(Number(ns / 1000n));

function refType(link: SpanLink): string {
  const attr = link.attributes.find((a) => a.key === 'opentracing.ref_type');
  return attr && attributeValueToString(attr) === 'child_of' ? 'CHILD_OF' : 'FOLLOWS_FROM';
}

function reference(type: string, traceId: string, spanId: string): string {
  return `{"refType":"${type}","traceID":${str(jaegerTraceId(traceId))},"spanID":${str(spanId)}}`;
}

function references(span: Span): string {
  const links = span.links;
  let parentLink: SpanLink | undefined;
  if (span.parentSpanId && links.length) {
    parentLink = links.find((l) => l.traceId === span.traceId && l.spanId === span.parentSpanId);
  }
  let out = '';
  if (span.parentSpanId) {
    out = reference(parentLink ? refType(parentLink) : 'CHILD_OF', span.traceId, span.parentSpanId);
  }
  for (const link of links) {
    if (link === parentLink) continue;
    out += (out ? ',' : '') + reference(refType(link), link.traceId, link.spanId);
  }
  return out;
}

function tags(span: Span): string {
  const parts: string[] = [];
  if (span.scope.name) parts.push(stringTag('otel.scope.name', span.scope.name));
  if (span.scope.version) parts.push(stringTag('otel.scope.version', span.scope.version));
  for (const a of span.attributes) parts.push(keyValue(a));
  const kind = spanKindNames[span.kind];
  if (kind) parts.push(stringTag('span.kind', kind));
  if (span.status.code === StatusCode.Error) {
    parts.push(stringTag('otel.status_code', 'ERROR'));
    parts.push('{"key":"error","type":"bool","value":true}');
  } else if (span.status.code === StatusCode.Ok) {
    parts.push(stringTag('otel.status_code', 'OK'));
  }
  if (span.status.message) parts.push(stringTag('otel.status_description', span.status.message));
  if (span.traceState) parts.push(stringTag('w3c.tracestate', span.traceState));
  return parts.join(',');
}

function log(event: SpanEvent): string {
  let fields = '';
  if (event.name && !event.attributes.some((a) => a.key === 'event')) fields = stringTag('event', event.name);
  for (const a of event.attributes) fields += (fields ? ',' : '') + keyValue(a);
  return `{"timestamp":${micros(event.timeUnixNano)},"fields":[${fields}]}`;
}

function logs(span: Span): string {
  let out = '';
  for (const e of span.events) out += (out ? ',' : '') + log(e);
  return out;
}

/** The span's text; `processIdJson` is its process ID already as JSON (`"p1"`). */
export function jaegerSpanJson(span: Span, processIdJson: string): string {
  const warnings = span.warnings.length ? str(span.warnings) : 'null';
  return (
    `{"traceID":${str(jaegerTraceId(span.traceId))},"spanID":${str(span.spanId)},` +
    (span.flags & 1 ? '"flags":1,' : '') +
    `"operationName":${str(span.name)},"references":[${references(span)}],` +
    `"startTime":${micros(span.startTimeUnixNano)},` +
    `"duration":${micros(span.endTimeUnixNano - span.startTimeUnixNano)},` +
    `"tags":[${tags(span)}],"logs":[${logs(span)}],"processID":${processIdJson},"warnings":${warnings}}`
  );
}
