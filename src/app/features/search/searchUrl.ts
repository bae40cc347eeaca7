/**
 * The search as it lives in the URL, with Jaeger UI's parameter names (`service`, `lookback`,
 * `limit`) so a copied link, or one from an existing Jaeger, reproduces the search.
 */
import { parseLookbackUs } from '../../api/lookback';
import type { TraceSearchParams } from '../../api/queryKeys';

export const DEFAULT_LOOKBACK = '1h';
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1500;

export const LOOKBACK_OPTIONS: readonly { value: string; label: string }[] = [
  { value: '5m', label: 'Last 5 minutes' },
  { value: '15m', label: 'Last 15 minutes' },
  { value: '1h', label: 'Last hour' },
  { value: '2h', label: 'Last 2 hours' },
  { value: '6h', label: 'Last 6 hours' },
  { value: '12h', label: 'Last 12 hours' },
  // Jaeger UI writes a day as `24h`; links from it must select this option.
  { value: '24h', label: 'Last 24 hours' },
  { value: '2d', label: 'Last 2 days' },
];

const UNIT_NAMES: Record<string, string> = { m: 'minute', h: 'hour', d: 'day', w: 'week' };

/** "Last 2 hours" for the known options, and a readable label for any other valid lookback. */
export function lookbackLabel(lookback: string): string {
  const known = LOOKBACK_OPTIONS.find((o) => o.value === lookback);
  if (known) return known.label;
  const match = /^(\d+)([mhdw])$/.exec(lookback);
  if (!match) return lookback;
  const amount = Number(match[1]);
  const unit = UNIT_NAMES[match[2]];
  return amount === 1 ? `Last ${unit}` : `Last ${amount} ${unit}s`;
}

export interface SearchUrlState {
  service: string | null;
  lookback: string;
  limit: number;
}

/** Reads the URL leniently: a bad value falls back to its default rather than blocking the search. */
export function readSearchUrl(params: URLSearchParams): SearchUrlState {
  const service = params.get('service')?.trim() || null;
  const lookbackParam = params.get('lookback') ?? '';
  const lookback = parseLookbackUs(lookbackParam) === null ? DEFAULT_LOOKBACK : lookbackParam;
  const limitParam = Number(params.get('limit') ?? DEFAULT_LIMIT);
  const limit =
    Number.isInteger(limitParam) && limitParam >= 1 ? Math.min(limitParam, MAX_LIMIT) : DEFAULT_LIMIT;
  return { service, lookback, limit };
}

export function searchUrlParams(search: TraceSearchParams): URLSearchParams {
  return new URLSearchParams({
    service: search.service,
    lookback: search.lookback,
    limit: String(search.limit),
  });
}

/** What is wrong with a typed limit, or null. */
export function limitProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return `Enter how many traces to show, from 1 to ${MAX_LIMIT}.`;
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value < 1 || value > MAX_LIMIT) {
    return `Enter a whole number from 1 to ${MAX_LIMIT}.`;
  }
  return null;
}
