/**
 * The critical-path pieces to draw on one bar, as percentages of the visible window. A span that
 * waits on 10k sequential children has 10k segments; drawing each as an element would take
 * seconds, so past a few dozen they are rasterised into 0.1 % buckets (a pixel or so) and
 * covered runs are drawn instead.
 */
export interface BarPiece {
  left: number;
  width: number;
}

const EXACT_LIMIT = 48;
const BUCKETS = 1000;

export function criticalPieces(
  starts: Float64Array,
  ends: Float64Array,
  from: number,
  to: number,
  viewStartUs: number,
  viewSpanUs: number,
): BarPiece[] {
  if (to <= from || viewSpanUs <= 0) return [];
  const pct = (us: number) => Math.min(100, Math.max(0, ((us - viewStartUs) / viewSpanUs) * 100));
  const viewEnd = viewStartUs + viewSpanUs;
  const pieces: BarPiece[] = [];
  if (to - from <= EXACT_LIMIT) {
    for (let i = from; i < to; i++) {
      if (ends[i] <= starts[i] || ends[i] < viewStartUs || starts[i] > viewEnd) continue;
      const left = pct(starts[i]);
      pieces.push({ left, width: pct(ends[i]) - left });
    }
    return pieces;
  }
  const covered = new Uint8Array(BUCKETS);
  for (let i = from; i < to; i++) {
    if (ends[i] <= starts[i] || ends[i] < viewStartUs || starts[i] > viewEnd) continue;
    const a = Math.floor((pct(starts[i]) / 100) * BUCKETS);
    const b = Math.min(BUCKETS - 1, Math.max(a, Math.ceil((pct(ends[i]) / 100) * BUCKETS) - 1));
    covered.fill(1, a, b + 1);
  }
  for (let b = 0; b < BUCKETS; b++) {
    if (covered[b] === 0) continue;
    let e = b;
    while (e + 1 < BUCKETS && covered[e + 1] === 1) e++;
    pieces.push({ left: (b / BUCKETS) * 100, width: ((e - b + 1) / BUCKETS) * 100 });
    b = e;
  }
  return pieces;
}
