/** Jaeger's lookback notation (`15m`, `1h`, `24h`, `2d`, `1w`), as its search URLs carry it. */
const LOOKBACK = /^(\d+)(m|h|d|w)$/;

const UNIT_US: Record<string, number> = {
  m: 60e6,
  h: 3600e6,
  d: 86_400e6,
  w: 604_800e6,
};

/** The lookback in microseconds, or null when the text is not a lookback. */
export function parseLookbackUs(lookback: string): number | null {
  const match = LOOKBACK.exec(lookback);
  if (!match) return null;
  const amount = Number(match[1]);
  return amount > 0 ? amount * UNIT_US[match[2]] : null;
}

/** The search window as Jaeger UI computes it: `end` is now, `start` is end minus the lookback. */
export function lookbackWindowUs(lookback: string, nowMs: number): { start: number; end: number } {
  const span = parseLookbackUs(lookback);
  if (span === null) throw new Error(`"${lookback}" is not a lookback such as 15m, 1h or 2d`);
  const end = nowMs * 1000;
  return { start: end - span, end };
}
