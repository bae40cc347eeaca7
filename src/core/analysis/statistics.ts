/**
 * Trace statistics: spans grouped by service, operation or any attribute (and optionally
 * sub-grouped by another), with count, total / average / min / max duration, the same for
 * self time, and errors. Everything is accumulated into typed columns in one pass over the
 * rows, so a 100k-span trace with 100k distinct values (a statement per span) stays cheap.
 */
import type { TraceIndex } from '../tree/traceIndex';
import { attributeColumn } from './attributeColumns';

export type SpanGrouping = { by: 'service' } | { by: 'operation' } | { by: 'attribute'; key: string };

/** One row per group, column by column. */
export interface StatisticsColumns {
  /** The group's value; null for spans that lack the grouping attribute. */
  labels: (string | null)[];
  count: Int32Array;
  totalUs: Float64Array;
  minUs: Float64Array;
  maxUs: Float64Array;
  selfTotalUs: Float64Array;
  selfMinUs: Float64Array;
  selfMaxUs: Float64Array;
  errors: Int32Array;
}

export interface TraceStatistics {
  /** Heaviest (largest total duration) first. */
  groups: StatisticsColumns;
  /** With a sub-grouping: the sub-groups of group g are rows subOffsets[g] … subOffsets[g + 1] - 1. */
  subGroups: StatisticsColumns | null;
  subOffsets: Int32Array | null;
  /** A single row over every span of the trace. */
  totals: StatisticsColumns;
  traceDurationUs: number;
}

/** Which group each row falls in, and the groups' labels. */
export interface RowGroups {
  ids: Int32Array;
  labels: (string | null)[];
}

export function rowGroups(index: TraceIndex, grouping: SpanGrouping): RowGroups {
  if (grouping.by === 'service') return { ids: index.service, labels: index.services };
  if (grouping.by === 'operation') return { ids: index.operation, labels: index.operations };
  const column = attributeColumn(index, grouping.key);
  const labels: (string | null)[] = column.values;
  const missing = labels.length;
  let anyMissing = false;
  const ids = column.ids;
  for (let row = 0; row < ids.length; row++) {
    if (ids[row] < 0) {
      ids[row] = missing;
      anyMissing = true;
    }
  }
  if (anyMissing) labels.push(null);
  return { ids, labels };
}

export function traceStatistics(
  index: TraceIndex,
  selfUs: Float64Array,
  grouping: SpanGrouping,
  subGrouping: SpanGrouping | null = null,
): TraceStatistics {
  const n = index.spans.length;
  const groups = rowGroups(index, grouping);
  const byGroup = accumulate(index, selfUs, groups.ids, groups.labels);
  const groupOrder = heaviestFirst(byGroup, 0, byGroup.labels.length);
  const totals = accumulate(index, selfUs, new Int32Array(n), [null]);
  const base = { totals, traceDurationUs: index.traceDurationUs };
  if (!subGrouping) {
    return { ...base, groups: pick(byGroup, groupOrder), subGroups: null, subOffsets: null };
  }

  const subs = rowGroups(index, subGrouping);
  const subCount = subs.labels.length;
  const comboOf = new Map<number, number>();
  const comboGroup: number[] = [];
  const comboLabels: (string | null)[] = [];
  const comboIds = new Int32Array(n);
  for (let row = 0; row < n; row++) {
    const key = groups.ids[row] * subCount + subs.ids[row];
    let combo = comboOf.get(key);
    if (combo === undefined) {
      combo = comboGroup.length;
      comboOf.set(key, combo);
      comboGroup.push(groups.ids[row]);
      comboLabels.push(subs.labels[subs.ids[row]]);
    }
    comboIds[row] = combo;
  }
  const byCombo = accumulate(index, selfUs, comboIds, comboLabels);
  // Sub-groups follow their group's position, heaviest first within it.
  const positionOfGroup = new Int32Array(groupOrder.length);
  groupOrder.forEach((g, position) => (positionOfGroup[g] = position));
  const subOffsets = new Int32Array(groupOrder.length + 1);
  for (const g of comboGroup) subOffsets[positionOfGroup[g] + 1]++;
  for (let i = 0; i < groupOrder.length; i++) subOffsets[i + 1] += subOffsets[i];
  const comboOrder = new Int32Array(comboGroup.length);
  const fill = subOffsets.slice(0, groupOrder.length);
  for (let combo = 0; combo < comboGroup.length; combo++) {
    comboOrder[fill[positionOfGroup[comboGroup[combo]]]++] = combo;
  }
  for (let i = 0; i < groupOrder.length; i++) {
    const within = comboOrder.subarray(subOffsets[i], subOffsets[i + 1]);
    within.sort((a, b) => byCombo.totalUs[b] - byCombo.totalUs[a] || a - b);
  }
  return {
    ...base,
    groups: pick(byGroup, groupOrder),
    subGroups: pick(byCombo, comboOrder),
    subOffsets,
  };
}

function accumulate(
  index: TraceIndex,
  selfUs: Float64Array,
  ids: Int32Array,
  labels: (string | null)[],
): StatisticsColumns {
  const count = labels.length;
  const columns: StatisticsColumns = {
    labels,
    count: new Int32Array(count),
    totalUs: new Float64Array(count),
    minUs: new Float64Array(count).fill(Infinity),
    maxUs: new Float64Array(count).fill(-Infinity),
    selfTotalUs: new Float64Array(count),
    selfMinUs: new Float64Array(count).fill(Infinity),
    selfMaxUs: new Float64Array(count).fill(-Infinity),
    errors: new Int32Array(count),
  };
  const { durationUs, error } = index;
  for (let row = 0; row < ids.length; row++) {
    const g = ids[row];
    const d = Math.max(0, durationUs[row]);
    const s = selfUs[row];
    columns.count[g]++;
    columns.totalUs[g] += d;
    if (d < columns.minUs[g]) columns.minUs[g] = d;
    if (d > columns.maxUs[g]) columns.maxUs[g] = d;
    columns.selfTotalUs[g] += s;
    if (s < columns.selfMinUs[g]) columns.selfMinUs[g] = s;
    if (s > columns.selfMaxUs[g]) columns.selfMaxUs[g] = s;
    columns.errors[g] += error[row];
  }
  // An empty trace has a totals row without spans: report zeros, not infinities.
  for (let g = 0; g < count; g++) {
    if (columns.count[g] > 0) continue;
    columns.minUs[g] = columns.maxUs[g] = columns.selfMinUs[g] = columns.selfMaxUs[g] = 0;
  }
  return columns;
}

function heaviestFirst(columns: StatisticsColumns, from: number, to: number): Int32Array {
  const order = new Int32Array(to - from);
  for (let i = 0; i < order.length; i++) order[i] = from + i;
  return order.sort((a, b) => columns.totalUs[b] - columns.totalUs[a] || a - b);
}

/** The rows of `columns` in the given order. */
function pick(columns: StatisticsColumns, order: Int32Array): StatisticsColumns {
  const take = <T extends Int32Array | Float64Array>(from: T, to: T): T => {
    for (let i = 0; i < order.length; i++) to[i] = from[order[i]];
    return to;
  };
  const m = order.length;
  return {
    labels: Array.from(order, (i) => columns.labels[i]),
    count: take(columns.count, new Int32Array(m)),
    totalUs: take(columns.totalUs, new Float64Array(m)),
    minUs: take(columns.minUs, new Float64Array(m)),
    maxUs: take(columns.maxUs, new Float64Array(m)),
    selfTotalUs: take(columns.selfTotalUs, new Float64Array(m)),
    selfMinUs: take(columns.selfMinUs, new Float64Array(m)),
    selfMaxUs: take(columns.selfMaxUs, new Float64Array(m)),
    errors: take(columns.errors, new Int32Array(m)),
  };
}

/** The typed-array buffers of a result, to transfer from a worker instead of copying. */
export function statisticsBuffers(stats: TraceStatistics): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const columns of [stats.groups, stats.subGroups, stats.totals]) {
    if (!columns) continue;
    for (const a of [
      columns.count,
      columns.totalUs,
      columns.minUs,
      columns.maxUs,
      columns.selfTotalUs,
      columns.selfMinUs,
      columns.selfMaxUs,
      columns.errors,
    ]) {
      if (a.buffer instanceof ArrayBuffer) buffers.push(a.buffer);
    }
  }
  if (stats.subOffsets && stats.subOffsets.buffer instanceof ArrayBuffer)
    buffers.push(stats.subOffsets.buffer);
  return buffers;
}
