/**
 * The counts of the topology's time buckets: one row per edge or node in a SlotRows table
 * (metrics/slotRows.ts), and their sums over the buckets of a window.
 */
import { isErrorSpan, type Span } from '../../core/model/trace';
import { BUCKET_COUNT, histogramQuantile } from '../metrics/histogram';
import type { SlotRows } from '../metrics/slotRows';

/**
 * What a bucket counts per edge or node, in one row: the child durations in the spanmetrics
 * buckets (so p95 is computed as Jaeger's SPM does), then the calls and the errors. The buckets of an hour are too many to stay in the processor's
 * caches, and spans that start all over it reach each bucket through cache misses: a typed
 * table probed inline costs fewer of them than nested Maps of per-edge objects did.
 */
const CALLS = BUCKET_COUNT;
const ERRORS = BUCKET_COUNT + 1;
export const ROW_FIELDS = BUCKET_COUNT + 2;
/**
 * An edge's key pairs its two service ids (Szudzik's pairing: below max(id + 1)², so small ids
 * make small keys). Exact while ids stay below 2^26, i.e. 67 million services, whose interned
 * names would need gigabytes first.
 */
export function edgeKey(parent: number, child: number): number {
  return parent >= child ? parent * parent + parent + child : child * child + parent;
}

/** [parent, child] of an edge key. */
export function edgeOf(key: number): [number, number] {
  let root = Math.floor(Math.sqrt(key));
  // A square root rounded up to the next integer would mislead the floor.
  if (root * root > key) root--;
  const rest = key - root * root;
  return rest < root ? [rest, root] : [root, rest - root];
}

/** Rows summed over the buckets of a window (in doubles: a day of calls may pass 2^32). */
export interface Sum {
  count: number;
  errors: number;
  histogram: Float64Array;
}

export function newSum(): Sum {
  return { count: 0, errors: 0, histogram: new Float64Array(BUCKET_COUNT) };
}

export function record(rows: SlotRows, key: number, span: Span, durationBucket: number): void {
  let row = rows.rowOf(key);
  if (row < 0) row = rows.insert(key);
  const data = rows.data;
  const base = row * rows.stride;
  data[base + CALLS]++;
  if (isErrorSpan(span)) data[base + ERRORS]++;
  data[base + durationBucket]++;
}

export function merge(into: Sum, rows: SlotRows, row: number): void {
  const data = rows.data;
  const base = row * rows.stride;
  into.count += data[base + CALLS];
  into.errors += data[base + ERRORS];
  for (let i = 0; i < BUCKET_COUNT; i++) into.histogram[i] += data[base + i];
}

export function p95(stats: Sum): number | null {
  const q = histogramQuantile(0.95, stats.histogram);
  return Number.isFinite(q) ? q : null;
}
