/** Span-metric values as the Monitor tab and the span-level charts show them; '–' for no data. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(2)} ms`;
}

export function formatRate(rate: number | null): string {
  if (rate === null) return '–';
  return `${rate >= 10 ? rate.toFixed(1) : rate.toPrecision(2)} req/s`;
}

export function formatPct(pct: number | null): string {
  return pct === null ? '–' : `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)} %`;
}
