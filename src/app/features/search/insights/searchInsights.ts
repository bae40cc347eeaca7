/**
 * Insights of search results. A Tracelens backend sends each trace summary's tally with it
 * (`tracelensInsights`, docs/trace-summaries-insights.md), which is used as is. Otherwise they are
 * worked out in the browser's idle time for the rows someone is looking at: v1 search (and v3's
 * traces endpoint) already sent every span, so no request is needed, and a result list of 1,500
 * never waits for them. Kept per summary object, so a new search of a trace that has grown since
 * is looked at afresh. Plain v3 summaries from Jaeger carry neither: those rows show no tally.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { tallyInsights, traceInsights, type InsightTally } from '../../../../core/insights/detectInsights';
import type { TraceSummary } from '../../../../core/trace/summary';
import { forgetSearchedTrace, searchedTrace } from '../../../api/traceSearch';
import { getUploadedTrace } from '../../../stores/uploadedTraces';

/** Bigger traces are left to the trace page: one would hold an idle slice for too long. */
export const MAX_SEARCH_INSIGHT_SPANS = 10_000;
/** Work in one idle slice stops with this much time left, in ms. */
const SLICE_MARGIN_MS = 2;

/** null: no tally for this row (no spans at hand, or too big). */
const tallies = new WeakMap<TraceSummary, InsightTally | null>();
const queue: TraceSummary[] = [];
const queued = new WeakSet<TraceSummary>();
const listeners = new Set<() => void>();
let scheduled = false;

interface Deadline {
  timeRemaining(): number;
  didTimeout: boolean;
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  const run = (deadline: Deadline) => {
    scheduled = false;
    work(deadline);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else {
    // No idle callbacks (Safari, test DOMs): a short slice after the current task.
    setTimeout(() => {
      const started = performance.now();
      run({ timeRemaining: () => Math.max(0, 8 - (performance.now() - started)), didTimeout: false });
    }, 0);
  }
}

function work(deadline: Deadline): void {
  let done = 0;
  // At least one trace per slice, so a long-busy page still makes progress.
  while (queue.length > 0 && (done === 0 || deadline.timeRemaining() > SLICE_MARGIN_MS)) {
    const summary = queue.shift();
    if (!summary) break;
    queued.delete(summary);
    if (tallies.has(summary)) continue;
    tallies.set(summary, tallyOf(summary));
    forgetSearchedTrace(summary);
    done++;
  }
  if (done > 0) for (const listener of listeners) listener();
  if (queue.length > 0) schedule();
}

function tallyOf(summary: TraceSummary): InsightTally | null {
  if (summary.spanCount > MAX_SEARCH_INSIGHT_SPANS) return null;
  const trace = searchedTrace(summary) ?? getUploadedTrace(summary.traceId);
  return trace && trace.spans.length > 0 ? tallyInsights(traceInsights(trace)) : null;
}

function request(summary: TraceSummary): void {
  if (tallies.has(summary) || queued.has(summary)) return;
  queued.add(summary);
  queue.push(summary);
  schedule();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The findings per kind for a result row: undefined while waiting for idle time, null when there
 * are no spans at hand to look at.
 */
export function useInsightTally(summary: TraceSummary): InsightTally | null | undefined {
  const sent = summary.insights;
  useEffect(() => {
    if (!sent) request(summary);
  }, [summary, sent]);
  const worked = useSyncExternalStore(subscribe, () => tallies.get(summary));
  return sent ?? worked;
}
