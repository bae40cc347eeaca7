import { useEffect, useState } from 'react';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "yesterday", "in 2 seconds" (a clock ahead of ours). */
export function relativeTime(epochUs: number, nowMs: number): string {
  const seconds = (epochUs / 1000 - nowMs) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 5) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds), 'second');
}

/** The current time, refreshed every `intervalMs`, so "3 minutes ago" stays true. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
