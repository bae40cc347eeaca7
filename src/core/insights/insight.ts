/**
 * Trace insights: problems a detector can point at in one trace, each with the spans involved,
 * an estimate of the time at stake and one sentence a person can act on.
 */

export const INSIGHT_KINDS = [
  'staircase',
  'n-plus-one',
  'contention',
  'error-origin',
  'retried-errors',
  'gap',
] as const;

export type InsightKind = (typeof INSIGHT_KINDS)[number];

/** Short names for lists and badges. */
export const INSIGHT_LABELS: Readonly<Record<InsightKind, string>> = {
  staircase: 'Sequential calls',
  'n-plus-one': 'N+1 calls',
  contention: 'Lock contention',
  'error-origin': 'Error origin',
  'retried-errors': 'Retried errors',
  gap: 'Uninstrumented time',
};

export interface Insight {
  kind: InsightKind;
  /**
   * Rows (TraceIndex display order) of the spans involved, ascending: the first is the topmost in
   * the waterfall, the one to scroll to.
   */
  rows: Int32Array;
  /**
   * What fixing it could save, in microseconds: latency of this trace, bounded by the time the
   * critical path spends in the spans involved. For errors, the time the failing work took.
   */
  timeAtStakeUs: number;
  /** One line, naming the spans and the estimate. */
  summary: string;
}

/**
 * The thresholds that keep a healthy trace free of findings. Latency findings must be worth at
 * least `minTimeAtStakeUs` and `minShareOfCriticalPath` of the critical path.
 */
export interface InsightThresholds {
  minTimeAtStakeUs: number;
  minShareOfCriticalPath: number;
  /** Siblings of one operation under one parent before "one after another" is a pattern. */
  minSequentialCalls: number;
  /** Near-identical database or cache calls under one parent before they are an N+1. */
  minRepeatedQueries: number;
  /** Self time of a span with children, as a share of the critical path, before it is a gap. */
  minGapShare: number;
  /** Findings kept per kind, the largest first. */
  maxPerKind: number;
}

export const DEFAULT_THRESHOLDS: Readonly<InsightThresholds> = {
  minTimeAtStakeUs: 1000,
  minShareOfCriticalPath: 0.05,
  minSequentialCalls: 3,
  minRepeatedQueries: 5,
  minGapShare: 0.3,
  maxPerKind: 20,
};

/**
 * Times within this many microseconds (a nanosecond) are the same instant: an end computed as
 * start + duration in floating point can land a hair after the next span's start.
 */
export const SAME_INSTANT_US = 0.001;

/** Rows as a sorted, de-duplicated Int32Array. */
export function rowSet(rows: readonly number[] | ReadonlySet<number>): Int32Array {
  const out = Int32Array.from(rows);
  for (let i = 1; i < out.length; i++) {
    if (out[i] <= out[i - 1]) return Int32Array.from(new Set(out)).sort();
  }
  return out;
}
