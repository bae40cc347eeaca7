/**
 * Every detector on one trace, largest time at stake first. Linear or n log n in the number of
 * spans, iterative, and reading span attributes only for the few spans a pattern already points at.
 */
import { criticalPath, type CriticalSegment } from '../criticalPath/criticalPath';
import type { Trace } from '../model/trace';
import { buildTraceIndex, type TraceIndex } from '../tree/traceIndex';
import { contentionWork } from './contention';
import { errorsWork } from './errors';
import { gapsWork } from './gaps';
import {
  DEFAULT_THRESHOLDS,
  INSIGHT_KINDS,
  type Insight,
  type InsightKind,
  type InsightThresholds,
} from './insight';
import { InsightContext } from './insightContext';
import { nPlusOneWork } from './nPlusOne';
import { siblingGroupsWork } from './siblingGroups';
import { staircasesWork } from './staircase';
import { finish, SLICE_END, type Work } from './work';

export function detectInsights(
  index: TraceIndex,
  critical: readonly CriticalSegment[],
  thresholds: InsightThresholds = DEFAULT_THRESHOLDS,
): Insight[] {
  return finish(insightsWork(index, critical, thresholds));
}

/**
 * detectInsights as resumable work (work.ts), for a worker that runs it a slice at a time: each
 * detector starts a slice of its own, and none holds the thread for more than a slice's budget.
 */
export function* insightsWork(
  index: TraceIndex,
  critical: readonly CriticalSegment[],
  thresholds: InsightThresholds = DEFAULT_THRESHOLDS,
): Work<Insight[]> {
  if (index.spans.length === 0) return [];
  const ctx = new InsightContext(index, critical, thresholds);
  const minGroup = Math.min(thresholds.minSequentialCalls, thresholds.minRepeatedQueries);
  const groups = yield* siblingGroupsWork(index, minGroup);
  yield SLICE_END;
  const staircases = yield* staircasesWork(ctx, groups);
  yield SLICE_END;
  const nPlusOne = yield* nPlusOneWork(ctx, groups);
  yield SLICE_END;
  const contention = yield* contentionWork(ctx);
  yield SLICE_END;
  const errors = yield* errorsWork(ctx);
  yield SLICE_END;
  const gaps = yield* gapsWork(ctx, contention.explained);
  // Not push(...found): a detector may find more than a call takes arguments.
  const all = [staircases, nPlusOne, contention.insights, errors, gaps].flat();
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
