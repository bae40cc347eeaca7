/**
 * The single-span predicate of Jaeger's v2 memory store (`validSpan`, reference §3.2): a trace
 * matches a search when one span meets every criterion. Pure, so every store (memory, SQLite)
 * filters its candidates with the very same rules.
 */
import { attributeValueToString, findAttribute, type Attribute } from '../../core/model/attributes';
import { SpanKind, StatusCode, type Span } from '../../core/model/trace';
import type { TraceQuery } from './traceStore';

/** Everything in a TraceQuery that a span is tested against. */
export type SpanCriteria = Omit<TraceQuery, 'searchDepth'>;

/** Query keys the store interprets itself; a span attribute with such a key is never consulted. */
export const ERROR_KEY = 'error';
export const SPAN_STATUS_KEY = 'span.status';
export const SPAN_KIND_KEY = 'span.kind';
export const SCOPE_NAME_KEY = 'scope.name';
export const SCOPE_VERSION_KEY = 'scope.version';
export const SPECIAL_KEYS: ReadonlySet<string> = new Set([
  ERROR_KEY,
  SPAN_STATUS_KEY,
  SPAN_KIND_KEY,
  SCOPE_NAME_KEY,
  SCOPE_VERSION_KEY,
]);
/** `resource.<key>` looks `<key>` up in the resource attributes only. */
export const RESOURCE_KEY_PREFIX = 'resource.';

export interface AttributeCriterion {
  readonly key: string;
  readonly value: string;
}

/** A query parsed once, so the per-span test does no string parsing. */
export interface CompiledSpanCriteria {
  readonly serviceName: string;
  readonly operationName: string;
  readonly startTimeMin: bigint | undefined;
  readonly startTimeMax: bigint | undefined;
  readonly durationMin: bigint | undefined;
  readonly durationMax: bigint | undefined;
  /** From `error=`: true = status must be ERROR, false = status must not be ERROR. */
  readonly isError: boolean | undefined;
  /** From `span.status=`. */
  readonly status: StatusCode | undefined;
  /** From `span.kind=`. */
  readonly kind: SpanKind | undefined;
  readonly scopeName: string | undefined;
  readonly scopeVersion: string | undefined;
  /** `resource.<key>` criteria, key without the prefix. */
  readonly resourceAttributes: readonly AttributeCriterion[];
  /** Any other key: span, scope, resource, event or link attributes. */
  readonly anyAttributes: readonly AttributeCriterion[];
}

/** Go's strconv.ParseBool, which is how Jaeger reads the `error` query value. */
export function parseGoBool(text: string): boolean | undefined {
  switch (text) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
    default:
      return undefined;
  }
}

/** `span.status` value → required status; anything but OK/ERROR asks for UNSET, as in Jaeger. */
export function statusFromQuery(text: string): StatusCode {
  switch (text.toUpperCase()) {
    case 'OK':
      return StatusCode.Ok;
    case 'ERROR':
      return StatusCode.Error;
    default:
      return StatusCode.Unset;
  }
}

/** `span.kind` value → required kind; an unknown name asks for UNSPECIFIED, as in Jaeger. */
export function kindFromQuery(text: string): SpanKind {
  switch (text.toUpperCase()) {
    case 'CLIENT':
      return SpanKind.Client;
    case 'SERVER':
      return SpanKind.Server;
    case 'PRODUCER':
      return SpanKind.Producer;
    case 'CONSUMER':
      return SpanKind.Consumer;
    case 'INTERNAL':
      return SpanKind.Internal;
    default:
      return SpanKind.Unspecified;
  }
}

/**
 * Parses the criteria once. Returns null when no span can ever match (an `error` value that
 * Go's ParseBool rejects), so a store can answer without looking at any trace.
 *
 * Start bounds apply whenever they are defined; a zero duration bound means "unbounded", because
 * Jaeger tests `DurationMin != 0` and the HTTP layer sends 0 for an empty field.
 */
export function compileSpanCriteria(criteria: SpanCriteria): CompiledSpanCriteria | null {
  let isError: boolean | undefined;
  let status: StatusCode | undefined;
  let kind: SpanKind | undefined;
  let scopeName: string | undefined;
  let scopeVersion: string | undefined;
  const resourceAttributes: AttributeCriterion[] = [];
  const anyAttributes: AttributeCriterion[] = [];
  for (const [key, value] of criteria.attributes) {
    switch (key) {
      case ERROR_KEY:
        isError = parseGoBool(value);
        if (isError === undefined) return null;
        break;
      case SPAN_STATUS_KEY:
        status = statusFromQuery(value);
        break;
      case SPAN_KIND_KEY:
        kind = kindFromQuery(value);
        break;
      case SCOPE_NAME_KEY:
        scopeName = value;
        break;
      case SCOPE_VERSION_KEY:
        scopeVersion = value;
        break;
      default:
        if (key.startsWith(RESOURCE_KEY_PREFIX)) {
          resourceAttributes.push({ key: key.slice(RESOURCE_KEY_PREFIX.length), value });
        } else {
          anyAttributes.push({ key, value });
        }
    }
  }
  return {
    serviceName: criteria.serviceName,
    operationName: criteria.operationName,
    startTimeMin: criteria.startTimeMin,
    startTimeMax: criteria.startTimeMax,
    durationMin: nonZero(criteria.durationMin),
    durationMax: nonZero(criteria.durationMax),
    isError,
    status,
    kind,
    scopeName,
    scopeVersion,
    resourceAttributes,
    anyAttributes,
  };
}

function nonZero(value: bigint | undefined): bigint | undefined {
  return value === 0n ? undefined : value;
}

/** Like pdata's Map.Get: only the first attribute with the key counts. */
function hasAttribute(attributes: readonly Attribute[], criterion: AttributeCriterion): boolean {
  const found = findAttribute(attributes, criterion.key);
  return found !== undefined && attributeValueToString(found) === criterion.value;
}

function hasAttributeAnywhere(span: Span, criterion: AttributeCriterion): boolean {
  if (
    hasAttribute(span.attributes, criterion) ||
    hasAttribute(span.scope.attributes, criterion) ||
    hasAttribute(span.resource.attributes, criterion)
  ) {
    return true;
  }
  for (const event of span.events) if (hasAttribute(event.attributes, criterion)) return true;
  for (const link of span.links) if (hasAttribute(link.attributes, criterion)) return true;
  return false;
}

/** Cheap checks first: most candidate spans fail on service, name or time. */
export function spanMatches(span: Span, c: CompiledSpanCriteria): boolean {
  if (c.serviceName !== '' && span.resource.serviceName !== c.serviceName) return false;
  if (c.operationName !== '' && span.name !== c.operationName) return false;
  const start = span.startTimeUnixNano;
  if (c.startTimeMin !== undefined && start < c.startTimeMin) return false;
  if (c.startTimeMax !== undefined && start > c.startTimeMax) return false;
  if (c.durationMin !== undefined || c.durationMax !== undefined) {
    const duration = span.endTimeUnixNano - start;
    if (c.durationMin !== undefined && duration < c.durationMin) return false;
    if (c.durationMax !== undefined && duration > c.durationMax) return false;
  }
  if (c.isError !== undefined && (span.status.code === StatusCode.Error) !== c.isError) return false;
  if (c.status !== undefined && span.status.code !== c.status) return false;
  if (c.kind !== undefined && span.kind !== c.kind) return false;
  if (c.scopeName !== undefined && span.scope.name !== c.scopeName) return false;
  if (c.scopeVersion !== undefined && span.scope.version !== c.scopeVersion) return false;
  for (const criterion of c.resourceAttributes) {
    if (!hasAttribute(span.resource.attributes, criterion)) return false;
  }
  for (const criterion of c.anyAttributes) {
    if (!hasAttributeAnywhere(span, criterion)) return false;
  }
  return true;
}

/** Jaeger's `validTrace`: some single span meets every criterion. */
export function someSpanMatches(spans: readonly Span[], c: CompiledSpanCriteria): boolean {
  for (const span of spans) if (spanMatches(span, c)) return true;
  return false;
}
