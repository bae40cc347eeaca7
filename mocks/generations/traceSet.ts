/**
 * The traces a mock backend holds, searched with the very predicate of Jaeger's v2 memory store
 * (src/server/storage/spanMatcher.ts): a trace matches when one span meets every criterion.
 *
 * Recorded traces have fixed timestamps, so by default the time window is not applied (a test
 * "one hour ago" would never see them); `timeWindow: 'honor'` applies it like a real backend.
 */
import { traceFromJaeger } from '../../src/core/jaeger/fromJaegerJson';
import type { JaegerTrace } from '../../src/core/jaeger/jaegerJson';
import { spanKindNames, type Trace } from '../../src/core/model/trace';
import {
  compileSpanCriteria,
  someSpanMatches,
  type SpanCriteria,
} from '../../src/server/storage/spanMatcher';

export interface TraceSetOptions {
  timeWindow?: 'ignore' | 'honor';
}

export interface MockOperation {
  name: string;
  /** '' when unspecified, as stored. */
  spanKind: string;
}

function traceStart(t: JaegerTrace): number {
  let min = Infinity;
  for (const s of t.spans) if (s.startTime < min) min = s.startTime;
  return min;
}

/** Jaeger accepts IDs with or without leading zeros, in any case. */
export function sameTraceId(a: string, b: string): boolean {
  return a.toLowerCase().padStart(32, '0') === b.toLowerCase().padStart(32, '0');
}

export class MockTraceSet {
  private readonly converted = new Map<JaegerTrace, Trace>();

  constructor(
    readonly traces: readonly JaegerTrace[],
    readonly options: TraceSetOptions = {},
  ) {}

  /** The model form, converted on first use: some sets hold a 20,000-span trace. */
  core(trace: JaegerTrace): Trace {
    let t = this.converted.get(trace);
    if (!t) this.converted.set(trace, (t = traceFromJaeger(trace)));
    return t;
  }

  byId(id: string): JaegerTrace | undefined {
    return this.traces.find((t) => sameTraceId(t.traceID, id));
  }

  services(): string[] {
    const names = new Set<string>();
    for (const t of this.traces) for (const p of Object.values(t.processes)) names.add(p.serviceName);
    return [...names].sort();
  }

  operations(service: string, spanKind = ''): MockOperation[] {
    const seen = new Map<string, MockOperation>();
    for (const t of this.traces) {
      if (!Object.values(t.processes).some((p) => p.serviceName === service)) continue;
      for (const s of this.core(t).spans) {
        if (s.resource.serviceName !== service) continue;
        const kind = spanKindNames[s.kind];
        if (spanKind && kind !== spanKind) continue;
        seen.set(`${s.name}\u0000${kind}`, { name: s.name, spanKind: kind });
      }
    }
    return [...seen.values()];
  }

  /** Newest first, at most `limit`, like the memory store (which goes by insertion order). */
  find(criteria: SpanCriteria, limit: number): JaegerTrace[] {
    const windowed: SpanCriteria =
      this.options.timeWindow === 'honor'
        ? criteria
        : { ...criteria, startTimeMin: undefined, startTimeMax: undefined };
    const compiled = compileSpanCriteria(windowed);
    if (!compiled) return [];
    return this.traces
      .filter((t) => someSpanMatches(this.core(t).spans, compiled))
      .sort((a, b) => traceStart(b) - traceStart(a))
      .slice(0, limit);
  }
}
