/**
 * Jaeger's v1 UI JSON into the trace model, with the mapping of the OpenTelemetry
 * jaeger translator (jaegerproto_to_traces.go), so that a trace fetched from any Jaeger
 * looks the same as one ingested over OTLP.
 */
import type { Attribute } from '../model/attributes';
import { DecodeError } from '../model/decodeError';
import { normalizeSpanId, normalizeTraceId } from '../model/ids';
import type { Resource, Scope, Span, SpanKind, SpanLink, StatusCode, Trace } from '../model/trace';
import { emptyScope } from '../model/trace';
import type { JaegerKeyValue, JaegerProcess, JaegerReference, JaegerSpan, JaegerTrace } from './jaegerJson';
import { ownValue } from '../model/ownValue';

const KINDS: Record<string, SpanKind> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
/** Tags that the OTLP → Jaeger translator synthesises; they go back into span fields. */
export const SYNTHETIC_TAGS: ReadonlySet<string> = new Set([
  'span.kind',
  'otel.status_code',
  'otel.status_description',
  'error',
  'w3c.tracestate',
  'otel.scope.name',
  'otel.scope.version',
  'otel.library.name',
  'otel.library.version',
]);

export function attributeFromJaeger(kv: JaegerKeyValue): Attribute {
  const { key, type, value } = kv;
  switch (type) {
    case 'bool':
      return { key, type: 'bool', value: value === true || value === 'true' };
    case 'int64':
      if (typeof value === 'number' && Number.isInteger(value))
        return { key, type: 'int64', value: BigInt(value) };
      if (typeof value === 'string' && /^-?\d+$/.test(value))
        return { key, type: 'int64', value: BigInt(value) };
      return { key, type: 'string', value: String(value) };
    case 'float64':
      return { key, type: 'float64', value: typeof value === 'number' ? value : Number(value) };
    case 'binary':
      return { key, type: 'binary', value: String(value) };
    default:
      if (typeof value === 'boolean') return { key, type: 'bool', value };
      if (typeof value === 'number')
        return Number.isInteger(value)
          ? { key, type: 'int64', value: BigInt(value) }
          : { key, type: 'float64', value };
      return { key, type: 'string', value: value === null || value === undefined ? '' : String(value) };
  }
}

/** The value of the first tag named `key` as text (as the translator reads tags). */
function tagText(tags: readonly JaegerKeyValue[], key: string): string | undefined {
  const t = tags.find((x) => x.key === key);
  return t === undefined || t.value === null ? undefined : String(t.value);
}

/** The span kind that the `span.kind` tag names (unspecified when absent or unknown). */
export function kindOf(tags: readonly JaegerKeyValue[]): SpanKind {
  return ownValue(KINDS, tagText(tags, 'span.kind') ?? '') ?? 0;
}

export function statusOf(
  tags: readonly JaegerKeyValue[],
  kind: SpanKind,
): { code: StatusCode; message: string } {
  const message = tagText(tags, 'otel.status_description') ?? tagText(tags, 'http.status_message') ?? '';
  const error = tagText(tags, 'error');
  if (error === 'true') return { code: 2, message };
  const otel = tagText(tags, 'otel.status_code');
  if (otel === 'ERROR') return { code: 2, message };
  if (otel === 'OK') return { code: 1, message: '' };
  const http = Number(tagText(tags, 'http.status_code'));
  if (Number.isInteger(http) && http >= 400) {
    if (http < 500 && kind === 2) return { code: 0, message: '' };
    return { code: 2, message };
  }
  return { code: 0, message: '' };
}

/** Resources and scopes already made, so that spans of one process share one object. */
export interface DecodeCaches {
  resources: Map<JaegerProcess, Resource>;
  scopes: Map<string, Scope>;
}

export function newDecodeCaches(): DecodeCaches {
  return { resources: new Map(), scopes: new Map() };
}

export function resourceOf(p: JaegerProcess | undefined, cache: Map<JaegerProcess, Resource>): Resource {
  if (!p) return { serviceName: 'missing-service-name', attributes: [] };
  let r = cache.get(p);
  if (!r) {
    const attributes: Attribute[] = [{ key: 'service.name', type: 'string', value: p.serviceName }];
    for (const t of p.tags ?? [])
      attributes.push(attributeFromJaeger(t.key === 'hostname' ? { ...t, key: 'host.name' } : t));
    r = { serviceName: p.serviceName || 'empty-service-name', attributes };
    cache.set(p, r);
  }
  return r;
}

function scopeOf(tags: JaegerKeyValue[], cache: Map<string, Scope>): Scope {
  const name = tagText(tags, 'otel.scope.name') ?? tagText(tags, 'otel.library.name') ?? '';
  const version = tagText(tags, 'otel.scope.version') ?? tagText(tags, 'otel.library.version') ?? '';
  if (!name && !version) return emptyScope;
  const key = `${name}\u0000${version}`;
  let s = cache.get(key);
  if (!s) cache.set(key, (s = { name, version, attributes: [] }));
  return s;
}

const micros = (us: number): bigint => BigInt(Math.trunc(us)) * 1000n;

export function spanFromJaeger(
  js: JaegerSpan,
  t: Pick<JaegerTrace, 'traceID' | 'processes'>,
  path: string,
  { resources, scopes }: DecodeCaches,
): Span {
  const traceId = normalizeTraceId(String(js.traceID ?? t.traceID));
  const spanId = normalizeSpanId(String(js.spanID));
  if (!traceId) throw new DecodeError(`${path}.traceID`, `not a trace ID: ${JSON.stringify(js.traceID)}`);
  if (!spanId) throw new DecodeError(`${path}.spanID`, `not a span ID: ${JSON.stringify(js.spanID)}`);
  if (typeof js.startTime !== 'number' || typeof js.duration !== 'number') {
    throw new DecodeError(path, 'startTime and duration must be numbers of microseconds');
  }
  const tags = Array.isArray(js.tags) ? js.tags : [];
  const refs: JaegerReference[] = Array.isArray(js.references) ? js.references : [];
  if (js.parentSpanID && !refs.length)
    refs.push({ refType: 'CHILD_OF', traceID: String(js.traceID), spanID: js.parentSpanID });
  // Jaeger UI nests a span under its first same-trace reference, CHILD_OF preferred.
  const sameTrace = refs.filter((r) => normalizeTraceId(String(r.traceID)) === traceId);
  const parentRef = sameTrace.find((r) => r.refType === 'CHILD_OF') ?? sameTrace[0];
  const links: SpanLink[] = [];
  for (const r of refs) {
    if (r === parentRef && r.refType === 'CHILD_OF') continue;
    links.push({
      traceId: normalizeTraceId(String(r.traceID)) ?? traceId,
      spanId: normalizeSpanId(String(r.spanID)) ?? '0'.repeat(16),
      traceState: '',
      attributes: [
        {
          key: 'opentracing.ref_type',
          type: 'string',
          value: r.refType === 'CHILD_OF' ? 'child_of' : 'follows_from',
        },
      ],
    });
  }
  const kind = kindOf(tags);
  const start = micros(js.startTime);
  return {
    traceId,
    spanId,
    parentSpanId: parentRef ? (normalizeSpanId(String(parentRef.spanID)) ?? '') : '',
    traceState: tagText(tags, 'w3c.tracestate') ?? '',
    flags: typeof js.flags === 'number' ? js.flags : 0,
    name: String(js.operationName ?? ''),
    kind,
    startTimeUnixNano: start,
    endTimeUnixNano: start + micros(js.duration),
    attributes: tags.filter((x) => !SYNTHETIC_TAGS.has(x.key)).map(attributeFromJaeger),
    events: (Array.isArray(js.logs) ? js.logs : []).map((l) => {
      const fields = Array.isArray(l.fields) ? l.fields : [];
      return {
        timeUnixNano: micros(Number(l.timestamp)),
        name: tagText(fields, 'event') ?? '',
        attributes: fields.filter((f) => f.key !== 'event').map(attributeFromJaeger),
      };
    }),
    links,
    status: statusOf(tags, kind),
    resource: resourceOf(js.process ?? (js.processID ? t.processes?.[js.processID] : undefined), resources),
    scope: scopeOf(tags, scopes),
    warnings: Array.isArray(js.warnings) ? js.warnings.map(String) : [],
  };
}

export function traceFromJaeger(t: JaegerTrace, path = ''): Trace {
  if (typeof t !== 'object' || t === null || !Array.isArray(t.spans)) {
    throw new DecodeError(path, 'expected a Jaeger trace: an object with a "spans" array');
  }
  const caches = newDecodeCaches();
  const spans = t.spans.map((s, i) => spanFromJaeger(s, t, `${path}.spans[${i}]`, caches));
  const traceId = spans[0]?.traceId ?? normalizeTraceId(String(t.traceID)) ?? '';
  return { traceId, spans, warnings: Array.isArray(t.warnings) ? t.warnings.map(String) : [] };
}

/**
 * Accepts what people hold as "a Jaeger trace file": the query API's `{data: [...]}` envelope,
 * a bare array of traces, or a single trace object.
 */
export function tracesFromJaegerResponse(json: unknown): Trace[] {
  if (Array.isArray(json)) return json.map((t, i) => traceFromJaeger(t as JaegerTrace, `[${i}]`));
  if (typeof json === 'object' && json !== null) {
    const o = json as Record<string, unknown>;
    if (Array.isArray(o.data)) return o.data.map((t, i) => traceFromJaeger(t as JaegerTrace, `data[${i}]`));
    if (Array.isArray(o.spans)) return [traceFromJaeger(o as unknown as JaegerTrace)];
  }
  throw new DecodeError('', 'expected Jaeger JSON: {"data": [traces]}, an array of traces, or one trace');
}
