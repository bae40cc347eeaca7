/**
 * Hand-built spans and queries for store tests: small, explicit, one distinguishing feature at a
 * time. Also used by the topology and dependency tests.
 */
import type { Attribute } from '../../../core/model/attributes';
import {
  emptyScope,
  SpanKind,
  StatusCode,
  type Resource,
  type Scope,
  type Span,
  type SpanEvent,
  type SpanLink,
} from '../../../core/model/trace';
import type { TraceQuery, TraceStore } from '../traceStore';

/** 2023-11-14T22:13:20Z in ns: a realistic epoch so time bounds are tested with full digits. */
export const T0 = 1_700_000_000_000_000_000n;

export function traceIdOf(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function spanIdOf(n: number): string {
  return n.toString(16).padStart(16, '0');
}

export const str = (key: string, value: string): Attribute => ({ key, type: 'string', value });
export const int = (key: string, value: bigint): Attribute => ({ key, type: 'int64', value });
export const dbl = (key: string, value: number): Attribute => ({ key, type: 'float64', value });
export const bool = (key: string, value: boolean): Attribute => ({ key, type: 'bool', value });

export function makeResource(serviceName: string, attributes: Attribute[] = []): Resource {
  return { serviceName, attributes: [str('service.name', serviceName), ...attributes] };
}

export function makeScope(name: string, version: string, attributes: Attribute[] = []): Scope {
  return { name, version, attributes };
}

export interface SpanSpec {
  trace: number;
  span: number;
  parent?: number;
  name?: string;
  kind?: SpanKind;
  /** Offset from T0, ns. */
  start?: bigint;
  duration?: bigint;
  status?: StatusCode;
  attributes?: Attribute[];
  events?: SpanEvent[];
  links?: SpanLink[];
  resource?: Resource;
  scope?: Scope;
}

const defaultResource = makeResource('shop');

export function makeSpan(spec: SpanSpec): Span {
  const start = T0 + (spec.start ?? 0n);
  return {
    traceId: traceIdOf(spec.trace),
    spanId: spanIdOf(spec.span),
    parentSpanId: spec.parent === undefined ? '' : spanIdOf(spec.parent),
    traceState: '',
    flags: 1,
    name: spec.name ?? 'op',
    kind: spec.kind ?? SpanKind.Unspecified,
    startTimeUnixNano: start,
    endTimeUnixNano: start + (spec.duration ?? 1000n),
    attributes: spec.attributes ?? [],
    events: spec.events ?? [],
    links: spec.links ?? [],
    status: { code: spec.status ?? StatusCode.Unset, message: '' },
    resource: spec.resource ?? defaultResource,
    scope: spec.scope ?? emptyScope,
    warnings: [],
  };
}

export function query(
  q: Partial<Omit<TraceQuery, 'attributes'>> & { tags?: Record<string, string> },
): TraceQuery {
  return {
    serviceName: q.serviceName ?? '',
    operationName: q.operationName ?? '',
    attributes: new Map(Object.entries(q.tags ?? {})),
    startTimeMin: q.startTimeMin,
    startTimeMax: q.startTimeMax,
    durationMin: q.durationMin,
    durationMax: q.durationMax,
    searchDepth: q.searchDepth ?? 20,
  };
}

/** Trace numbers of the results, in the store's order. */
export async function findTraceNumbers(store: TraceStore, q: TraceQuery): Promise<number[]> {
  return (await store.findTraces(q)).map((t) => parseInt(t.traceId, 16));
}

/** One writeSpans call per trace: insertion order inside one batch is unspecified (§3.2). */
export async function writeEach(store: TraceStore, traces: Span[][]): Promise<void> {
  for (const spans of traces) await store.writeSpans(spans);
}
