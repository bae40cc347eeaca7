/**
 * Insight tallies for search summaries, for a server answering many searches: the detectors run
 * once per trace (kept while the trace is unchanged) and one search spends at most a time budget
 * on traces not looked at yet, so a search of 1,500 traces never waits long for them. A trace
 * left over is tallied by the next search that finds it.
 */
import type { Trace } from '../model/trace';
import { tallyInsights, traceInsights, type InsightTally } from './detectInsights';
import { INSIGHT_KINDS, type InsightKind } from './insight';

/** Bigger traces are left to the trace page, as in the browser's own search tallies. */
export const SUMMARY_INSIGHT_MAX_SPANS = 10_000;

interface Entry {
  /** The trace as it was tallied: a span arriving later makes the entry stale. */
  spanCount: number;
  endNs: bigint;
  tally: InsightTally;
}

/** The part of one search's time the detectors may use, from `now()` on. */
export interface TallyBudget {
  readonly until: number;
}

export class SummaryInsightCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity = 20_000,
    readonly now: () => number = () => Date.now(),
  ) {}

  budget(ms: number): TallyBudget {
    return { until: this.now() + ms };
  }

  /** The trace's tally; undefined when it is too big, or new and the budget is spent. */
  tally(trace: Trace, budget: TallyBudget): InsightTally | undefined {
    if (trace.spans.length > SUMMARY_INSIGHT_MAX_SPANS) return undefined;
    let endNs = 0n;
    for (const span of trace.spans) if (span.endTimeUnixNano > endNs) endNs = span.endTimeUnixNano;
    const cached = this.entries.get(trace.traceId);
    if (cached && cached.spanCount === trace.spans.length && cached.endNs === endNs) {
      // Most recently used last, so eviction drops the trace not searched for longest.
      this.entries.delete(trace.traceId);
      this.entries.set(trace.traceId, cached);
      return cached.tally;
    }
    if (this.now() >= budget.until) return undefined;
    const tally = tallyInsights(traceInsights(trace));
    this.entries.delete(trace.traceId);
    this.entries.set(trace.traceId, { spanCount: trace.spans.length, endNs, tally });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return tally;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A tally as a client reads it from a response: known kinds with whole counts; kinds this build
 * does not know are skipped, anything else malformed makes the whole tally unknown (undefined).
 */
export function readInsightTally(value: unknown): InsightTally | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const tally: InsightTally = {};
  for (const [kind, count] of Object.entries(value)) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return undefined;
    if ((INSIGHT_KINDS as readonly string[]).includes(kind) && count > 0) tally[kind as InsightKind] = count;
  }
  return tally;
}
