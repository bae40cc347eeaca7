/** Shared by the detectors' tests: run every detector on a hand-drawn trace. */
import { criticalPath } from '../criticalPath/criticalPath';
import type { Span, Trace } from '../model/trace';
import { buildTrace, spanIdOf, type SpanSpec } from '../testing/traceBuilder';
import { buildTraceIndex, type TraceIndex } from '../tree/traceIndex';
import { detectInsights } from './detectInsights';
import type { Insight, InsightKind } from './insight';

export interface Found {
  index: TraceIndex;
  insights: Insight[];
  /** Findings of one kind. */
  of(kind: InsightKind): Insight[];
  /** The `id`s of the span specs a finding involves, in display order. */
  ids(insight: Insight): string[];
}

/**
 * `eventTimesUs` places events (the builder puts them all at their span's start): by span id, the
 * time of each of its events, in the diagram's microseconds.
 */
export function insightsOf(
  specs: readonly SpanSpec[],
  eventTimesUs: Readonly<Record<string, readonly number[]>> = {},
): Found {
  const index = buildTraceIndex(withEventTimes(buildTrace(specs), specs, eventTimesUs));
  const insights = detectInsights(index, criticalPath(index));
  const idBySpanId = new Map(specs.map((s) => [s.spanId ?? spanIdOf(s.id), s.id]));
  return {
    index,
    insights,
    of: (kind) => insights.filter((i) => i.kind === kind),
    ids: (insight) => Array.from(insight.rows, (row) => idBySpanId.get(index.spans[row].spanId) ?? '?'),
  };
}

function withEventTimes(
  trace: Trace,
  specs: readonly SpanSpec[],
  eventTimesUs: Readonly<Record<string, readonly number[]>>,
): Trace {
  const spans = trace.spans.map((span, i): Span => {
    const spec = specs[i];
    const times = eventTimesUs[spec.id];
    if (!times) return span;
    const nsAfterStart = (us: number) => BigInt(Math.round((us - spec.at[0]) * 1000));
    return {
      ...span,
      events: span.events.map((e, k) => ({
        ...e,
        timeUnixNano: span.startTimeUnixNano + nsAfterStart(times[k]),
      })),
    };
  });
  return { ...trace, spans };
}
