/** The rows of the result list: backend results and traces opened from files, sorted. */
import { jaegerTraceId } from '../../../core/model/ids';
import type { TraceSummary } from '../../../core/trace/summary';

export interface ResultRow {
  summary: TraceSummary;
  /** Set for a trace opened from a local file. */
  fileName: string | null;
}

export const SORT_ORDERS = [
  { value: 'most-recent', label: 'Most recent' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'longest', label: 'Longest first' },
  { value: 'shortest', label: 'Shortest first' },
  { value: 'most-spans', label: 'Most spans' },
  { value: 'most-errors', label: 'Most errors' },
] as const;

export type SortOrder = (typeof SORT_ORDERS)[number]['value'];

export function isSortOrder(value: string): value is SortOrder {
  return SORT_ORDERS.some((o) => o.value === value);
}

type Compare = (a: TraceSummary, b: TraceSummary) => number;

const newestFirst: Compare = (a, b) =>
  b.startUs - a.startUs || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0);

const COMPARE: Record<SortOrder, Compare> = {
  'most-recent': newestFirst,
  oldest: (a, b) => -newestFirst(a, b),
  longest: (a, b) => b.durationUs - a.durationUs || newestFirst(a, b),
  shortest: (a, b) => a.durationUs - b.durationUs || newestFirst(a, b),
  'most-spans': (a, b) => b.spanCount - a.spanCount || newestFirst(a, b),
  'most-errors': (a, b) => b.errorCount - a.errorCount || newestFirst(a, b),
};

/**
 * Backend results and file traces in one list; a trace that is in both is listed once, from the
 * file, because that is the copy that opens.
 */
export function mergeRows(
  found: readonly TraceSummary[] | undefined,
  files: readonly { summary: TraceSummary; fileName: string }[],
): ResultRow[] {
  const fromFiles = new Set(files.map((f) => f.summary.traceId));
  const rows: ResultRow[] = files.map((f) => ({ summary: f.summary, fileName: f.fileName }));
  for (const summary of found ?? [])
    if (!fromFiles.has(summary.traceId)) rows.push({ summary, fileName: null });
  return rows;
}

export function sortRows(rows: readonly ResultRow[], order: SortOrder): ResultRow[] {
  const compare = COMPARE[order];
  return [...rows].sort((a, b) => compare(a.summary, b.summary));
}

/** The name a trace is known by: `service: operation` of its root span. */
export function traceName(summary: TraceSummary): string {
  if (summary.rootServiceName) return `${summary.rootServiceName}: ${summary.rootOperationName}`;
  return summary.spanCount > 0 ? 'Trace without a root span' : 'Trace with no spans';
}

/** Jaeger UI's compare URL: `/trace/<A>...<B>?cohort=<A>&cohort=<B>`. */
export function compareUrl(a: string, b: string): string {
  const [ida, idb] = [jaegerTraceId(a), jaegerTraceId(b)];
  return `/trace/${ida}...${idb}?${new URLSearchParams([
    ['cohort', ida],
    ['cohort', idb],
  ]).toString()}`;
}
