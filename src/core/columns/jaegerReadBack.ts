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
import { SpanKind, spanKindNames, StatusCode, type Span, type SpanLink } from '../model/trace';
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

/** The span kinds the decoder knows by the `span.kind` tag's text (kindOf in fromJaegerJson.ts). */
const KIND_OF_TEXT = new Map<string, number>([
  ['internal', SpanKind.Internal],
  ['server', SpanKind.Server],
  ['client', SpanKind.Client],
  ['producer', SpanKind.Producer],
  ['consumer', SpanKind.Consumer],
]);

/** A tag's value as text, as the decoder's tagText reads it back from the JSON the writer makes. */
function textOf(a: Attribute): string {
  switch (a.type) {
    case 'string':
      return a.value;
    case 'bool':
      return a.value ? 'true' : 'false';
    case 'int64':
      return a.value.toString();
    default:
      return String(jaegerKeyValue(a).value);
  }
}

/** readBackKindAndError's answer: the SpanKind in the low bits, and whether the status is Error. */
export const KIND_BITS = 7;
export const ERROR_BIT = 8;

/**
 * Kind (SpanKind) and whether the status is Error, as the decoder reads them from the tags
 * (kindOf and statusOf in fromJaegerJson.ts, which read the first tag of each name): the span's
 * attributes first, then the writer's synthetic tags. Without allocations, since most spans of
 * OpenTelemetry instrumentation carry an `http.status_code` the decoder reads.
 */
export function readBackKindAndError(span: Span): number {
  let kindText: string | undefined;
  let errorText: string | undefined;
  let otelText: string | undefined;
  let httpText: string | undefined;
  for (const a of span.attributes) {
    const key = a.key;
    switch (key.length) {
      case 5:
        if (errorText === undefined && key === 'error') errorText = textOf(a);
        break;
      case 9:
        if (kindText === undefined && key === 'span.kind') kindText = textOf(a);
        break;
      case 16:
        if (key === 'otel.status_code') otelText ??= textOf(a);
        else if (key === 'http.status_code') httpText ??= textOf(a);
        break;
    }
  }
  const written = spanKindNames[span.kind as keyof typeof spanKindNames];
  if (written) kindText ??= written;
  if (span.status.code === StatusCode.Error) {
    otelText ??= 'ERROR';
    errorText ??= 'true';
  } else if (span.status.code === StatusCode.Ok) otelText ??= 'OK';
  const kind = kindText === undefined ? 0 : (KIND_OF_TEXT.get(kindText) ?? 0);
  return kind | (isError(kind, errorText, otelText, httpText) ? ERROR_BIT : 0);
}

function isError(
  kind: number,
  errorText: string | undefined,
  otelText: string | undefined,
  httpText: string | undefined,
): boolean {
  if (errorText === 'true' || otelText === 'ERROR') return true;
  if (otelText === 'OK') return false;
  const http = Number(httpText);
  if (!Number.isInteger(http) || http < 400) return false;
  // A 4xx is the client's fault: a server span stays unset.
  return !(http < 500 && kind === SpanKind.Server);
}
