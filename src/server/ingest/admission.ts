/**
 * What the receivers do to a decoded batch before it is stored, with the OpenTelemetry SDK's
 * span limits as the model: attributes over the count limit are dropped and string values over
 * the length limit are truncated (the span keeps a warning that says so), while spans that
 * cannot be stored sensibly are refused one by one and reported through OTLP partial success:
 *
 * - spans past `maxSpansPerRequest` in one request;
 * - absurd timestamps: a start before 2000-01-01 (unset clocks, seconds sent as nanoseconds) or
 *   a start or end more than `maxFutureSkewMs` ahead of the server's clock.
 *
 * An end before the start is not refused: the pipeline's sanitizer repairs it as Jaeger does.
 * A limit of 0 turns that check off.
 */
import type { Attribute, AttributeValue } from '../../core/model/attributes';
import { emptyScope, type Resource, type Scope, type Span } from '../../core/model/trace';
import { formatNanos } from '../../core/otlp/sanitize';

export interface IngestLimits {
  readonly maxSpansPerRequest: number;
  readonly maxAttributesPerSpan: number;
  readonly maxAttributeValueLength: number;
  readonly maxFutureSkewMs: number;
}

export const NO_INGEST_LIMITS: IngestLimits = {
  maxSpansPerRequest: 0,
  maxAttributesPerSpan: 0,
  maxAttributeValueLength: 0,
  maxFutureSkewMs: 0,
};

/** 2000-01-01T00:00:00Z: nothing traced with OpenTelemetry, Zipkin or Jaeger starts earlier. */
export const EARLIEST_START_NS = 946_684_800_000_000_000n;

export interface Admission {
  /** The spans to store, limits applied. */
  readonly spans: Span[];
  readonly rejected: number;
  /** For OTLP partial success: why spans were refused or changed; '' when nothing happened. */
  readonly message: string;
}

interface Tally {
  count: number;
  example: string;
}

class Report {
  readonly refusals = new Map<string, Tally>();
  truncatedValues = 0;
  droppedAttributes = 0;
  readonly truncatedKeys = new Set<string>();

  refuse(reason: string, example: string, count = 1): void {
    const tally = this.refusals.get(reason);
    if (tally) tally.count += count;
    else this.refusals.set(reason, { count, example });
  }

  message(limits: IngestLimits): string {
    const parts: string[] = [];
    for (const [reason, { count, example }] of this.refusals)
      parts.push(`${count} ${count === 1 ? 'span' : 'spans'} refused: ${reason} (e.g. ${example})`);
    if (this.droppedAttributes > 0)
      parts.push(
        `${this.droppedAttributes} ${this.droppedAttributes === 1 ? 'attribute' : 'attributes'} dropped past the limit of ${limits.maxAttributesPerSpan} per span, event, link or resource (max_attributes_per_span)`,
      );
    if (this.truncatedValues > 0) {
      const keys = [...this.truncatedKeys].slice(0, 3).map((k) => JSON.stringify(k.slice(0, 64)));
      parts.push(
        `${this.truncatedValues} ${this.truncatedValues === 1 ? 'value' : 'values'} truncated to ${limits.maxAttributeValueLength} characters (max_attribute_value_length), e.g. ${keys.join(', ')}`,
      );
    }
    return parts.join('; ');
  }
}

/** Cuts `text` to `max` UTF-16 units without splitting a surrogate pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

/** Applies the value-length and count limits to attribute lists; the same lists come back untouched. */
class Limiter {
  private readonly resources = new Map<Resource, Resource>();
  private readonly scopes = new Map<Scope, Scope>();
  private lastResource: Resource | undefined;
  private lastLimitedResource: Resource = { serviceName: '', attributes: [] };
  private lastScope: Scope | undefined;
  private lastLimitedScope: Scope = emptyScope;

  constructor(
    readonly limits: IngestLimits,
    private readonly report: Report,
  ) {}

  text(value: string, key: string): string {
    const max = this.limits.maxAttributeValueLength;
    if (max === 0 || value.length <= max) return value;
    this.report.truncatedValues++;
    this.report.truncatedKeys.add(key);
    return truncateText(value, max);
  }

  private value(v: AttributeValue, key: string): AttributeValue {
    const max = this.limits.maxAttributeValueLength;
    switch (v.type) {
      case 'string': {
        const text = this.text(v.value, key);
        return text === v.value ? v : { type: 'string', value: text };
      }
      case 'binary': {
        if (max === 0 || v.value.length <= max) return v;
        this.report.truncatedValues++;
        this.report.truncatedKeys.add(key);
        // Whole base64 quanta, so the value stays decodable.
        return { type: 'binary', value: v.value.slice(0, Math.max(4, max - (max % 4))) };
      }
      case 'array': {
        const items = v.value.map((item) => this.value(item, key));
        return items.every((item, i) => item === v.value[i]) ? v : { type: 'array', value: items };
      }
      case 'map': {
        const entries = this.attributes(v.value);
        return entries === v.value ? v : { type: 'map', value: entries };
      }
      default:
        return v;
    }
  }

  attributes(list: readonly Attribute[]): readonly Attribute[] {
    const maxCount = this.limits.maxAttributesPerSpan;
    let out: Attribute[] | null = null;
    const kept = maxCount > 0 && list.length > maxCount ? maxCount : list.length;
    if (kept < list.length) {
      this.report.droppedAttributes += list.length - kept;
      out = list.slice(0, kept);
    }
    for (let i = 0; i < kept; i++) {
      const a = list[i];
      const value = this.value(a, a.key);
      const key = this.text(a.key, a.key);
      if (value === a && key === a.key) continue;
      out ??= list.slice(0, kept);
      out[i] = { ...value, key } as Attribute;
    }
    return out ?? list;
  }

  resource(resource: Resource): Resource {
    // Spans come resource by resource: most ask for the same one as the span before.
    if (resource === this.lastResource) return this.lastLimitedResource;
    let limited = this.resources.get(resource);
    if (!limited) {
      const attributes = this.attributes(resource.attributes);
      const serviceName = this.text(resource.serviceName, 'service.name');
      limited =
        attributes === resource.attributes && serviceName === resource.serviceName
          ? resource
          : { serviceName, attributes };
      this.resources.set(resource, limited);
    }
    this.lastResource = resource;
    this.lastLimitedResource = limited;
    return limited;
  }

  scope(scope: Scope): Scope {
    if (scope === this.lastScope) return this.lastLimitedScope;
    let limited = this.scopes.get(scope);
    if (!limited) {
      const attributes = this.attributes(scope.attributes);
      limited = attributes === scope.attributes ? scope : { ...scope, attributes };
      this.scopes.set(scope, limited);
    }
    this.lastScope = scope;
    this.lastLimitedScope = limited;
    return limited;
  }
}

function limitSpan(span: Span, limiter: Limiter, report: Report): Span {
  const truncatedBefore = report.truncatedValues;
  const droppedBefore = report.droppedAttributes;
  const attributes = limiter.attributes(span.attributes);
  const name = limiter.text(span.name, 'span name');
  const statusMessage = limiter.text(span.status.message, 'status message');
  let events = span.events;
  for (let i = 0; i < span.events.length; i++) {
    const e = span.events[i];
    const eventAttributes = limiter.attributes(e.attributes);
    const eventName = limiter.text(e.name, 'event name');
    if (eventAttributes === e.attributes && eventName === e.name) continue;
    if (events === span.events) events = [...span.events];
    (events as SpanEventList)[i] = { ...e, name: eventName, attributes: eventAttributes };
  }
  let links = span.links;
  for (let i = 0; i < span.links.length; i++) {
    const l = span.links[i];
    const linkAttributes = limiter.attributes(l.attributes);
    if (linkAttributes === l.attributes) continue;
    if (links === span.links) links = [...span.links];
    (links as SpanLinkList)[i] = { ...l, attributes: linkAttributes };
  }
  const resource = limiter.resource(span.resource);
  const scope = limiter.scope(span.scope);
  const truncated = report.truncatedValues - truncatedBefore;
  const dropped = report.droppedAttributes - droppedBefore;
  if (truncated === 0 && dropped === 0 && resource === span.resource && scope === span.scope) return span;
  return {
    ...span,
    name,
    attributes,
    events,
    links,
    resource,
    scope,
    status: statusMessage === span.status.message ? span.status : { ...span.status, message: statusMessage },
    warnings: [...span.warnings, ...limitWarnings(truncated, dropped, limiter.limits)],
  };
}

function limitWarnings(truncated: number, dropped: number, limits: IngestLimits): string[] {
  const warnings: string[] = [];
  if (truncated > 0)
    warnings.push(
      `${truncated} ${truncated === 1 ? 'value was' : 'values were'} truncated to ${limits.maxAttributeValueLength} characters on ingest (max_attribute_value_length)`,
    );
  if (dropped > 0)
    warnings.push(
      `${dropped} ${dropped === 1 ? 'attribute was' : 'attributes were'} dropped on ingest, past the limit of ${limits.maxAttributesPerSpan} per span, event or link (max_attributes_per_span)`,
    );
  return warnings;
}

type SpanEventList = Span['events'][number][];
type SpanLinkList = Span['links'][number][];

function describeTime(ns: bigint): string {
  try {
    return formatNanos(ns);
  } catch {
    return `${ns} ns after the epoch`;
  }
}

function timestampProblem(span: Span, latestNs: bigint | null): string | null {
  if (span.startTimeUnixNano < EARLIEST_START_NS) return 'start time before 2000-01-01T00:00:00Z';
  if (latestNs === null) return null;
  if (span.startTimeUnixNano > latestNs) return 'start time too far in the future (max_future_skew)';
  if (span.endTimeUnixNano > latestNs) return 'end time too far in the future (max_future_skew)';
  return null;
}

export function admitSpans(spans: readonly Span[], limits: IngestLimits, nowNs: bigint): Admission {
  const report = new Report();
  const limiter = new Limiter(limits, report);
  const latestNs = limits.maxFutureSkewMs > 0 ? nowNs + BigInt(limits.maxFutureSkewMs) * 1_000_000n : null;
  const max = limits.maxSpansPerRequest > 0 ? limits.maxSpansPerRequest : Infinity;
  const admitted: Span[] = [];
  let rejected = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (i >= max) {
      const over = spans.length - max;
      report.refuse(
        `over the limit of ${max} spans per request (max_spans_per_request); send smaller batches`,
        `the ${over} after the first ${max}`,
        over,
      );
      rejected += over;
      break;
    }
    const problem = timestampProblem(span, latestNs);
    if (problem) {
      rejected++;
      report.refuse(problem, `span ${span.spanId} starting ${describeTime(span.startTimeUnixNano)}`);
      continue;
    }
    admitted.push(limitSpan(span, limiter, report));
  }
  return { spans: admitted, rejected, message: report.message(limits) };
}
