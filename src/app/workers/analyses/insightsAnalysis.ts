/**
 * Trace insights (core/insights): staircases, N+1 calls, lock contention, error origins, retried
 * errors and uninstrumented gaps, largest time at stake first. Worked out once per trace, next to
 * the spans; each answer carries fresh copies of the rows so the memo survives the transfer.
 */
import { detectInsights } from '../../../core/insights/detectInsights';
import type { Insight } from '../../../core/insights/insight';
import { defineAnalysis } from './analysis';

export interface TraceInsights {
  insights: Insight[];
}

const MEMO_KEY = 'insights';

export const insightsAnalysis = defineAnalysis((context, _params: Record<string, never>) => {
  let found = context.memo.get(MEMO_KEY) as Insight[] | undefined;
  if (!found) {
    found = detectInsights(context.index, context.critical);
    context.memo.set(MEMO_KEY, found);
  }
  const insights = found.map((i) => ({ ...i, rows: i.rows.slice() }));
  const result: TraceInsights = { insights };
  return { result, transfer: insights.map((i) => i.rows.buffer) };
});
