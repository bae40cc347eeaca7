/** Geometry of the waterfall, kept out of components so it is testable without layout. */
import { durationUnitFor } from '../../format/duration';
import { niceStep, type TimeTick } from './viewRange';

export const ROW_HEIGHT = 24;
export const INDENT_PX = 14;
/** Deeper levels stop indenting so batch traces thousands of levels deep keep their names visible. */
export const MAX_INDENT_LEVELS = 24;

export interface BarPlacement {
  /** Percent of the timeline width (the visible window). */
  leftPercent: number;
  widthPercent: number;
  /**
   * Where the duration label goes so it stays on screen: after the bar, before it, or (for a bar
   * spanning nearly the whole window) inside its start, in the on-service text colour.
   */
  label: 'after' | 'before' | 'inside';
  /** The span lies wholly outside the zoomed window, on this side. */
  outside: 'left' | 'right' | null;
}

/** Places a span's bar in the visible window [viewStartUs, viewStartUs + viewDurationUs]. */
export function barPlacement(
  startUs: number,
  durationUs: number,
  viewDurationUs: number,
  viewStartUs = 0,
): BarPlacement {
  if (viewDurationUs <= 0) return { leftPercent: 0, widthPercent: 100, label: 'inside', outside: null };
  const from = ((startUs - viewStartUs) / viewDurationUs) * 100;
  const to = ((startUs + durationUs - viewStartUs) / viewDurationUs) * 100;
  const outside = to < 0 || (to === 0 && durationUs > 0) ? 'left' : from > 100 ? 'right' : null;
  const leftPercent = Math.min(Math.max(from, 0), 100);
  const widthPercent = Math.min(Math.max(to - leftPercent, 0), 100 - leftPercent);
  const end = leftPercent + widthPercent;
  const label = end <= 80 ? 'after' : leftPercent >= 20 ? 'before' : 'inside';
  return { leftPercent, widthPercent, label, outside };
}

export function indentPx(depth: number): number {
  return Math.min(depth, MAX_INDENT_LEVELS) * INDENT_PX;
}

/**
 * Ticks at round values inside the window, every label in one unit with just enough decimals
 * to tell neighbours apart (1.2001 s, 1.2002 s when zoomed to 100 µs steps).
 */
export function rulerTicks(viewEndUs: number, viewStartUs = 0, maxIntervals = 6): TimeTick[] {
  const span = viewEndUs - viewStartUs;
  if (!(span > 0)) return [{ percent: 0, label: '0 µs' }];
  const step = niceStep(span, maxIntervals);
  const unit = durationUnitFor(Math.max(Math.abs(viewEndUs), step));
  const decimals = Math.max(0, Math.min(6, Math.ceil(-Math.log10(step / unit.us) - 1e-9)));
  const ticks: TimeTick[] = [];
  const first = Math.ceil(viewStartUs / step - 1e-9);
  for (let k = first; k * step <= viewEndUs + step * 1e-9; k++) {
    const us = k * step;
    const value = Number((us / unit.us).toFixed(decimals));
    ticks.push({ percent: ((us - viewStartUs) / span) * 100, label: `${value} ${unit.symbol}` });
  }
  return ticks;
}

/** The row to move to for a navigation key, or null when the key is not ours. */
export function nextRow(key: string, current: number, count: number, pageRows: number): number | null {
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(current + 1, last);
    case 'ArrowUp':
      return Math.max(current - 1, 0);
    case 'PageDown':
      return Math.min(current + pageRows, last);
    case 'PageUp':
      return Math.max(current - pageRows, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
