/**
 * The Zipkin tags that the collector's zipkinv2 translator turns into something other than a
 * span attribute: resource attributes, scope, kind, status, trace state and links (the last
 * ones written by the collector's own Zipkin exporter so that OTLP round-trips), and the
 * `name|{json attributes}|dropped` annotation values it writes for events.
 */
import type { Attribute } from '../model/attributes';
import { SpanKind, StatusCode, type SpanLink, type SpanStatus } from '../model/trace';
import { ownValue } from '../model/ownValue';

/**
 * Tags that describe the process rather than the span (semconv 1.6.1 resource attributes, as
 * the translator lists them, plus OpenCensus leftovers). They move to the resource, and are
 * never kept as span attributes.
 */
const RESOURCE_PREFIXES = ['cloud.', 'aws.', 'container.', 'device.', 'faas.', 'host.', 'k8s.', 'os.'];
const RESOURCE_KEYS = new Set([
  'deployment.environment',
  'process.pid',
  'process.executable.name',
  'process.executable.path',
  'process.command',
  'process.command_line',
  'process.command_args',
  'process.owner',
  'process.runtime.name',
  'process.runtime.version',
  'process.runtime.description',
  'service.name',
  'service.namespace',
  'service.instance.id',
  'service.version',
  'telemetry.sdk.name',
  'telemetry.sdk.language',
  'telemetry.sdk.version',
  'telemetry.auto.version',
  'webengine.name',
  'webengine.version',
  'webengine.description',
  'opencensus.starttime',
  'opencensus.exporterversion',
  'opencensus.resourcetype',
]);
/** Names the service-name attribute when the exporter's resource had it under another key. */
export const SERVICE_NAME_SOURCE_TAG = 'otlp.service.name.source';
const SCOPE_NAME_TAGS = ['otel.scope.name', 'otel.library.name'];
const SCOPE_VERSION_TAGS = ['otel.scope.version', 'otel.library.version'];

export function isResourceTag(key: string): boolean {
  return RESOURCE_KEYS.has(key) || RESOURCE_PREFIXES.some((p) => key.startsWith(p));
}

/** Tags that never become span attributes. */
export function isNonSpanTag(key: string): boolean {
  return (
    isResourceTag(key) ||
    key === SERVICE_NAME_SOURCE_TAG ||
    SCOPE_NAME_TAGS.includes(key) ||
    SCOPE_VERSION_TAGS.includes(key)
  );
}

export function scopeTags(tags: ReadonlyMap<string, string>): { name: string; version: string } {
  const first = (keys: string[]) => keys.map((k) => tags.get(k)).find((v) => v !== undefined) ?? '';
  return { name: first(SCOPE_NAME_TAGS), version: first(SCOPE_VERSION_TAGS) };
}

const KINDS: Record<string, SpanKind> = {
  CLIENT: SpanKind.Client,
  SERVER: SpanKind.Server,
  PRODUCER: SpanKind.Producer,
  CONSUMER: SpanKind.Consumer,
};

/** Zipkin's kind (any case); without one, a `span.kind=internal` tag (which is then consumed). */
export function takeKind(kind: string, tags: Map<string, string>): SpanKind {
  const k = ownValue(KINDS, kind.toUpperCase());
  if (k !== undefined) return k;
  const tag = tags.get('span.kind');
  if (tag === undefined) return SpanKind.Unspecified;
  tags.delete('span.kind');
  return tag === 'internal' ? SpanKind.Internal : SpanKind.Unspecified;
}

const STATUS: Record<string, StatusCode> = {
  STATUS_CODE_UNSET: StatusCode.Unset,
  STATUS_CODE_OK: StatusCode.Ok,
  STATUS_CODE_ERROR: StatusCode.Error,
  // OpenTelemetry SDKs' Zipkin exporters write the short names.
  UNSET: StatusCode.Unset,
  OK: StatusCode.Ok,
  ERROR: StatusCode.Error,
};

/**
 * `otel.status_code` / `otel.status_description`, then Zipkin's `error` tag: every value marks the
 * span as failed, but only `"true"` is dropped, since other values are the error message.
 */
export function takeStatus(tags: Map<string, string>): SpanStatus {
  let code: StatusCode = StatusCode.Unset;
  let message = '';
  const codeTag = tags.get('otel.status_code');
  if (codeTag !== undefined) {
    code = ownValue(STATUS, codeTag) ?? StatusCode.Unset;
    tags.delete('otel.status_code');
    message = tags.get('otel.status_description') ?? '';
    tags.delete('otel.status_description');
  }
  const error = tags.get('error');
  if (error !== undefined) {
    code = StatusCode.Error;
    if (error === 'true') tags.delete('error');
  }
  return { code, message };
}

/**
 * `otlp.link.0`, `otlp.link.1`, … = `traceId|spanId|traceState|{attributes}|dropped`. A value
 * that does not parse stays a plain attribute rather than failing the whole batch.
 */
export function takeLinks(tags: Map<string, string>): SpanLink[] {
  const links: SpanLink[] = [];
  for (let i = 0; i < 128; i++) {
    const key = `otlp.link.${i}`;
    const value = tags.get(key);
    if (value === undefined) break;
    const parts = value.split('|');
    if (parts.length < 5) continue;
    // The translator accepts the IDs quoted and in any case.
    const [traceId, spanId] = parts.slice(0, 2).map((p) => p.replace(/^"(.*)"$/, '$1').toLowerCase());
    const traceState = parts[2];
    const attributes = jsonAttributes(parts.slice(3, -1).join('|'));
    if (!/^[0-9a-f]{32}$/.test(traceId) || !/^[0-9a-f]{16}$/.test(spanId) || !attributes) continue;
    links.push({ traceId, spanId, traceState, attributes });
    tags.delete(key);
  }
  return links;
}

/** An annotation value as an event name and attributes (`name|{"k":"v"}|0` from OTLP). */
export function eventOf(value: string): { name: string; attributes: Attribute[] } {
  const parts = value.split('|');
  if (parts.length < 3 || !/^\d+$/.test(parts[parts.length - 1])) return { name: value, attributes: [] };
  const attributes = jsonAttributes(parts.slice(1, -1).join('|'));
  // Brave and others write free text that may contain '|': keep it whole.
  return attributes ? { name: parts[0], attributes } : { name: value, attributes: [] };
}

/** A flat JSON object as attributes the way the translator reads it; null if it is not one. */
function jsonAttributes(text: string): Attribute[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const out: Attribute[] = [];
  for (const [key, v] of Object.entries(parsed)) {
    if (typeof v === 'string') out.push({ key, type: 'string', value: v });
    else if (typeof v === 'boolean') out.push({ key, type: 'bool', value: v });
    else if (typeof v === 'number' && Number.isSafeInteger(v))
      out.push({ key, type: 'int64', value: BigInt(v) });
    else if (typeof v === 'number') out.push({ key, type: 'float64', value: v });
  }
  return out;
}
