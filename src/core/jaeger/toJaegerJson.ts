/**
 * The trace model into Jaeger's v1 UI JSON, with the rules of the OpenTelemetry translator
 * Jaeger uses (traces_to_jaegerproto.go) and Jaeger's UI model converter (from_domain.go).
 */
import type { Attribute, AttributeValue } from '../model/attributes';
import { attributeValueToString } from '../model/attributes';
import { jaegerTraceId } from '../model/ids';
import type { Resource, Span, SpanLink } from '../model/trace';
import { spanKindNames, StatusCode } from '../model/trace';
import type {
  JaegerKeyValue,
  JaegerLog,
  JaegerProcess,
  JaegerReference,
  JaegerSpan,
  JaegerTrace,
} from './jaegerJson';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function jaegerKeyValue(a: Attribute): JaegerKeyValue {
  return { key: a.key, ...jaegerValue(a) };
}

function jaegerValue(v: AttributeValue): Omit<JaegerKeyValue, 'key'> {
  switch (v.type) {
    case 'string':
      return { type: 'string', value: v.value };
    case 'bool':
      return { type: 'bool', value: v.value };
    case 'int64':
      // JavaScript readers lose digits past 2^53, so Jaeger sends those as decimal strings.
      return {
        type: 'int64',
        value: v.value > MAX_SAFE || v.value < -MAX_SAFE ? v.value.toString() : Number(v.value),
      };
    case 'float64':
      // Jaeger fails the whole response on NaN/Inf; we keep the trace readable instead.
      return { type: 'float64', value: Number.isFinite(v.value) ? v.value : attributeValueToString(v) };
    case 'binary':
      return { type: 'binary', value: v.value };
    case 'array':
    case 'map':
    case 'empty':
      return { type: 'string', value: attributeValueToString(v) };
  }
}

const toMicros = (ns: bigint): number => Number(ns / 1000n);

function references(span: Span): JaegerReference[] {
  const refs: JaegerReference[] = [];
  const parentLink = span.parentSpanId
    ? span.links.find((l) => l.traceId === span.traceId && l.spanId === span.parentSpanId)
    : undefined;
  if (span.parentSpanId) {
    refs.push({
      refType: parentLink ? refType(parentLink) : 'CHILD_OF',
      traceID: jaegerTraceId(span.traceId),
      spanID: span.parentSpanId,
    });
  }
  for (const link of span.links) {
    if (link === parentLink) continue;
    refs.push({ refType: refType(link), traceID: jaegerTraceId(link.traceId), spanID: link.spanId });
  }
  return refs;
}

function refType(link: SpanLink): JaegerReference['refType'] {
  const attr = link.attributes.find((a) => a.key === 'opentracing.ref_type');
  return attr && attributeValueToString(attr) === 'child_of' ? 'CHILD_OF' : 'FOLLOWS_FROM';
}

function tags(span: Span): JaegerKeyValue[] {
  const out: JaegerKeyValue[] = [];
  if (span.scope.name) out.push({ key: 'otel.scope.name', type: 'string', value: span.scope.name });
  if (span.scope.version) out.push({ key: 'otel.scope.version', type: 'string', value: span.scope.version });
  for (const a of span.attributes) out.push(jaegerKeyValue(a));
  const kind = spanKindNames[span.kind];
  if (kind) out.push({ key: 'span.kind', type: 'string', value: kind });
  if (span.status.code === StatusCode.Error) {
    out.push({ key: 'otel.status_code', type: 'string', value: 'ERROR' });
    out.push({ key: 'error', type: 'bool', value: true });
  } else if (span.status.code === StatusCode.Ok) {
    out.push({ key: 'otel.status_code', type: 'string', value: 'OK' });
  }
  if (span.status.message)
    out.push({ key: 'otel.status_description', type: 'string', value: span.status.message });
  if (span.traceState) out.push({ key: 'w3c.tracestate', type: 'string', value: span.traceState });
  return out;
}

function logs(span: Span): JaegerLog[] {
  return span.events.map((e) => {
    const fields: JaegerKeyValue[] = [];
    if (e.name && !e.attributes.some((a) => a.key === 'event')) {
      fields.push({ key: 'event', type: 'string', value: e.name });
    }
    for (const a of e.attributes) fields.push(jaegerKeyValue(a));
    return { timestamp: toMicros(e.timeUnixNano), fields };
  });
}

function process(resource: Resource): JaegerProcess {
  return {
    serviceName: resource.serviceName,
    tags: resource.attributes.filter((a) => a.key !== 'service.name').map(jaegerKeyValue),
  };
}

/**
 * The processes of one trace as its spans are converted in order: spans whose processes are equal
 * share a process ID (`p1`, `p2`, … in span order), as Jaeger's process hashtable does.
 */
export class JaegerProcessTable {
  readonly processes: Record<string, JaegerProcess> = {};
  private readonly idByResource = new Map<Resource, string>();
  private readonly idByContent = new Map<string, string>();
  private readonly idJsonByResource = new Map<Resource, string>();

  idOf(resource: Resource): string {
    let processID = this.idByResource.get(resource);
    if (processID === undefined) {
      const p = process(resource);
      const key = JSON.stringify(p);
      processID = this.idByContent.get(key);
      if (processID === undefined) {
        processID = `p${this.idByContent.size + 1}`;
        this.idByContent.set(key, processID);
        this.processes[processID] = p;
      }
      this.idByResource.set(resource, processID);
    }
    return processID;
  }

  /** The ID as JSON text (`"p1"`), for writers that build the span's text directly. */
  idJsonOf(resource: Resource): string {
    let json = this.idJsonByResource.get(resource);
    if (json === undefined) {
      json = JSON.stringify(this.idOf(resource));
      this.idJsonByResource.set(resource, json);
    }
    return json;
  }
}

/** One span in Jaeger's UI JSON, its process already given an ID. */
export function toJaegerSpan(span: Span, processID: string): JaegerSpan {
  return {
    traceID: jaegerTraceId(span.traceId),
    spanID: span.spanId,
    ...(span.flags & 1 ? { flags: 1 } : {}),
    operationName: span.name,
    references: references(span),
    startTime: toMicros(span.startTimeUnixNano),
    duration: toMicros(span.endTimeUnixNano - span.startTimeUnixNano),
    tags: tags(span),
    logs: logs(span),
    processID,
    warnings: span.warnings.length ? [...span.warnings] : null,
  };
}

/** Converts the spans of one trace. */
export function toJaegerTrace(spans: readonly Span[], traceWarnings: readonly string[] = []): JaegerTrace {
  const table = new JaegerProcessTable();
  const out: JaegerSpan[] = [];
  for (const span of spans) out.push(toJaegerSpan(span, table.idOf(span.resource)));
  return {
    traceID: spans.length ? jaegerTraceId(spans[0].traceId) : '',
    spans: out,
    processes: table.processes,
    warnings: traceWarnings.length ? [...traceWarnings] : null,
  };
}
