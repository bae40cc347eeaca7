/**
 * What the page's Jaeger decoder (fromJaegerJson.ts, and the byte scan of readSpan.ts) reads
 * back from a span as the server writes it (jaegerSpanJson.ts), computed from the span itself:
 * the columns must show a trace exactly as its JSON would. The writer turns the parent and the
 * links into `references` (the parent first); the decoder picks the first same-trace CHILD_OF
 * reference as the parent, else the first same-trace one, and keeps the rest as links. Kind and
 * status come back from the first tag of each name, and span attributes are written before the
 * synthetic `span.kind`, `otel.status_code` and `error` tags, so an attribute can override them.
 */
import { attributeValueToString, type Attribute } from '../model/attributes';
import { jaegerTraceId, normalizeSpanId, normalizeTraceId, ZERO_SPAN_ID } from '../model/ids';
import { spanKindNames, StatusCode, type Span, type SpanLink } from '../model/trace';
import { kindOf, statusOf } from '../jaeger/fromJaegerJson';
import type { JaegerKeyValue } from '../jaeger/jaegerJson';
import { jaegerKeyValue } from '../jaeger/toJaegerJson';

/** A span's parent and links as the decoder reads them from the references the writer emits. */
export interface ReadBackReferences {
  /** The decoded parentSpanId: 16 hex digits, or '' for none. */
  parentSpanId: string;
  /** Length of the decoded span's links. */
  linkCount: number;
  /** A decoded link names the parent (same trace) with opentracing.ref_type=follows_from. */
  followsFromParent: boolean;
}

/** The trace ID a written trace ID decodes to (null when it is not one). */
export function decodedTraceId(traceId: string): string | null {
  return normalizeTraceId(jaegerTraceId(traceId));
}

function isChildOf(link: SpanLink): boolean {
  const attr = link.attributes.find((a) => a.key === 'opentracing.ref_type');
  return attr !== undefined && attributeValueToString(attr) === 'child_of';
}

interface Reference {
  childOf: boolean;
  /** Decoded trace ID, or null when the written one is not hex. */
  traceId: string | null;
  /** Decoded span ID, or null. */
  spanId: string | null;
}

/** The references writeJaegerSpan emits, decoded. */
function writtenReferences(span: Span): Reference[] {
  const { links } = span;
  const parentLink = span.parentSpanId
    ? links.find((l) => l.traceId === span.traceId && l.spanId === span.parentSpanId)
    : undefined;
  const refs: Reference[] = [];
  if (span.parentSpanId) {
    refs.push({
      childOf: parentLink ? isChildOf(parentLink) : true,
      traceId: decodedTraceId(span.traceId),
      spanId: normalizeSpanId(span.parentSpanId),
    });
  }
  for (const link of links) {
    if (link === parentLink) continue;
    refs.push({
      childOf: isChildOf(link),
      traceId: decodedTraceId(link.traceId),
      spanId: normalizeSpanId(link.spanId),
    });
  }
  return refs;
}

/** `traceId` is the span's decoded trace ID. */
export function readBackReferences(span: Span, traceId: string): ReadBackReferences {
  if (span.links.length === 0) {
    // The usual span: at most one CHILD_OF reference, to its parent.
    const parentSpanId = span.parentSpanId ? (normalizeSpanId(span.parentSpanId) ?? '') : '';
    return { parentSpanId, linkCount: 0, followsFromParent: false };
  }
  const refs = writtenReferences(span);
  let parent: Reference | undefined;
  for (const r of refs) {
    if (r.traceId !== traceId) continue;
    if (r.childOf) {
      parent = r;
      break;
    }
    parent ??= r;
  }
  const parentSpanId = parent ? (parent.spanId ?? '') : '';
  const parentIsChildOf = parent !== undefined && parent.childOf;
  let followsFromParent = false;
  if (parentSpanId) {
    for (const r of refs) {
      if (r.childOf) continue;
      // A decoded link keeps the span's trace ID when its own is not hex, and zeros for its span ID.
      if ((r.traceId ?? traceId) === traceId && (r.spanId ?? ZERO_SPAN_ID) === parentSpanId) {
        followsFromParent = true;
        break;
      }
    }
  }
  return { parentSpanId, linkCount: refs.length - (parentIsChildOf ? 1 : 0), followsFromParent };
}

/** The tag names the decoder reads kind and status from. */
function isStatusKey(key: string): boolean {
  switch (key.length) {
    case 5:
      return key === 'error';
    case 9:
      return key === 'span.kind';
    case 16:
      return key === 'otel.status_code' || key === 'http.status_code';
    case 19:
      return key === 'http.status_message';
    case 23:
      return key === 'otel.status_description';
    default:
      return false;
  }
}

/** A tag's value as the decoder gets it back from the JSON (jaegerKeyValue's, without the object). */
function writtenValue(a: Attribute): JaegerKeyValue['value'] {
  if (a.type === 'string') return a.value;
  if (a.type === 'bool') return a.value;
  return jaegerKeyValue(a).value;
}

/** Scratch for the tags of one span; the decoder only reads the first tag of each name. */
const tags: JaegerKeyValue[] = [];

/** readBackKindAndError's answer: the SpanKind in the low bits, and whether the status is Error. */
export const KIND_BITS = 7;
export const ERROR_BIT = 8;

/** Kind (SpanKind) and whether the status is Error, as the decoder reads them from the tags. */
export function readBackKindAndError(span: Span): number {
  const written = spanKindNames[span.kind as keyof typeof spanKindNames] ? span.kind : 0;
  tags.length = 0;
  for (const a of span.attributes) {
    if (isStatusKey(a.key)) tags.push({ key: a.key, value: writtenValue(a) });
  }
  if (tags.length === 0) return written | (span.status.code === StatusCode.Error ? ERROR_BIT : 0);
  // An attribute of one of those names comes first: the tags in writeJaegerSpan's order.
  if (written) tags.push({ key: 'span.kind', value: spanKindNames[span.kind] });
  if (span.status.code === StatusCode.Error) {
    tags.push({ key: 'otel.status_code', value: 'ERROR' });
    tags.push({ key: 'error', value: true });
  } else if (span.status.code === StatusCode.Ok) {
    tags.push({ key: 'otel.status_code', value: 'OK' });
  }
  if (span.status.message) tags.push({ key: 'otel.status_description', value: span.status.message });
  const kind = kindOf(tags);
  const error = statusOf(tags, kind).code === StatusCode.Error;
  tags.length = 0;
  return kind | (error ? ERROR_BIT : 0);
}
