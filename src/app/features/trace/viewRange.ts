/**
 * The zoomed time window of the waterfall, as fractions of the trace duration: [0, 1] is the
 * whole trace. The keyboard pans by 5 % of the window (25 % with Shift) and zooms by 1.25×
 * (2× with Shift).
 */
export type ViewRange = readonly [start: number, end: number];

export const FULL_RANGE: ViewRange = [0, 1];
/** Narrower than this and a 100k-span trace's bars are all sub-pixel noise anyway. */
export const MIN_RANGE_WIDTH = 0.0005;

export function isFullRange([start, end]: ViewRange): boolean {
  return start <= 0 && end >= 1;
}

/** Orders the ends, keeps them in [0, 1] and at least MIN_RANGE_WIDTH apart. */
export function normalizeRange(a: number, b: number): ViewRange {
  let start = Math.max(0, Math.min(a, b));
  let end = Math.min(1, Math.max(a, b));
  if (end - start < MIN_RANGE_WIDTH) {
    const middle = (start + end) / 2;
    start = Math.max(0, Math.min(1 - MIN_RANGE_WIDTH, middle - MIN_RANGE_WIDTH / 2));
    end = start + MIN_RANGE_WIDTH;
  }
  return [start, end];
}

/** Moves the window by `fraction` of its own width, stopping at the trace's ends. */
export function panRange([start, end]: ViewRange, fraction: number): ViewRange {
  const width = end - start;
  const shift = Math.max(-start, Math.min(1 - end, width * fraction));
  return [start + shift, end + shift];
}

/** Zooms about `anchor` (a fraction of the trace); factor < 1 zooms in. */
export function zoomRange([start, end]: ViewRange, factor: number, anchor = (start + end) / 2): ViewRange {
  const width = Math.min(1, Math.max(MIN_RANGE_WIDTH, (end - start) * factor));
  const ratio = end > start ? (anchor - start) / (end - start) : 0.5;
  let next = anchor - width * ratio;
  next = Math.max(0, Math.min(1 - width, next));
  return [next, next + width];
}

export interface TimeTick {
  /** Percent of the visible window. */
  percent: number;
  label: string;
}

const STEPS = [1, 2, 2.5, 5];

/** A "nice" step (1, 2, 2.5 or 5 × 10^k µs) that gives at most `maxTicks` intervals over `spanUs`. */
export function niceStep(spanUs: number, maxTicks: number): number {
  if (!(spanUs > 0)) return 1;
  const raw = spanUs / Math.max(1, maxTicks);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const s of STEPS) if (s * power >= raw) return s * power;
  return 10 * power;
}
