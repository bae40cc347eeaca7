/**
 * Go's time.ParseDuration, because Jaeger's query API takes durations in that syntax
 * (`minDuration=1.5ms`, `query.durationMin=100us`) and users type them in the search form.
 */
import { ownValue } from '../model/ownValue';

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

export class DurationError extends Error {
  override name = 'DurationError';
}

/** Nanoseconds, or a DurationError whose message matches Go's. */
export function parseGoDuration(text: string): bigint {
  const quoted = JSON.stringify(text);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new DurationError(`time: invalid duration ${quoted}`);
  let total = 0;
  while (s !== '') {
    const number = /^(\d*)(\.(\d*))?/.exec(s);
    if (!number || (number[1] === '' && (number[3] ?? '') === ''))
      throw new DurationError(`time: invalid duration ${quoted}`);
    s = s.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') throw new DurationError(`time: missing unit in duration ${quoted}`);
    const scale = ownValue(UNITS, unit);
    if (scale === undefined)
      throw new DurationError(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    s = s.slice(unit.length);
    total += Number(`${number[1] || '0'}.${number[3] ?? ''}0`) * scale;
  }
  if (total > 9.223372036854776e18) throw new DurationError(`time: invalid duration ${quoted}`);
  return BigInt(Math.round(total)) * BigInt(sign);
}

/** A duration for people: `850µs`, `12.3ms`, `4.21s`, `2m 5s`. */
export function formatDurationUs(us: number): string {
  if (!Number.isFinite(us)) return '—';
  const abs = Math.abs(us);
  if (abs < 1) return `${+(us * 1000).toFixed(0)}ns`;
  if (abs < 1000) return `${+us.toFixed(abs < 10 ? 2 : abs < 100 ? 1 : 0)}µs`;
  const ms = us / 1000;
  if (Math.abs(ms) < 1000) return `${+ms.toFixed(Math.abs(ms) < 10 ? 2 : Math.abs(ms) < 100 ? 1 : 0)}ms`;
  const s = ms / 1000;
  if (Math.abs(s) < 60) return `${+s.toFixed(2)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.round(s - m * 60)}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${m - h * 60}m`;
}
