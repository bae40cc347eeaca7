/**
 * Trace insights (core/insights): staircases, N+1 calls, lock contention, error origins, retried
 * errors and uninstrumented gaps, largest time at stake first. Worked out once per trace, next to
 * the spans; each answer carries fresh copies of the rows so the memo survives the transfer.
 *
 * The page asks on load, while nobody is looking yet, so it runs in the background, a slice at a
 * time (core's insightsWork, resumable): each detector starts a slice, and a slice ends after
 * SLICE_READS span reads or SLICE_MS, so a view opened meanwhile waits for one slice at most (tens of
 * milliseconds at a million spans), not for a detector or all of them.
 */
import { insightsWork } from '../../../core/insights/detectInsights';
import { DEFAULT_THRESHOLDS, type Insight } from '../../../core/insights/insight';
import { runSlice, type Work } from '../../../core/insights/work';
import { defineAnalysis, UNFINISHED } from './analysis';

export interface TraceInsights {
  insights: Insight[];
}

const MEMO_KEY = 'insights';
const PROGRESS_KEY = 'insights:progress';

/**
 * Span reads (core/insights/work.ts) per slice: a lazily decoded span costs 10–30 µs to read, so
 * some 50–150 ms. SLICE_MS caps a slice whose reads cost more than estimated.
 */
export const SLICE_READS = 5000;
export const SLICE_MS = 50;

export const insightsAnalysis = defineAnalysis(
  (context, _params: Record<string, never>) => {
    let done = context.memo.get(MEMO_KEY) as Insight[] | undefined;
    if (!done) {
      let work = context.memo.get(PROGRESS_KEY) as Work<Insight[]> | undefined;
      if (!work) {
        work = insightsWork(context.index, context.critical, DEFAULT_THRESHOLDS);
        context.memo.set(PROGRESS_KEY, work);
      }
      const started = performance.now();
      const slice = runSlice(work, SLICE_READS, () => performance.now() - started >= SLICE_MS);
      if (!slice.done) return { result: UNFINISHED };
      done = slice.value;
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
