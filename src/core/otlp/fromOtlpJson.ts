/**
 * OTLP/JSON (the OpenTelemetry protocol's JSON encoding) into the trace model.
 * Accepts what the collector's receiver accepts: hex IDs, enums as numbers or names,
 * 64-bit integers as numbers or strings. Anything else is a DecodeError naming the field.
 */
import type { Attribute, AttributeValue } from '../model/attributes';
import { DecodeError } from '../model/decodeError';
import { isHexId, ZERO_SPAN_ID, ZERO_TRACE_ID } from '../model/ids';
import type { Resource, Scope, Span, SpanEvent, SpanKind, SpanLink, StatusCode } from '../model/trace';
import { emptyScope } from '../model/trace';
import { makeResource } from './resource';
import { ownValue } from '../model/ownValue';

/** Nesting allowed inside one attribute value before it is refused as hostile. */
export const MAX_ATTRIBUTE_DEPTH = 32;

type Json = Record<string, unknown>;

const KINDS: Record<string, SpanKind> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS: Record<string, StatusCode> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

/** Parses an ExportTraceServiceRequest / TracesData object. */
export function spansFromOtlpJson(body: unknown): Span[] {
  const root = object(body, '');
  const out: Span[] = [];
  for (const [i, rs] of array(root.resourceSpans, 'resourceSpans').entries()) {
    const rsPath = `resourceSpans[${i}]`;
    const r = object(rs, rsPath);
    const resource = resourceOf(r.resource, `${rsPath}.resource`);
    // instrumentationLibrarySpans is the pre-1.0 name some old senders still use.
    const scopeSpans = r.scopeSpans ?? r.instrumentationLibrarySpans;
    for (const [j, ss] of array(scopeSpans, `${rsPath}.scopeSpans`).entries()) {
      const ssPath = `${rsPath}.scopeSpans[${j}]`;
      const s = object(ss, ssPath);
      const scope = scopeOf(s.scope ?? s.instrumentationLibrary, `${ssPath}.scope`);
      for (const [k, sp] of array(s.spans, `${ssPath}.spans`).entries()) {
        out.push(span(sp, `${ssPath}.spans[${k}]`, resource, scope));
      }
    }
  }
  return out;
}

/**
 * Resources recently decoded, by their JSON text. Senders that write one `resourceSpans` entry
 * per span (or per few) repeat the same resource thousands of times: sharing one object keeps
 * memory per stored span down and lets everything that caches by resource (the trace response's
 * process table, the adjusters' host lookup) do its work once per resource, not once per span.
 * Resources are immutable, so sharing across requests is safe (the protobuf decoder does the same).
 */
const recentResources = new Map<string, Resource>();
const MAX_RECENT_RESOURCES = 256;

function resourceOf(value: unknown, path: string): Resource {
  if (value === undefined) return makeResource([]);
  const r = object(value, path);
  const key = JSON.stringify(r.attributes ?? null);
  const known = recentResources.get(key);
  if (known !== undefined) return known;
  const resource = makeResource(attributes(r.attributes, `${path}.attributes`));
  if (recentResources.size >= MAX_RECENT_RESOURCES) recentResources.clear();
  recentResources.set(key, resource);
  return resource;
}

function scopeOf(value: unknown, path: string): Scope {
  if (value === undefined || value === null) return emptyScope;
  const s = object(value, path);
  const name = optionalString(s.name, `${path}.name`);
  const version = optionalString(s.version, `${path}.version`);
  const attrs = attributes(s.attributes, `${path}.attributes`);
  if (!name && !version && attrs.length === 0) return emptyScope;
  return { name, version, attributes: attrs };
}

function span(value: unknown, path: string, resource: Resource, scope: Scope): Span {
  const s = object(value, path);
  const traceId = id(s.traceId, 32, `${path}.traceId`, false);
  const spanId = id(s.spanId, 16, `${path}.spanId`, false);
  const parentSpanId = id(s.parentSpanId, 16, `${path}.parentSpanId`, true);
  const startTimeUnixNano = nanos(s.startTimeUnixNano, `${path}.startTimeUnixNano`);
  const endTimeUnixNano = nanos(s.endTimeUnixNano, `${path}.endTimeUnixNano`);
  const statusJson = s.status === undefined || s.status === null ? {} : object(s.status, `${path}.status`);
  return {
    traceId,
    spanId,
    parentSpanId,
    traceState: optionalString(s.traceState, `${path}.traceState`),
    flags: s.flags === undefined ? 0 : uint32(s.flags, `${path}.flags`),
    name: optionalString(s.name, `${path}.name`),
    kind: enumValue(s.kind, KINDS, `${path}.kind`),
    startTimeUnixNano,
    endTimeUnixNano,
    attributes: attributes(s.attributes, `${path}.attributes`),
    events: array(s.events, `${path}.events`).map((e, i) => event(e, `${path}.events[${i}]`)),
    links: array(s.links, `${path}.links`).map((l, i) => link(l, `${path}.links[${i}]`)),
    status: {
      code: enumValue(statusJson.code, STATUS, `${path}.status.code`),
      message: optionalString(statusJson.message, `${path}.status.message`),
    },
    resource,
    scope,
    warnings: [],
  };
}

function event(value: unknown, path: string): SpanEvent {
  const e = object(value, path);
  return {
    timeUnixNano: nanos(e.timeUnixNano, `${path}.timeUnixNano`),
    name: optionalString(e.name, `${path}.name`),
    attributes: attributes(e.attributes, `${path}.attributes`),
  };
}

function link(value: unknown, path: string): SpanLink {
  const l = object(value, path);
  return {
    traceId: id(l.traceId, 32, `${path}.traceId`, true) || ZERO_TRACE_ID,
    spanId: id(l.spanId, 16, `${path}.spanId`, true) || ZERO_SPAN_ID,
    traceState: optionalString(l.traceState, `${path}.traceState`),
    attributes: attributes(l.attributes, `${path}.attributes`),
  };
}

export function attributes(value: unknown, path: string): Attribute[] {
  return array(value, path).map((kv, i) => keyValue(kv, `${path}[${i}]`, 0));
}

function keyValue(value: unknown, path: string, depth: number): Attribute {
  const kv = object(value, path);
  if (typeof kv.key !== 'string') throw new DecodeError(`${path}.key`, 'expected a string');
  const v =
    kv.value === undefined || kv.value === null
      ? { type: 'empty' as const, value: null }
      : anyValue(kv.value, `${path}.value`, depth);
  return { key: kv.key, ...v };
}

function anyValue(value: unknown, path: string, depth: number): AttributeValue {
  if (depth > MAX_ATTRIBUTE_DEPTH) {
    throw new DecodeError(path, `attribute value nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels`);
  }
  const v = object(value, path);
  if ('stringValue' in v)
    return { type: 'string', value: requiredString(v.stringValue, `${path}.stringValue`) };
  if ('boolValue' in v) {
    if (typeof v.boolValue !== 'boolean')
      throw new DecodeError(`${path}.boolValue`, 'expected true or false');
    return { type: 'bool', value: v.boolValue };
  }
  if ('intValue' in v) return { type: 'int64', value: int64(v.intValue, `${path}.intValue`) };
  if ('doubleValue' in v) return { type: 'float64', value: double(v.doubleValue, `${path}.doubleValue`) };
  if ('bytesValue' in v) return { type: 'binary', value: requiredString(v.bytesValue, `${path}.bytesValue`) };
  if ('arrayValue' in v) {
    const a = v.arrayValue === null ? {} : object(v.arrayValue, `${path}.arrayValue`);
    const values = array(a.values, `${path}.arrayValue.values`);
    return {
      type: 'array',
      value: values.map((x, i) => anyValue(x, `${path}.arrayValue.values[${i}]`, depth + 1)),
    };
  }
  if ('kvlistValue' in v) {
    const m = v.kvlistValue === null ? {} : object(v.kvlistValue, `${path}.kvlistValue`);
    const values = array(m.values, `${path}.kvlistValue.values`);
    return {
      type: 'map',
      value: values.map((x, i) => keyValue(x, `${path}.kvlistValue.values[${i}]`, depth + 1)),
    };
  }
  return { type: 'empty', value: null };
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecodeError(path, `expected an object, got ${describe(value)}`);
  }
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DecodeError(path, `expected an array, got ${describe(value)}`);
  return value;
}

function optionalString(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  return requiredString(value, path);
}

function requiredString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new DecodeError(path, `expected a string, got ${describe(value)}`);
  return value;
}

function id(value: unknown, length: 16 | 32, path: string, optional: boolean): string {
  const text = optionalString(value, path);
  if (text === '') {
    if (optional) return '';
    throw new DecodeError(path, `is required (${length} hex digits)`);
  }
  if (!isHexId(text, length))
    throw new DecodeError(path, `expected ${length} hex digits, got ${JSON.stringify(text.slice(0, 40))}`);
  const lower = text.toLowerCase();
  const zero = length === 32 ? ZERO_TRACE_ID : ZERO_SPAN_ID;
  if (lower === zero) {
    if (optional) return '';
    throw new DecodeError(path, 'must not be all zeros');
  }
  return lower;
}

const UINT64_MAX = (1n << 64n) - 1n;

function nanos(value: unknown, path: string): bigint {
  if (value === undefined || value === null) return 0n;
  const n = integer(value, path);
  if (n < 0n || n > UINT64_MAX) throw new DecodeError(path, `timestamp out of range: ${n}`);
  return n;
}

function int64(value: unknown, path: string): bigint {
  const n = integer(value, path);
  if (n < -(1n << 63n) || n >= 1n << 63n)
    throw new DecodeError(path, `outside the 64-bit integer range: ${n}`);
  return n;
}

function integer(value: unknown, path: string): bigint {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return BigInt(value);
  throw new DecodeError(path, `expected an integer, got ${describe(value)}`);
}

function uint32(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) return value;
  throw new DecodeError(path, `expected an unsigned 32-bit integer, got ${describe(value)}`);
}

function double(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  throw new DecodeError(path, `expected a number, got ${describe(value)}`);
}

function enumValue<T extends number>(value: unknown, names: Record<string, T>, path: string): T {
  if (value === undefined || value === null) return 0 as T;
  const max = Object.keys(names).length - 1;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max) return value as T;
  const named = typeof value === 'string' ? ownValue(names, value) : undefined;
  if (named !== undefined) return named;
  throw new DecodeError(
    path,
    `expected one of ${Object.keys(names).join(', ')} or 0–${max}, got ${describe(value)}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
