/**
 * Pure shaping of the metrics for the Monitor tab: chart rows on one time axis, the operations
 * table with Jaeger UI's impact, the text summary, and the drill-down links to the search page.
 */
import { parseLookbackUs } from '../../api/lookback';
import { LOOKBACK_OPTIONS, SPAN_KINDS } from '../../components/timeRangeOptions';
import { RATE_PER_MS, type MetricSeries } from '../../api/spanMetrics';
import { formatMs, formatPct, formatRate } from '../../format/metrics';
import type { MonitorData } from './api/metrics';

export const DEFAULT_SPAN_KIND = 'server';
export const DEFAULT_MONITOR_LOOKBACK = '1h';

export interface MonitorUrlState {
  service: string | null;
  spanKind: string;
  lookback: string;
}

/** `service`, `spanKind`, `lookback` from the URL; unknown values fall back to the defaults. */
export function readMonitorUrl(params: URLSearchParams): MonitorUrlState {
  const kind = params.get('spanKind')?.toLowerCase() ?? '';
  const lookback = params.get('lookback') ?? '';
  return {
    service: params.get('service') || null,
    spanKind: (SPAN_KINDS as readonly string[]).includes(kind) ? kind : DEFAULT_SPAN_KIND,
    lookback: LOOKBACK_OPTIONS.some((o) => o.value === lookback) ? lookback : DEFAULT_MONITOR_LOOKBACK,
  };
}

export function lookbackMs(lookback: string): number {
  return (parseLookbackUs(lookback) ?? 3600e6) / 1000;
}

export interface ChartRow {
  t: number;
  p50: number | null;
  p75: number | null;
  p95: number | null;
  /** Percent. */
  errorPct: number | null;
  /** Requests per second. */
  rate: number | null;
}

/** The per-service series (the first, as one service is asked for) merged by timestamp. */
export function chartRows(d: MonitorData): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  const row = (t: number) => {
    let r = rows.get(t);
    if (!r) rows.set(t, (r = { t, p50: null, p75: null, p95: null, errorPct: null, rate: null }));
    return r;
  };
  const put = (series: MetricSeries[], set: (r: ChartRow, v: number | null) => void) => {
    for (const p of series[0]?.points ?? []) set(row(p.t), p.value);
  };
  put(d.p50, (r, v) => (r.p50 = v));
  put(d.p75, (r, v) => (r.p75 = v));
  put(d.p95, (r, v) => (r.p95 = v));
  put(d.errors, (r, v) => (r.errorPct = v === null ? null : v * 100));
  put(d.calls, (r, v) => (r.rate = v));
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/** Whether any point carries a value: the backend answers empty series before any traffic. */
export function hasData(rows: readonly ChartRow[]): boolean {
  return rows.some((r) => r.p95 !== null || r.rate !== null);
}

function mean(series: MetricSeries | undefined): number | null {
  const values = (series?.points ?? []).map((p) => p.value).filter((v): v is number => v !== null);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

export interface OperationRow {
  name: string;
  /** ms; averages over the range, as Jaeger UI's table shows. */
  p95: number | null;
  rate: number | null;
  /** Percent. */
  errorPct: number | null;
  /** 0–1. */
  impact: number;
}

/** Jaeger UI's impact: latency × call rate, min–max scaled to 0–1 across the operations. */
export function operationRows(d: MonitorData): OperationRow[] {
  const names = new Set<string>();
  for (const s of [...d.opP95, ...d.opCalls, ...d.opErrors]) if (s.operation !== null) names.add(s.operation);
  const find = (list: MetricSeries[], name: string) => list.find((s) => s.operation === name);
  const rows = [...names].map((name) => {
    const errors = mean(find(d.opErrors, name));
    return {
      name,
      p95: mean(find(d.opP95, name)),
      rate: mean(find(d.opCalls, name)),
      errorPct: errors === null ? null : errors * 100,
      impact: 0,
    };
  });
  const raw = rows.map((r) => (r.p95 ?? 0) * (r.rate ?? 0));
  const min = Math.min(...raw);
  const max = Math.max(...raw);
  rows.forEach((r, i) => (r.impact = max > min ? (raw[i] - min) / (max - min) : raw[i] > 0 ? 1 : 0));
  return rows;
}

/** The charts' text alternative: the latest values, e.g. "p95 latency 120 ms, 3.2 req/s, 1.2 % errors". */
export function summaryLine(rows: readonly ChartRow[]): string {
  const last = <K extends keyof ChartRow>(k: K) => {
    for (let i = rows.length - 1; i >= 0; i--) if (rows[i][k] !== null) return rows[i][k];
    return null;
  };
  return `Latest: p95 latency ${formatMs(last('p95'))}, ${formatRate(last('rate'))}, ${formatPct(last('errorPct'))} errors`;
}

/** Go duration syntax the search page accepts, rounded down so the clicked trace still matches. */
export function goDuration(ms: number): string {
  return ms >= 1 ? `${Math.floor(ms)}ms` : `${Math.floor(ms * 1000)}us`;
}

export function viewTracesUrl(service: string, operation: string | null, lookback: string): string {
  const params = new URLSearchParams({ service });
  if (operation) params.set('operation', operation);
  params.set('lookback', lookback);
  return `/search?${params}`;
}

/**
 * The search behind one chart point. A point is a rate over the RATE_PER_MS before it, so the
 * window is that span (plus a step after, for spans stored late); times in µs as the search URL has them.
 */
export function drillDownUrl(
  service: string,
  operation: string | null,
  pointMs: number,
  stepMs: number,
  minLatencyMs?: number | null,
): string {
  const params = new URLSearchParams({ service });
  if (operation) params.set('operation', operation);
  params.set('lookback', 'custom');
  params.set('start', String((pointMs - RATE_PER_MS) * 1000));
  params.set('end', String((pointMs + stepMs) * 1000));
  if (minLatencyMs !== undefined && minLatencyMs !== null)
    params.set('minDuration', goDuration(minLatencyMs));
  return `/search?${params}`;
}

/**
 * The search behind a time range dragged across a chart (ends in either order), exactly as
 * selected; times in µs as the search URL has them.
 */
export function rangeDrillDownUrl(
  service: string,
  operation: string | null,
  fromMs: number,
  toMs: number,
): string {
  const params = new URLSearchParams({ service });
  if (operation) params.set('operation', operation);
  params.set('lookback', 'custom');
  params.set('start', String(Math.floor(Math.min(fromMs, toMs)) * 1000));
  params.set('end', String(Math.ceil(Math.max(fromMs, toMs)) * 1000));
  return `/search?${params}`;
}

const TICK_STEPS_MS = [
  15, 30, 60, 120, 180, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
].map((s) => s * 1000);

/**
 * Time-axis ticks over the whole range asked for (not just where there is data yet): at most
 * `maxTicks` round times (whole 15 s … days) inside [fromMs, toMs].
 */
export function timeTicks(fromMs: number, toMs: number, maxTicks = 6): number[] {
  if (!(toMs > fromMs)) return [];
  const step =
    TICK_STEPS_MS.find((s) => (toMs - fromMs) / s <= maxTicks) ?? TICK_STEPS_MS.at(-1) ?? 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t);
  return ticks;
}
