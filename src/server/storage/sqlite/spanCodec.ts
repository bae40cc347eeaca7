/**
 * The text the SQLite store keeps per chunk of spans: compact JSON arrays that give back the very
 * spans that were written (int64 stays a bigint, NaN and infinities survive, attribute types are
 * kept). Spans of a chunk share their Resource and Scope objects, so each is written once.
 *
 * The layout is part of the schema: changing it needs a schema migration (see migrations.ts).
 */
import type { Attribute, AttributeValue } from '../../../core/model/attributes';
import type {
  Resource,
  Scope,
  Span,
  SpanEvent,
  SpanKind,
  SpanLink,
  StatusCode,
} from '../../../core/model/trace';

export class CorruptPayloadError extends Error {
  override name = 'CorruptPayloadError';
}

const Tag = { String: 0, Bool: 1, Int64: 2, Float64: 3, Binary: 4, Array: 5, Map: 6, Empty: 7 } as const;
type Tag = (typeof Tag)[keyof typeof Tag];

type Json = string | number | boolean | null | Json[];
type EncodedValue = [tag: Tag, value: Json];
type EncodedAttribute = [key: string, tag: Tag, value: Json];
type EncodedEvent = [time: string, name: string, attributes: EncodedAttribute[]];
type EncodedLink = [traceId: string, spanId: string, traceState: string, attributes: EncodedAttribute[]];
/** The trace ID is not repeated per span: every payload belongs to one trace. */
type EncodedSpan = [
  spanId: string,
  parentSpanId: string,
  traceState: string,
  flags: number,
  name: string,
  kind: number,
  start: string,
  end: string,
  attributes: EncodedAttribute[],
  events: EncodedEvent[],
  links: EncodedLink[],
  statusCode: number,
  statusMessage: string,
  resource: number,
  scope: number,
  warnings: string[],
];
interface EncodedChunk {
  /** Resources: service name and attributes. */
  r: [string, EncodedAttribute[]][];
  /** Scopes: name, version, attributes. */
  c: [string, string, EncodedAttribute[]][];
  s: EncodedSpan[];
  /** Trace-level warnings (archived traces only). */
  w?: string[];
}

function encodeFloat(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function encodeValue(v: AttributeValue): EncodedValue {
  switch (v.type) {
    case 'string':
      return [Tag.String, v.value];
    case 'bool':
      return [Tag.Bool, v.value];
    case 'int64':
      return [Tag.Int64, v.value.toString()];
    case 'float64':
      return [Tag.Float64, encodeFloat(v.value)];
    case 'binary':
      return [Tag.Binary, v.value];
    case 'array':
      return [Tag.Array, v.value.map(encodeValue)];
    case 'map':
      return [Tag.Map, encodeAttributes(v.value)];
    case 'empty':
      return [Tag.Empty, null];
  }
}

function encodeAttributes(attributes: readonly Attribute[]): EncodedAttribute[] {
  return attributes.map((a) => {
    const [tag, value] = encodeValue(a);
    return [a.key, tag, value];
  });
}

/** Encodes spans of one trace with their resources and scopes written once each. */
export function encodeSpans(spans: readonly Span[], traceWarnings: readonly string[] = []): string {
  const resources = new Map<Resource, number>();
  const scopes = new Map<Scope, number>();
  const chunk: EncodedChunk = { r: [], c: [], s: [] };
  for (const span of spans) {
    let r = resources.get(span.resource);
    if (r === undefined) {
      r = chunk.r.length;
      resources.set(span.resource, r);
      chunk.r.push([span.resource.serviceName, encodeAttributes(span.resource.attributes)]);
    }
    let c = scopes.get(span.scope);
    if (c === undefined) {
      c = chunk.c.length;
      scopes.set(span.scope, c);
      chunk.c.push([span.scope.name, span.scope.version, encodeAttributes(span.scope.attributes)]);
    }
    chunk.s.push([
      span.spanId,
      span.parentSpanId,
      span.traceState,
      span.flags,
      span.name,
      span.kind,
      span.startTimeUnixNano.toString(),
      span.endTimeUnixNano.toString(),
      encodeAttributes(span.attributes),
      span.events.map((e) => [e.timeUnixNano.toString(), e.name, encodeAttributes(e.attributes)]),
      span.links.map((l) => [l.traceId, l.spanId, l.traceState, encodeAttributes(l.attributes)]),
      span.status.code,
      span.status.message,
      r,
      c,
      [...span.warnings],
    ]);
  }
  if (traceWarnings.length > 0) chunk.w = [...traceWarnings];
  return JSON.stringify(chunk);
}

function fail(what: string): never {
  throw new CorruptPayloadError(`stored spans are corrupt: ${what}`);
}

function asArray(value: unknown, what: string): unknown[] {
  return Array.isArray(value) ? value : fail(`${what} is not a list`);
}

function asString(value: unknown, what: string): string {
  return typeof value === 'string' ? value : fail(`${what} is not text`);
}

function asNumber(value: unknown, what: string): number {
  return typeof value === 'number' ? value : fail(`${what} is not a number`);
}

function asBigInt(value: unknown, what: string): bigint {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) fail(`${what} is not an integer`);
  return BigInt(value);
}

function decodeValue(tag: unknown, value: unknown): AttributeValue {
  switch (tag) {
    case Tag.String:
      return { type: 'string', value: asString(value, 'string value') };
    case Tag.Bool:
      return { type: 'bool', value: value === true };
    case Tag.Int64:
      return { type: 'int64', value: asBigInt(value, 'int64 value') };
    case Tag.Float64:
      return { type: 'float64', value: typeof value === 'number' ? value : Number(value) };
    case Tag.Binary:
      return { type: 'binary', value: asString(value, 'binary value') };
    case Tag.Array:
      return {
        type: 'array',
        value: asArray(value, 'array value').map((item) => {
          const [t, v] = asArray(item, 'array item');
          return decodeValue(t, v);
        }),
      };
    case Tag.Map:
      return { type: 'map', value: decodeAttributes(value) };
    case Tag.Empty:
      return { type: 'empty', value: null };
    default:
      return fail(`unknown attribute type ${String(tag)}`);
  }
}

function decodeAttributes(value: unknown): Attribute[] {
  return asArray(value, 'attributes').map((item) => {
    const [key, tag, v] = asArray(item, 'attribute');
    return { key: asString(key, 'attribute key'), ...decodeValue(tag, v) };
  });
}

function decodeEvent(value: unknown): SpanEvent {
  const [time, name, attributes] = asArray(value, 'event');
  return {
    timeUnixNano: asBigInt(time, 'event time'),
    name: asString(name, 'event name'),
    attributes: decodeAttributes(attributes),
  };
}

function decodeLink(value: unknown): SpanLink {
  const [traceId, spanId, traceState, attributes] = asArray(value, 'link');
  return {
    traceId: asString(traceId, 'link trace ID'),
    spanId: asString(spanId, 'link span ID'),
    traceState: asString(traceState, 'link trace state'),
    attributes: decodeAttributes(attributes),
  };
}

export interface DecodedSpans {
  spans: Span[];
  warnings: string[];
}

/** The spans of one payload, with fresh Resource and Scope objects shared among them. */
export function decodeSpans(traceId: string, payload: string): DecodedSpans {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    fail('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) fail('not an object');
  const chunk = parsed as Partial<Record<keyof EncodedChunk, unknown>>;
  const resources: Resource[] = asArray(chunk.r, 'resources').map((item) => {
    const [serviceName, attributes] = asArray(item, 'resource');
    return { serviceName: asString(serviceName, 'service name'), attributes: decodeAttributes(attributes) };
  });
  const scopes: Scope[] = asArray(chunk.c, 'scopes').map((item) => {
    const [name, version, attributes] = asArray(item, 'scope');
    return {
      name: asString(name, 'scope name'),
      version: asString(version, 'scope version'),
      attributes: decodeAttributes(attributes),
    };
  });
  const spans = asArray(chunk.s, 'spans').map((item): Span => {
    const s = asArray(item, 'span');
    const resource = resources[asNumber(s[13], 'resource index')] ?? fail('resource index out of range');
    const scope = scopes[asNumber(s[14], 'scope index')] ?? fail('scope index out of range');
    return {
      traceId,
      spanId: asString(s[0], 'span ID'),
      parentSpanId: asString(s[1], 'parent span ID'),
      traceState: asString(s[2], 'trace state'),
      flags: asNumber(s[3], 'flags'),
      name: asString(s[4], 'span name'),
      kind: asNumber(s[5], 'span kind') as SpanKind,
      startTimeUnixNano: asBigInt(s[6], 'start time'),
      endTimeUnixNano: asBigInt(s[7], 'end time'),
      attributes: decodeAttributes(s[8]),
      events: asArray(s[9], 'events').map(decodeEvent),
      links: asArray(s[10], 'links').map(decodeLink),
      status: { code: asNumber(s[11], 'status code') as StatusCode, message: asString(s[12], 'status') },
      resource,
      scope,
      warnings: asArray(s[15], 'warnings').map((w) => asString(w, 'warning')),
    };
  });
  const warnings =
    chunk.w === undefined ? [] : asArray(chunk.w, 'warnings').map((w) => asString(w, 'warning'));
  return { spans, warnings };
}

/**
 * Who calls whom in a chunk, without the rest of the spans: `[services, [spanId, parentSpanId,
 * service index, …]]`. Dependency links are computed from this alone, at a fraction of the cost
 * of decoding whole spans.
 */
export function encodeCalls(spans: readonly Span[]): string {
  const services: string[] = [];
  const flat: (string | number)[] = [];
  for (const span of spans) {
    const service = span.resource.serviceName;
    let index = services.indexOf(service);
    if (index < 0) index = services.push(service) - 1;
    flat.push(span.spanId, span.parentSpanId, index);
  }
  return JSON.stringify([services, flat]);
}

/** Calls of a trace gathered from its chunks in order: span `i` is (spanIds[i], parentSpanIds[i], services[i]). */
export interface CallLists {
  spanIds: string[];
  parentSpanIds: string[];
  services: string[];
}

export function appendCalls(into: CallLists, text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail('calls are not JSON');
  }
  const [services, flat] = asArray(parsed, 'calls');
  const names = asArray(services, 'call services');
  const items = asArray(flat, 'call list');
  for (let i = 0; i + 2 < items.length; i += 3) {
    into.spanIds.push(asString(items[i], 'call span ID'));
    into.parentSpanIds.push(asString(items[i + 1], 'call parent span ID'));
    into.services.push(asString(names[asNumber(items[i + 2], 'call service')], 'call service'));
  }
}
