/**
 * The scatter plot's geometry, free of React and the DOM: one point per result, the axis domains,
 * pixel positions once the chart has laid out its axes, and hit testing for pointer input.
 */
import type { ResultRow } from './resultRows';

export interface ScatterPoint {
  /** Start, epoch ms. */
  x: number;
  /** Duration, µs. */
  y: number;
  /** Radius in px, from the span count. */
  r: number;
  error: boolean;
  fromFile: boolean;
  row: ResultRow;
}

export const SCATTER_HEIGHT = 180;
export const SCATTER_MARGIN = { top: 12, right: 32, bottom: 4, left: 4 };
export const Y_AXIS_WIDTH = 64;
export const X_AXIS_HEIGHT = 24;
/** Dot areas, px², for the fewest and the most spans in the results (as recharts' ZAxis range). */
const AREA = [40, 320] as const;
/** How far outside a dot a pointer still counts as on it, px. */
const HIT_SLOP = 3;

/** Points in time order (keyboard order); errors are drawn last, on top. */
export function scatterPoints(rows: readonly ResultRow[]): ScatterPoint[] {
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    min = Math.min(min, r.summary.spanCount);
    max = Math.max(max, r.summary.spanCount);
  }
  return rows
    .map((row) => {
      const { summary } = row;
      const t = max > min ? (summary.spanCount - min) / (max - min) : 0.3;
      return {
        x: summary.startUs / 1000,
        y: summary.durationUs,
        r: Math.sqrt((AREA[0] + t * (AREA[1] - AREA[0])) / Math.PI),
        error: summary.errorCount > 0,
        fromFile: row.fileName !== null,
        row,
      };
    })
    .sort((a, b) => a.x - b.x || a.y - b.y);
}

export interface ScatterDomains {
  x: [number, number];
  y: [number, number];
}

/** [min, max] of x padded so no dot sits on the edge, and [0, max] of y with headroom. */
export function scatterDomains(points: readonly ScatterPoint[]): ScatterDomains {
  let lo = Infinity;
  let hi = -Infinity;
  let top = 0;
  for (const p of points) {
    lo = Math.min(lo, p.x);
    hi = Math.max(hi, p.x);
    top = Math.max(top, p.y);
  }
  const pad = Math.max((hi - lo) * 0.03, 1000);
  return { x: [lo - pad, hi + pad], y: [0, niceCeil(top * 1.05)] };
}

const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest "round" number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) ≥ v, so axis ticks read well. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(v));
  const step = NICE_STEPS.find((s) => s * magnitude >= v - 1e-9) ?? 10;
  return step * magnitude;
}

/** What the chart reports once its axes are laid out: value → pixel, and the plot rectangle. */
export interface ScatterFrameGeometry {
  x: (value: number) => number;
  y: (value: number) => number;
  plot: { x: number; y: number; width: number; height: number };
}

/** Pixel centres, [x0, y0, x1, y1, ...] in point order. */
export function pixelPositions(points: readonly ScatterPoint[], frame: ScatterFrameGeometry): Float64Array {
  const out = new Float64Array(points.length * 2);
  points.forEach((p, i) => {
    out[i * 2] = frame.x(p.x);
    out[i * 2 + 1] = frame.y(p.y);
  });
  return out;
}

/** The point under (px, py), the nearest centre when dots overlap, or null. */
export function hitTest(
  points: readonly ScatterPoint[],
  xy: Float64Array,
  px: number,
  py: number,
): number | null {
  let best: number | null = null;
  let bestDistance = Infinity;
  for (let i = 0; i < points.length; i++) {
    const dx = xy[i * 2] - px;
    const dy = xy[i * 2 + 1] - py;
    const d = dx * dx + dy * dy;
    const reach = points[i].r + HIT_SLOP;
    if (d <= reach * reach && d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return best;
}

export const timeOfDay = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
