/**
 * Trace insights (core/insights): staircases, N+1 calls, lock contention, error origins, retried
 * errors and uninstrumented gaps, largest time at stake first. Worked out once per trace, next to
 * the spans; each answer carries fresh copies of the rows so the memo survives the transfer.
 *
 * The page asks on load, while nobody is looking yet, so it runs in the background a detector per
 * slice (the steps of core's detectInsights): a view opened meanwhile waits for one detector at
 * most, not for all of them.
 */
import { largestFirst } from '../../../core/insights/detectInsights';
import { detectContention } from '../../../core/insights/contention';
import { detectErrors } from '../../../core/insights/errors';
import { detectGaps } from '../../../core/insights/gaps';
import { DEFAULT_THRESHOLDS, type Insight } from '../../../core/insights/insight';
import { InsightContext } from '../../../core/insights/insightContext';
import { detectNPlusOne } from '../../../core/insights/nPlusOne';
import { siblingGroups, type SiblingGroup } from '../../../core/insights/siblingGroups';
import { detectStaircases } from '../../../core/insights/staircase';
import { defineAnalysis, UNFINISHED, type AnalysisContext } from './analysis';

export interface TraceInsights {
  insights: Insight[];
}

const MEMO_KEY = 'insights';
const PROGRESS_KEY = 'insights:progress';

/** The detectors still to run on one trace, and what the ones before them found. */
interface Progress {
  steps: (() => void)[];
  found: Insight[];
}

function startDetecting(context: AnalysisContext): Progress {
  const { index, critical } = context;
  const thresholds = DEFAULT_THRESHOLDS;
  const found: Insight[] = [];
  let ctx: InsightContext | null = null;
  let groups: SiblingGroup[] = [];
  let contention: ReturnType<typeof detectContention> | null = null;
  const needCtx = () => (ctx ??= new InsightContext(index, critical, thresholds));
  const steps = [
    () => {
      needCtx();
      groups = siblingGroups(index, Math.min(thresholds.minSequentialCalls, thresholds.minRepeatedQueries));
    },
    () => found.push(...detectStaircases(needCtx(), groups)),
    () => found.push(...detectNPlusOne(needCtx(), groups)),
    () => {
      contention = detectContention(needCtx());
      found.push(...contention.insights);
    },
    () => found.push(...detectErrors(needCtx())),
    () => found.push(...detectGaps(needCtx(), contention?.explained ?? [])),
  ];
  return { steps: index.spans.length === 0 ? [] : steps, found };
}

export const insightsAnalysis = defineAnalysis(
  (context, _params: Record<string, never>) => {
    let done = context.memo.get(MEMO_KEY) as Insight[] | undefined;
    if (!done) {
      let progress = context.memo.get(PROGRESS_KEY) as Progress | undefined;
      if (!progress) context.memo.set(PROGRESS_KEY, (progress = startDetecting(context)));
      progress.steps.shift()?.();
      if (progress.steps.length > 0) return { result: UNFINISHED };
      done = largestFirst(progress.found, DEFAULT_THRESHOLDS.maxPerKind);
      context.memo.set(MEMO_KEY, done);
      context.memo.delete(PROGRESS_KEY);
    }
    const insights = done.map((i) => ({ ...i, rows: i.rows.slice() }));
    const result: TraceInsights = { insights };
    return { result, transfer: insights.map((i) => i.rows.buffer) };
  },
  // Asked for on load, before anyone looks: a view opened meanwhile goes first.
  { priority: 'background' },
);
