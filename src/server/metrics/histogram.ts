/**
 * The spanmetrics connector's duration histogram and Prometheus's histogram_quantile, so the
 * embedded backend computes latencies the way Jaeger's PromQL does against a real Prometheus.
 */

/** The connector's default explicit bucket bounds, in milliseconds. */
export const DEFAULT_BUCKETS_MS: readonly number[] = [
  2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10000, 15000,
];

/** Number of counts per histogram: one per bound plus the +Inf bucket. */
export const BUCKET_COUNT = DEFAULT_BUCKETS_MS.length + 1;

/**
 * The bucket a duration falls in: the first bound it does not exceed (bounds are inclusive
 * upper limits, Prometheus's `le`), or the +Inf bucket. Same as the connector's
 * sort.SearchFloat64s.
 */
export function bucketIndex(durationMs: number, bounds: readonly number[] = DEFAULT_BUCKETS_MS): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] >= durationMs) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Prometheus's bucketQuantile (promql/quantile.go) over per-bucket (non-cumulative) counts,
 * the last one being +Inf. Linear interpolation inside the bucket that holds the rank; the
 * lowest bucket starts at 0; a rank in the +Inf bucket answers the highest finite bound;
 * no observations → NaN; q < 0 → -Inf, q > 1 → +Inf, q NaN → NaN.
 */
export function histogramQuantile(
  q: number,
  counts: ArrayLike<number>,
  bounds: readonly number[] = DEFAULT_BUCKETS_MS,
): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const n = counts.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += counts[i];
  // Fewer than two buckets (one of them +Inf) carry no shape: Prometheus answers NaN.
  if (n < 2 || total === 0) return NaN;
  const rank = q * total;
  // sort.Search over every bucket but +Inf for the first cumulative count >= rank.
  let b = 0;
  let below = 0;
  while (b < n - 1 && below + counts[b] < rank) below += counts[b++];
  if (b === n - 1) return bounds[n - 2];
  if (b === 0 && bounds[0] <= 0) return bounds[0];
  const start = b > 0 ? bounds[b - 1] : 0;
  const count = counts[b];
  const r = rank - below;
  return start + (bounds[b] - start) * (r / count);
}
