/**
 * Draws every span of the trace into the minimap canvas: one device-pixel row per bucket of spans
 * in display order, coloured by service. Spans of one service that touch in the same pixel row are
 * merged into one rectangle, so a 100k-span trace costs a few thousand fillRect calls, not 100k.
 */
import type { RowsByService, TraceSkeleton } from '../../../workers/traceModel';

export interface MinimapPaint {
  /** Canvas size in device pixels. */
  width: number;
  height: number;
  /** Resolved CSS colour per service index. */
  serviceColors: readonly string[];
  background: string;
}

/** Returns the number of rectangles drawn (for tests and the performance budget). */
export function drawMinimap(
  ctx: CanvasRenderingContext2D,
  s: TraceSkeleton,
  groups: RowsByService,
  paint: MinimapPaint,
): number {
  const { width, height } = paint;
  ctx.fillStyle = paint.background;
  ctx.fillRect(0, 0, width, height);
  const n = s.spanCount;
  if (n === 0 || width <= 0 || height <= 0) return 0;
  const duration = s.traceDurationUs > 0 ? s.traceDurationUs : 1;
  const rowHeight = height / n;
  // Fat rows for small traces get a one-pixel gap so neighbouring spans stay distinct.
  const gap = rowHeight >= 4 ? 1 : 0;
  const barHeight = Math.max(1, Math.min(Math.floor(rowHeight) - gap, 8));
  let rects = 0;
  // Busiest services first, so a rare service's spans are painted over the common ones, not under.
  const order = s.services.map((_, i) => i);
  const count = (i: number) => groups.offsets[i + 1] - groups.offsets[i];
  order.sort((a, b) => count(b) - count(a));
  for (const service of order) {
    ctx.fillStyle = paint.serviceColors[service] ?? '#888';
    let y = -1;
    let x0 = 0;
    let x1 = 0;
    for (let i = groups.offsets[service]; i < groups.offsets[service + 1]; i++) {
      const row = groups.rows[i];
      const top = Math.floor(row * rowHeight + (rowHeight - barHeight) / 2);
      const left = Math.floor((s.startUs[row] / duration) * width);
      const right = Math.max(left + 1, Math.ceil(((s.startUs[row] + s.durationUs[row]) / duration) * width));
      if (top === y && left <= x1 && right >= x0) {
        if (left < x0) x0 = left;
        if (right > x1) x1 = right;
        continue;
      }
      if (y >= 0) {
        ctx.fillRect(x0, y, x1 - x0, barHeight);
        rects++;
      }
      y = top;
      x0 = left;
      x1 = right;
    }
    if (y >= 0) {
      ctx.fillRect(x0, y, x1 - x0, barHeight);
      rects++;
    }
  }
  return rects;
}
