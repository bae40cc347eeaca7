/**
 * Every detector on one trace, largest time at stake first. Linear or n log n in the number of
 * spans, iterative, and reading span attributes only for the few spans a pattern already points at.
 */
import { criticalPath, type CriticalSegment } from '../criticalPath/criticalPath';
import type { Trace } from '../model/trace';
import { buildTraceIndex, type TraceIndex } from '../tree/traceIndex';
import { detectContention } from './contention';
import { detectErrors } from './errors';
import { detectGaps } from './gaps';
import {
  DEFAULT_THRESHOLDS,
  INSIGHT_KINDS,
  type Insight,
  type InsightKind,
  type InsightThresholds,
} from './insight';
import { InsightContext } from './insightContext';
import { detectNPlusOne } from './nPlusOne';
import { siblingGroups } from './siblingGroups';
import { detectStaircases } from './staircase';

export function detectInsights(
  index: TraceIndex,
  critical: readonly CriticalSegment[],
  thresholds: InsightThresholds = DEFAULT_THRESHOLDS,
): Insight[] {
  if (index.spans.length === 0) return [];
  const ctx = new InsightContext(index, critical, thresholds);
  const groups = siblingGroups(index, Math.min(thresholds.minSequentialCalls, thresholds.minRepeatedQueries));
  const contention = detectContention(ctx);
  const all = [
    ...detectStaircases(ctx, groups),
    ...detectNPlusOne(ctx, groups),
    ...contention.insights,
    ...detectErrors(ctx),
    ...detectGaps(ctx, contention.explained),
  ];
  return largestFirst(all, thresholds.maxPerKind);
}

/** Sorted by time at stake (then by kind, then by first row, so the order is stable); capped per kind. */
export function largestFirst(insights: Insight[], maxPerKind: number): Insight[] {
  const rank = (kind: InsightKind) => INSIGHT_KINDS.indexOf(kind);
  insights.sort(
    (a, b) => b.timeAtStakeUs - a.timeAtStakeUs || rank(a.kind) - rank(b.kind) || a.rows[0] - b.rows[0],
  );
  const kept = new Map<InsightKind, number>();
  return insights.filter((insight) => {
    const count = kept.get(insight.kind) ?? 0;
    kept.set(insight.kind, count + 1);
    return count < maxPerKind;
  });
}

/** How many findings of each kind a trace has: what a search result shows. */
export type InsightTally = Partial<Record<InsightKind, number>>;

export function tallyInsights(insights: readonly Insight[]): InsightTally {
  const tally: InsightTally = {};
  for (const i of insights) tally[i.kind] = (tally[i.kind] ?? 0) + 1;
  return tally;
}

/** Indexes a whole trace and runs the detectors on it, for callers that hold only the trace. */
export function traceInsights(trace: Trace): Insight[] {
  const index = buildTraceIndex(trace);
  return detectInsights(index, criticalPath(index));
}
