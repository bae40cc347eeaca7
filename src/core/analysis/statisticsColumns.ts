/**
 * The figures of a statistics row, stored and derived (averages, share of the trace), by one
 * name each: the table, its sorting and the CSV export read them the same way.
 */
import type { StatisticsColumns } from './statistics';

export type StatisticKey =
  | 'count'
  | 'total'
  | 'average'
  | 'min'
  | 'max'
  | 'selfTotal'
  | 'selfAverage'
  | 'selfMin'
  | 'selfMax'
  | 'selfPercent'
  | 'errors';

export interface StatisticDefinition {
  key: StatisticKey;
  /** Short column title. */
  label: string;
  /** What the column holds, for a tooltip or a caption. */
  description: string;
  unit: 'count' | 'us' | 'percent';
}

export const STATISTICS: readonly StatisticDefinition[] = [
  { key: 'count', label: 'Count', description: 'Number of spans', unit: 'count' },
  { key: 'total', label: 'Total', description: 'Sum of span durations', unit: 'us' },
  { key: 'average', label: 'Avg', description: 'Average span duration', unit: 'us' },
  { key: 'min', label: 'Min', description: 'Shortest span', unit: 'us' },
  { key: 'max', label: 'Max', description: 'Longest span', unit: 'us' },
  {
    key: 'selfTotal',
    label: 'Self total',
    description: 'Sum of self times: time in these spans when none of their children ran',
    unit: 'us',
  },
  { key: 'selfAverage', label: 'Self avg', description: 'Average self time', unit: 'us' },
  { key: 'selfMin', label: 'Self min', description: 'Shortest self time', unit: 'us' },
  { key: 'selfMax', label: 'Self max', description: 'Longest self time', unit: 'us' },
  {
    key: 'selfPercent',
    label: 'Self % of trace',
    description: 'Self total as a share of the trace duration',
    unit: 'percent',
  },
  { key: 'errors', label: 'Errors', description: 'Spans with error status', unit: 'count' },
];

export function statisticValue(
  columns: StatisticsColumns,
  row: number,
  key: StatisticKey,
  traceDurationUs: number,
): number {
  const count = columns.count[row];
  switch (key) {
    case 'count':
      return count;
    case 'total':
      return columns.totalUs[row];
    case 'average':
      return count > 0 ? columns.totalUs[row] / count : 0;
    case 'min':
      return columns.minUs[row];
    case 'max':
      return columns.maxUs[row];
    case 'selfTotal':
      return columns.selfTotalUs[row];
    case 'selfAverage':
      return count > 0 ? columns.selfTotalUs[row] / count : 0;
    case 'selfMin':
      return columns.selfMinUs[row];
    case 'selfMax':
      return columns.selfMaxUs[row];
    case 'selfPercent':
      return traceDurationUs > 0 ? (columns.selfTotalUs[row] / traceDurationUs) * 100 : 0;
    case 'errors':
      return columns.errors[row];
  }
}

export type StatisticsSortKey = StatisticKey | 'label';

/**
 * Rows from..to-1 of `columns` in the order of one column; ties keep their current order.
 * Labels compare as text, with the "no value" group (null) last either way.
 */
export function orderStatistics(
  columns: StatisticsColumns,
  from: number,
  to: number,
  key: StatisticsSortKey,
  descending: boolean,
  traceDurationUs: number,
): Int32Array {
  const order = new Int32Array(to - from);
  for (let i = 0; i < order.length; i++) order[i] = from + i;
  const sign = descending ? -1 : 1;
  if (key === 'label') {
    const { labels } = columns;
    return order.sort((a, b) => {
      const la = labels[a];
      const lb = labels[b];
      if (la === null || lb === null) return (la === null ? 1 : 0) - (lb === null ? 1 : 0) || a - b;
      return sign * compareText(la, lb) || a - b;
    });
  }
  const values = new Float64Array(columns.labels.length);
  for (let i = from; i < to; i++) values[i] = statisticValue(columns, i, key, traceDurationUs);
  return order.sort((a, b) => sign * (values[a] - values[b]) || a - b);
}

/** Natural order: "GET /2" before "GET /10", case-insensitive first, then by case. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
