/** How changes read on the compare page: signed, with units, a true minus sign. */
import type { NodeChange } from '../../../core/diff/diffNodes';
import { formatDuration } from '../../format/duration';

export const changeLabels: Record<NodeChange, string> = {
  added: 'added',
  removed: 'removed',
  slower: 'slower',
  faster: 'faster',
  same: 'same',
};

const MINUS = '\u2212';

/** `+12.3 ms`, `−850 µs`, `0 µs`. */
export function formatDurationChange(us: number): string {
  if (us === 0 || !Number.isFinite(us)) return formatDuration(0);
  return `${us > 0 ? '+' : MINUS}${formatDuration(Math.abs(us))}`;
}

/** `+45%`, `−4.5%`, `+1,250%`; `new` when A had none of it. */
export function formatPercentChange(percent: number | null): string {
  if (percent === null) return 'new';
  if (percent === 0) return '0%';
  const abs = Math.abs(percent);
  const text = abs >= 100 ? Math.round(abs).toLocaleString('en-US') : String(Number(abs.toPrecision(2)));
  return `${percent > 0 ? '+' : MINUS}${text}%`;
}

/** `+2`, `−1`, `0`. */
export function formatCountChange(delta: number): string {
  if (delta === 0) return '0';
  return `${delta > 0 ? '+' : MINUS}${Math.abs(delta).toLocaleString()}`;
}
