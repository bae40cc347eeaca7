/**
 * Hand-made traces for tests: a span is described by a short name, its parent's name and its
 * time window in microseconds from an arbitrary epoch, so that a test reads like the ASCII
 * diagram above it instead of like a wall of IDs and bigints.
 */
import type { Attribute } from '../model/attributes';
import type { Resource, Span, SpanEvent, SpanKind, SpanLink, Trace } from '../model/trace';
import { emptyScope, SpanKind as Kinds, StatusCode } from '../model/trace';

export const TEST_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
/** Epoch of the diagrams' time 0: 2024-01-01T00:00:00Z, so times are realistic and bigint-safe. */
const EPOCH_US = 1_704_067_200_000_000n;

export type KindName = 'internal' | 'server' | 'client' | 'producer' | 'consumer';

export interface SpanSpec {
  /** Short name, up to 8 characters; also the operation name unless `name` is given. */
  id: string;
  parent?: string;
  /** [start, end] in microseconds relative to the diagram's time 0. */
  at: readonly [number, number];
  name?: string;
  service?: string;
  kind?: KindName;
  error?: boolean;
  /** The parent reference is a FOLLOWS_FROM, as fromJaegerJson records it (a tagged link). */
  followsFrom?: boolean;
  attributes?: Readonly<Record<string, string | number | boolean>>;
  resourceAttributes?: Readonly<Record<string, string>>;
  events?: readonly { name: string; attributes?: Readonly<Record<string, string | number | boolean>> }[];
  /** Used verbatim as the span ID instead of one derived from `id`. */
  spanId?: string;
  /** Used verbatim as the parent span ID (e.g. a span that is not in the trace). */
  parentSpanId?: string;
}

const KIND: Record<KindName, SpanKind> = {
  internal: Kinds.Internal,
  server: Kinds.Server,
  client: Kinds.Client,
  producer: Kinds.Producer,
  consumer: Kinds.Consumer,
};

/** A deterministic 16-hex-digit span ID from a short name: 'A' → '0000000000000041'. */
export function spanIdOf(name: string): string {
  if (name.length > 8) throw new Error(`span name "${name}" is longer than 8 characters`);
  let hex = '';
  for (let i = 0; i < name.length; i++) hex += name.charCodeAt(i).toString(16).padStart(2, '0');
  return hex.padStart(16, '0');
}

export function attributesOf(record: Readonly<Record<string, string | number | boolean>>): Attribute[] {
  return Object.entries(record).map(([key, value]): Attribute => {
    if (typeof value === 'string') return { key, type: 'string', value };
    if (typeof value === 'boolean') return { key, type: 'bool', value };
    return Number.isInteger(value)
      ? { key, type: 'int64', value: BigInt(value) }
      : { key, type: 'float64', value };
  });
}

const microsToNanos = (us: number): bigint => EPOCH_US * 1000n + BigInt(Math.round(us * 1000));

export function buildSpan(spec: SpanSpec, resources = new Map<string, Resource>()): Span {
  const serviceName = spec.service ?? 'svc';
  const resourceKey = `${serviceName}\u0000${JSON.stringify(spec.resourceAttributes ?? {})}`;
  let resource = resources.get(resourceKey);
  if (!resource) {
    resource = {
      serviceName,
      attributes: [
        { key: 'service.name', type: 'string', value: serviceName },
        ...attributesOf(spec.resourceAttributes ?? {}),
      ],
    };
    resources.set(resourceKey, resource);
  }
  const parentSpanId = spec.parentSpanId ?? (spec.parent ? spanIdOf(spec.parent) : '');
  const links: SpanLink[] = spec.followsFrom
    ? [
        {
          traceId: TEST_TRACE_ID,
          spanId: parentSpanId,
          traceState: '',
          attributes: [{ key: 'opentracing.ref_type', type: 'string', value: 'follows_from' }],
        },
      ]
    : [];
  const start = microsToNanos(spec.at[0]);
  const events: SpanEvent[] = (spec.events ?? []).map((e) => ({
    timeUnixNano: start,
    name: e.name,
    attributes: attributesOf(e.attributes ?? {}),
  }));
  return {
    traceId: TEST_TRACE_ID,
    spanId: spec.spanId ?? spanIdOf(spec.id),
    parentSpanId,
    traceState: '',
    flags: 1,
    name: spec.name ?? spec.id,
    kind: KIND[spec.kind ?? 'internal'],
    startTimeUnixNano: start,
    endTimeUnixNano: microsToNanos(spec.at[1]),
    attributes: attributesOf(spec.attributes ?? {}),
    events,
    links,
    status: spec.error
      ? { code: StatusCode.Error, message: 'failed' }
      : { code: StatusCode.Unset, message: '' },
    resource,
    scope: emptyScope,
    warnings: [],
  };
}

/** A trace from span specs; spans sharing a service (and resource attributes) share one Resource. */
export function buildTrace(specs: readonly SpanSpec[]): Trace {
  const resources = new Map<string, Resource>();
  return { traceId: TEST_TRACE_ID, spans: specs.map((s) => buildSpan(s, resources)), warnings: [] };
}

/** Where span `i` of a generated trace sits: parent's number (-1 for a root) and its window in µs. */
export interface GeneratedSpan {
  parent: number;
  start: number;
  end: number;
}

/**
 * A large trace built directly, for stack-depth and scale tests: span `i` is named `s<i>` and
 * every span shares one resource, so a million spans build in about a second.
 */
export function buildGeneratedTrace(count: number, describe: (i: number) => GeneratedSpan): Trace {
  const resource: Resource = {
    serviceName: 'svc',
    attributes: [{ key: 'service.name', type: 'string', value: 'svc' }],
  };
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i++) ids[i] = (i + 1).toString(16).padStart(16, '0');
  const status = { code: StatusCode.Unset, message: '' } as const;
  const spans = new Array<Span>(count);
  for (let i = 0; i < count; i++) {
    const { parent, start, end } = describe(i);
    spans[i] = {
      traceId: TEST_TRACE_ID,
      spanId: ids[i],
      parentSpanId: parent >= 0 ? ids[parent] : '',
      traceState: '',
      flags: 1,
      name: `s${i}`,
      kind: Kinds.Internal,
      startTimeUnixNano: microsToNanos(start),
      endTimeUnixNano: microsToNanos(end),
      attributes: [],
      events: [],
      links: [],
      status,
      resource,
      scope: emptyScope,
      warnings: [],
    };
  }
  return { traceId: TEST_TRACE_ID, spans, warnings: [] };
}
