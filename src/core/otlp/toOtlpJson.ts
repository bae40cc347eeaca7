/**
 * The trace model into OTLP/JSON `TracesData`, byte for byte as the collector's
 * `ptrace.JSONMarshaler` writes it, because Jaeger's API v3 answers with that marshaler's output.
 *
 * Its rules: fields in proto declaration order, every zero or empty field omitted except the
 * `resource`, `scope` and `status` messages (always written, possibly `{}`), IDs as lower-case
 * hex, 64-bit integers (times, `intValue`) as decimal strings, enums as numbers, doubles as JSON
 * numbers except NaN/±Infinity which become strings.
 */
import type { Attribute, AttributeValue } from '../model/attributes';
import { base64ToBytes, bytesToBase64, ZERO_SPAN_ID, ZERO_TRACE_ID } from '../model/ids';
import type { Resource, Scope, Span, SpanEvent, SpanLink, Trace } from '../model/trace';

/** The span attribute in which Jaeger carries its warnings through OTLP (jptrace.WarningsAttribute). */
export const WARNINGS_ATTRIBUTE = '@jaeger@warnings';

export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { bytesValue: string }
  | { arrayValue: { values?: OtlpAnyValue[] } }
  | { kvlistValue: { values?: OtlpKeyValue[] } }
  | Record<string, never>;

export interface OtlpKeyValue {
  key?: string;
  value: OtlpAnyValue;
}

export interface OtlpEvent {
  timeUnixNano?: string;
  name?: string;
  attributes?: OtlpKeyValue[];
}

export interface OtlpLink {
  traceId?: string;
  spanId?: string;
  traceState?: string;
  attributes?: OtlpKeyValue[];
}

export interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  traceState?: string;
  parentSpanId?: string;
  flags?: number;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: OtlpKeyValue[];
  events?: OtlpEvent[];
  links?: OtlpLink[];
  status: { message?: string; code?: number };
}

export interface OtlpScopeSpans {
  scope: { name?: string; version?: string; attributes?: OtlpKeyValue[] };
  spans?: OtlpSpan[];
}

export interface OtlpResourceSpans {
  resource: { attributes?: OtlpKeyValue[] };
  scopeSpans?: OtlpScopeSpans[];
}

export interface OtlpTracesData {
  resourceSpans?: OtlpResourceSpans[];
}

/**
 * Several traces in one `TracesData`, each trace's resourceSpans after the previous trace's, as
 * Jaeger concatenates the traces a search found.
 */
export function tracesToOtlpJson(traces: readonly Trace[]): OtlpTracesData {
  const resourceSpans: OtlpResourceSpans[] = [];
  for (const trace of traces) resourceSpans.push(...toResourceSpans(trace.spans));
  return resourceSpans.length ? { resourceSpans } : {};
}

export function spansToOtlpJson(spans: readonly Span[]): OtlpTracesData {
  const resourceSpans = toResourceSpans(spans);
  return resourceSpans.length ? { resourceSpans } : {};
}

/**
 * Regroups spans under their resource and scope. Consecutive spans share a group when they share
 * the Resource (or Scope) object, or an equal one: the adjusters copy these objects per span, and
 * Jaeger keeps the export batch's grouping through adjustment.
 */
function toResourceSpans(spans: readonly Span[]): OtlpResourceSpans[] {
  const out: OtlpResourceSpans[] = [];
  const grouping = new ResourceScopeGrouping();
  let scopeList: OtlpScopeSpans[] = [];
  let spanList: OtlpSpan[] = [];
  for (const span of spans) {
    const group = grouping.next(span);
    if (group === 'resource') {
      scopeList = [];
      out.push({ resource: resourceJson(span.resource), scopeSpans: scopeList });
    }
    if (group !== 'same') {
      spanList = [];
      scopeList.push({ scope: scopeJson(span.scope), spans: spanList });
    }
    spanList.push(spanJson(span));
  }
  return out;
}

/**
 * The grouping rule of `toResourceSpans`, one span at a time, for writers that emit a trace's
 * `resourceSpans` in slices: whether the span opens a new resource group (and so a new scope
 * group), a new scope group in the current resource, or continues the current groups.
 */
export class ResourceScopeGrouping {
  private readonly keys = new ContentKeys();
  private resource: Resource | undefined;
  private scope: Scope | undefined;

  next(span: Span): 'resource' | 'scope' | 'same' {
    if (this.resource === undefined || !this.keys.sameResource(this.resource, span.resource)) {
      this.resource = span.resource;
      this.scope = span.scope;
      return 'resource';
    }
    if (this.scope === undefined || !this.keys.sameScope(this.scope, span.scope)) {
      this.scope = span.scope;
      return 'scope';
    }
    return 'same';
  }
}

/** Content comparison of resources and scopes, each serialized once per call. */
class ContentKeys {
  private readonly cache = new Map<object, string>();

  sameResource(a: Resource, b: Resource): boolean {
    return a === b || this.key(a, a.attributes) === this.key(b, b.attributes);
  }

  sameScope(a: Scope, b: Scope): boolean {
    return (
      a === b ||
      this.key(a, [a.name, a.version, a.attributes]) === this.key(b, [b.name, b.version, b.attributes])
    );
  }

  private key(owner: object, content: unknown): string {
    let key = this.cache.get(owner);
    if (key === undefined) {
      key = JSON.stringify(content, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
      this.cache.set(owner, key);
    }
    return key;
  }
}

export function resourceJson(resource: Resource): OtlpResourceSpans['resource'] {
  return resource.attributes.length ? { attributes: keyValues(resource.attributes) } : {};
}

export function scopeJson(scope: Scope): OtlpScopeSpans['scope'] {
  const out: OtlpScopeSpans['scope'] = {};
  if (scope.name) out.name = scope.name;
  if (scope.version) out.version = scope.version;
  if (scope.attributes.length) out.attributes = keyValues(scope.attributes);
  return out;
}

export function spanJson(span: Span): OtlpSpan {
  const out: Omit<OtlpSpan, 'status'> = {};
  // Assigned in proto declaration order, which is the order ptrace.JSONMarshaler writes.
  if (span.traceId && span.traceId !== ZERO_TRACE_ID) out.traceId = span.traceId;
  if (span.spanId && span.spanId !== ZERO_SPAN_ID) out.spanId = span.spanId;
  if (span.traceState) out.traceState = span.traceState;
  if (span.parentSpanId && span.parentSpanId !== ZERO_SPAN_ID) out.parentSpanId = span.parentSpanId;
  if (span.flags) out.flags = span.flags;
  if (span.name) out.name = span.name;
  if (span.kind) out.kind = span.kind;
  if (span.startTimeUnixNano) out.startTimeUnixNano = span.startTimeUnixNano.toString();
  if (span.endTimeUnixNano) out.endTimeUnixNano = span.endTimeUnixNano.toString();
  const attributes = withWarnings(span.attributes, span.warnings);
  if (attributes.length) out.attributes = keyValues(attributes);
  if (span.events.length) out.events = span.events.map(eventJson);
  if (span.links.length) out.links = span.links.map(linkJson);
  const status: OtlpSpan['status'] = {};
  if (span.status.message) status.message = span.status.message;
  if (span.status.code) status.code = span.status.code;
  // Last, as the marshaler writes it; an unset status is still written as `{}`.
  return { ...out, status };
}

/**
 * Warnings travel as a string-array attribute appended at the end (jptrace.AddWarnings); an
 * existing array attribute of that name is extended instead. Like AddWarnings, which writes into
 * a detached slice when the attribute is not an array, warnings are then dropped.
 */
export function withWarnings(
  attributes: readonly Attribute[],
  warnings: readonly string[],
): readonly Attribute[] {
  if (warnings.length === 0) return attributes;
  const values: AttributeValue[] = warnings.map((w) => ({ type: 'string', value: w }));
  const index = attributes.findIndex((a) => a.key === WARNINGS_ATTRIBUTE);
  if (index < 0) return [...attributes, { key: WARNINGS_ATTRIBUTE, type: 'array', value: values }];
  const existing = attributes[index];
  if (existing.type !== 'array') return attributes;
  const merged: Attribute = { key: WARNINGS_ATTRIBUTE, type: 'array', value: [...existing.value, ...values] };
  return attributes.map((a, i) => (i === index ? merged : a));
}

function eventJson(event: SpanEvent): OtlpEvent {
  const out: OtlpEvent = {};
  if (event.timeUnixNano) out.timeUnixNano = event.timeUnixNano.toString();
  if (event.name) out.name = event.name;
  if (event.attributes.length) out.attributes = keyValues(event.attributes);
  return out;
}

function linkJson(link: SpanLink): OtlpLink {
  const out: OtlpLink = {};
  if (link.traceId && link.traceId !== ZERO_TRACE_ID) out.traceId = link.traceId;
  if (link.spanId && link.spanId !== ZERO_SPAN_ID) out.spanId = link.spanId;
  if (link.traceState) out.traceState = link.traceState;
  if (link.attributes.length) out.attributes = keyValues(link.attributes);
  return out;
}

function keyValues(attributes: readonly Attribute[]): OtlpKeyValue[] {
  return attributes.map((a) => (a.key ? { key: a.key, value: anyValue(a) } : { value: anyValue(a) }));
}

export function anyValue(v: AttributeValue): OtlpAnyValue {
  switch (v.type) {
    case 'string':
      return { stringValue: v.value };
    case 'bool':
      return { boolValue: v.value };
    case 'int64':
      return { intValue: v.value.toString() };
    case 'float64':
      return { doubleValue: doubleJson(v.value) };
    case 'binary': {
      // pdata holds the decoded bytes and re-encodes them as padded standard base64.
      const bytes = base64ToBytes(v.value);
      return { bytesValue: bytes ? bytesToBase64(bytes) : v.value };
    }
    case 'array':
      return { arrayValue: v.value.length ? { values: v.value.map(anyValue) } : {} };
    case 'map':
      return { kvlistValue: v.value.length ? { values: keyValues(v.value) } : {} };
    case 'empty':
      return {};
  }
}

function doubleJson(value: number): number | 'NaN' | 'Infinity' | '-Infinity' {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}
