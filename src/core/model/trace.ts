/**
 * The one trace model. Every source (OTLP JSON or protobuf, Jaeger JSON, Zipkin) is converted into
 * it, and every output (Jaeger UI JSON, OTLP JSON, the waterfall) is derived from it.
 *
 * It follows OTLP semantics because OTLP is what both Jaeger v2 and the SDKs speak natively.
 * Times are epoch nanoseconds as bigint: a double cannot hold them exactly, and the v3 API
 * must give back the nanoseconds it received.
 */
import type { Attribute } from './attributes';

export const SpanKind = {
  Unspecified: 0,
  Internal: 1,
  Server: 2,
  Client: 3,
  Producer: 4,
  Consumer: 5,
} as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

export const StatusCode = { Unset: 0, Ok: 1, Error: 2 } as const;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

/** The process that emitted spans. Spans of one export batch share the same object. */
export interface Resource {
  readonly serviceName: string;
  /** All resource attributes, `service.name` included. */
  readonly attributes: readonly Attribute[];
}

/** The instrumentation library that created the span. */
export interface Scope {
  readonly name: string;
  readonly version: string;
  readonly attributes: readonly Attribute[];
}

export interface SpanEvent {
  readonly timeUnixNano: bigint;
  readonly name: string;
  readonly attributes: readonly Attribute[];
}

export interface SpanLink {
  /** 32 lower-case hex digits. */
  readonly traceId: string;
  /** 16 lower-case hex digits. */
  readonly spanId: string;
  readonly traceState: string;
  readonly attributes: readonly Attribute[];
}

export interface SpanStatus {
  readonly code: StatusCode;
  readonly message: string;
}

export interface Span {
  /** 32 lower-case hex digits. */
  readonly traceId: string;
  /** 16 lower-case hex digits. */
  readonly spanId: string;
  /** 16 lower-case hex digits, or '' for a root span. */
  readonly parentSpanId: string;
  readonly traceState: string;
  /** W3C trace flags; bit 0 is "sampled". */
  readonly flags: number;
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly attributes: readonly Attribute[];
  readonly events: readonly SpanEvent[];
  readonly links: readonly SpanLink[];
  readonly status: SpanStatus;
  readonly resource: Resource;
  readonly scope: Scope;
  /** Problems found while ingesting or adjusting this span, in words a person can act on. */
  readonly warnings: readonly string[];
}

export interface Trace {
  /** 32 lower-case hex digits. */
  readonly traceId: string;
  readonly spans: readonly Span[];
  readonly warnings: readonly string[];
}

export const emptyScope: Scope = Object.freeze({ name: '', version: '', attributes: [] });

export const spanKindNames: Record<SpanKind, string> = {
  [SpanKind.Unspecified]: '',
  [SpanKind.Internal]: 'internal',
  [SpanKind.Server]: 'server',
  [SpanKind.Client]: 'client',
  [SpanKind.Producer]: 'producer',
  [SpanKind.Consumer]: 'consumer',
};

export function isErrorSpan(span: Span): boolean {
  return span.status.code === StatusCode.Error;
}
