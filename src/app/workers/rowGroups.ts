/**
 * Per-row derivations the page would otherwise compute on the main thread as the trace opens
 * (each an O(spans) pass; together ~100 ms of blocked main thread at 100k spans on a busy
 * machine). The worker computes them while it still owns the index.
 */
import type { CriticalSegment } from '../../core/criticalPath/criticalPath';
import type { CriticalByRow, RowsByService } from './traceModel';

/** The critical path by row: which rows are on it, and each row's segments in time order. */
export function criticalByRow(n: number, segments: readonly CriticalSegment[]): CriticalByRow {
  const offsets = new Int32Array(n + 1);
  for (const s of segments) offsets[s.row + 1]++;
  for (let r = 0; r < n; r++) offsets[r + 1] += offsets[r];
  const fill = offsets.slice(0, n);
  const startUs = new Float64Array(segments.length);
  const endUs = new Float64Array(segments.length);
  const onPath = new Uint8Array(n);
  for (const s of segments) {
    const at = fill[s.row]++;
    startUs[at] = s.startUs;
    endUs[at] = s.endUs;
    onPath[s.row] = 1;
  }
  let count = 0;
  for (let r = 0; r < n; r++) count += onPath[r];
  const rows = new Int32Array(count);
  for (let r = 0, k = 0; r < n; r++) if (onPath[r] === 1) rows[k++] = r;
  return { onPath, rows, offsets, startUs, endUs };
}

/** Rows of each service in display order: the minimap sets its fill colour once per service. */
export function rowsByService(service: Int32Array, serviceCount: number): RowsByService {
  const offsets = new Int32Array(serviceCount + 1);
  for (let r = 0; r < service.length; r++) offsets[service[r] + 1]++;
  for (let i = 0; i < serviceCount; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, serviceCount);
  const rows = new Int32Array(service.length);
  for (let r = 0; r < service.length; r++) rows[fill[service[r]]++] = r;
  return { offsets, rows };
}

/** The shortest duration among the slowest 1 % of spans (at least one span). */
export function slowestPercentileUs(durationUs: Float64Array): number {
  if (durationUs.length === 0) return 0;
  const k = Math.min(durationUs.length - 1, Math.floor(durationUs.length * 0.99));
  return kthSmallest(Float64Array.from(durationUs), k);
}

/** The k-th smallest value (0-based) by quickselect: linear on average, where a sort is n log n. */
function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}
