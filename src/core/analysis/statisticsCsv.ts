/**
 * Trace statistics as CSV: one line per group, or with a sub-grouping one line per
 * (group, sub-group) pair so that every line counts each span once and a spreadsheet can sum
 * or pivot the columns. Durations are plain microseconds (the unit is in the header), so the
 * numbers stay numbers.
 */
import { toCsv, type CsvCell } from './csv';
import type { StatisticsColumns, TraceStatistics } from './statistics';
import { STATISTICS, statisticValue } from './statisticsColumns';

export interface StatisticsCsvHeadings {
  group: string;
  /** Heading of the sub-group column; ignored without a sub-grouping. */
  subGroup: string;
  /** How a group of spans without the attribute is named. */
  missing(heading: string): string;
}

export function statisticsCsv(stats: TraceStatistics, headings: StatisticsCsvHeadings): string {
  const { subGroups, subOffsets, traceDurationUs } = stats;
  const sub = subGroups !== null && subOffsets !== null;
  const figureHeadings = STATISTICS.map((s) =>
    s.unit === 'us' ? `${s.label} (µs)` : s.unit === 'percent' ? `${s.label} (%)` : s.label,
  );
  const rows: CsvCell[][] = [[headings.group, ...(sub ? [headings.subGroup] : []), ...figureHeadings]];
  const figures = (columns: StatisticsColumns, i: number) =>
    STATISTICS.map((s) => round(statisticValue(columns, i, s.key, traceDurationUs)));
  const label = (columns: StatisticsColumns, i: number, heading: string) =>
    columns.labels[i] ?? headings.missing(heading);
  for (let g = 0; g < stats.groups.labels.length; g++) {
    const group = label(stats.groups, g, headings.group);
    if (!sub) {
      rows.push([group, ...figures(stats.groups, g)]);
      continue;
    }
    for (let s = subOffsets[g]; s < subOffsets[g + 1]; s++) {
      rows.push([group, label(subGroups, s, headings.subGroup), ...figures(subGroups, s)]);
    }
  }
  return toCsv(rows);
}

/** Nanosecond precision is all a trace has; more digits would be float noise. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
