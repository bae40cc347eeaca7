/** Durations in microseconds, as every Jaeger API and the trace index carry them. */

interface DurationUnit {
  symbol: string;
  us: number;
}

const UNITS: readonly DurationUnit[] = [
  { symbol: 'µs', us: 1 },
  { symbol: 'ms', us: 1e3 },
  { symbol: 's', us: 1e6 },
  { symbol: 'min', us: 60e6 },
  { symbol: 'h', us: 3600e6 },
];

/** Three significant digits, trailing zeros dropped: 1.23, 12.3, 123, 2.5. */
function threeDigits(value: number): string {
  if (value >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

/** The largest unit in which `us` is at least 1 (µs below 1 ms). */
export function durationUnitFor(us: number): DurationUnit {
  const abs = Math.abs(us);
  let unit = UNITS[0];
  for (const u of UNITS) if (abs >= u.us) unit = u;
  return unit;
}

/** `850 µs`, `1.23 ms`, `2.5 s`, `4.2 min`. */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us)) return '—';
  let unit = durationUnitFor(us);
  let text = threeDigits(us / unit.us);
  // 999.6 µs rounds to "1000 µs"; say "1 ms" instead.
  const next = UNITS[UNITS.indexOf(unit) + 1];
  if (next && Math.abs(Number(text)) >= next.us / unit.us) {
    unit = next;
    text = threeDigits(us / unit.us);
  }
  return `${text} ${unit.symbol}`;
}

/**
 * A value in a given unit, for rulers whose ticks should all read in the same unit
 * (`0 ms`, `12.5 ms`, `25 ms` rather than `0 µs`, `12.5 ms`...).
 */
export function formatDurationIn(us: number, unit: DurationUnit): string {
  return `${threeDigits(us / unit.us)} ${unit.symbol}`;
}
