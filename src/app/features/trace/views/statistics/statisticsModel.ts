/**
 * The Statistics view's state outside React: groupings as they appear in the URL
 * (`?group=service&sub=attr:http.route`), the flat list of rows a grid shows (groups, and the
 * sub-groups of the expanded ones, each level in the chosen sort), and number formats.
 */
import type { SpanGrouping, TraceStatistics } from '../../../../../core/analysis/statistics';
import { orderStatistics, type StatisticsSortKey } from '../../../../../core/analysis/statisticsColumns';

const ATTRIBUTE = 'attr:';

export function groupingFromParam(value: string | null): SpanGrouping | null {
  if (value === 'service' || value === 'operation') return { by: value };
  if (value?.startsWith(ATTRIBUTE) && value.length > ATTRIBUTE.length) {
    return { by: 'attribute', key: value.slice(ATTRIBUTE.length) };
  }
  return null;
}

export function groupingToParam(grouping: SpanGrouping): string {
  return grouping.by === 'attribute' ? ATTRIBUTE + grouping.key : grouping.by;
}

/** The column heading for a grouping: "Service", "Operation" or the attribute key. */
export function groupingHeading(grouping: SpanGrouping): string {
  return grouping.by === 'service' ? 'Service' : grouping.by === 'operation' ? 'Operation' : grouping.key;
}

export interface StatisticsSort {
  key: StatisticsSortKey;
  descending: boolean;
}

/** Rows of the grid: `group[i]` is a group index; `sub[i]` a sub-group index, or -1 on a group row. */
export interface StatisticsRows {
  group: Int32Array;
  sub: Int32Array;
}

export function statisticsRows(
  stats: TraceStatistics,
  sort: StatisticsSort,
  expanded: ReadonlySet<number>,
): StatisticsRows {
  const { groups, subGroups, subOffsets, traceDurationUs } = stats;
  const order = orderStatistics(groups, 0, groups.labels.length, sort.key, sort.descending, traceDurationUs);
  const group: number[] = [];
  const sub: number[] = [];
  for (const g of order) {
    group.push(g);
    sub.push(-1);
    if (!subGroups || !subOffsets || !expanded.has(g)) continue;
    const within = orderStatistics(
      subGroups,
      subOffsets[g],
      subOffsets[g + 1],
      sort.key,
      sort.descending,
      traceDurationUs,
    );
    for (const s of within) {
      group.push(g);
      sub.push(s);
    }
  }
  return { group: Int32Array.from(group), sub: Int32Array.from(sub) };
}

/** `12.3 %`; shares under a tenth of a percent say so rather than round to 0. */
export function formatPercent(value: number): string {
  if (value === 0) return '0 %';
  if (value < 0.1) return '<0.1 %';
  return `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))} %`;
}
