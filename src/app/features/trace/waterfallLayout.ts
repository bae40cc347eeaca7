/** Geometry of the waterfall, kept out of components so it is testable without layout. */
import { durationUnitFor, formatDurationIn } from '../../format/duration';

export const ROW_HEIGHT = 24;
export const INDENT_PX = 14;
/** Deeper levels stop indenting so batch traces thousands of levels deep keep their names visible. */
export const MAX_INDENT_LEVELS = 24;

export interface BarPlacement {
  /** Percent of the timeline width. */
  leftPercent: number;
  widthPercent: number;
  /**
   * Where the duration label goes so it stays on screen: after the bar, before it, or (for a bar
   * spanning nearly the whole trace) inside its start, in the on-service text colour.
   */
  label: 'after' | 'before' | 'inside';
}

export function barPlacement(startUs: number, durationUs: number, traceDurationUs: number): BarPlacement {
  if (traceDurationUs <= 0) return { leftPercent: 0, widthPercent: 100, label: 'inside' };
  const leftPercent = Math.min(Math.max((startUs / traceDurationUs) * 100, 0), 100);
  const widthPercent = Math.min(Math.max((durationUs / traceDurationUs) * 100, 0), 100 - leftPercent);
  const end = leftPercent + widthPercent;
  const label = end <= 80 ? 'after' : leftPercent >= 20 ? 'before' : 'inside';
  return { leftPercent, widthPercent, label };
}

export function indentPx(depth: number): number {
  return Math.min(depth, MAX_INDENT_LEVELS) * INDENT_PX;
}

export interface RulerTick {
  percent: number;
  label: string;
}

/** Ticks at 0, 25, 50, 75 and 100 % of the trace, all in the unit of the whole duration. */
export function rulerTicks(traceDurationUs: number): RulerTick[] {
  const unit = durationUnitFor(traceDurationUs);
  return [0, 25, 50, 75, 100].map((percent) => ({
    percent,
    label: formatDurationIn((traceDurationUs * percent) / 100, unit),
  }));
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
