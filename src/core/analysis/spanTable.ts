/**
 * Sorting and filtering for a table of every span. Each sortable column becomes one numeric
 * key per row (names become their rank in natural order), so that sorting a million rows is
 * a typed-array sort on numbers, never a string comparison per pair of rows.
 */
import { SpanKind, spanKindNames, StatusCode } from '../model/trace';
import type { TraceIndex } from '../tree/traceIndex';
import { attributeColumn } from './attributeColumns';

export type SpanColumn = 'service' | 'operation' | 'start' | 'duration' | 'self' | 'status' | 'kind';

export type SpanSort = { column: SpanColumn } | { column: 'attribute'; key: string };

/** Status codes in the order a sort by status shows them: unset, ok, error. */
export function statusCodes(index: TraceIndex): Uint8Array {
  const codes = new Uint8Array(index.spans.length);
  for (let row = 0; row < codes.length; row++) codes[row] = index.spans[row].status.code;
  return codes;
}

/** One number per row that orders rows like the column; NaN where a row has no value. */
export function spanSortKeys(index: TraceIndex, selfUs: Float64Array, sort: SpanSort): Float64Array {
  const n = index.spans.length;
  switch (sort.column) {
    case 'start':
      return index.startUs;
    case 'duration':
      return index.durationUs;
    case 'self':
      return selfUs;
    case 'service':
      return byRank(index.service, textRanks(index.services));
    case 'operation':
      return byRank(index.operation, textRanks(index.operations));
    case 'kind':
      return byRank(index.kind, KIND_RANKS);
    case 'status': {
      const codes = statusCodes(index);
      const keys = new Float64Array(n);
      for (let row = 0; row < n; row++) keys[row] = STATUS_RANK[codes[row]] ?? 0;
      return keys;
    }
    case 'attribute': {
      const column = attributeColumn(index, sort.key);
      const numbers = column.values.map(Number);
      const numeric = column.values.every((v, i) => v.trim() !== '' && Number.isFinite(numbers[i]));
      const ranks = numeric ? Float64Array.from(numbers) : textRanks(column.values);
      const keys = new Float64Array(n);
      for (let row = 0; row < n; row++) keys[row] = column.ids[row] < 0 ? NaN : ranks[column.ids[row]];
      return keys;
    }
  }
}

const STATUS_RANK: Record<number, number> = {
  [StatusCode.Unset]: 0,
  [StatusCode.Ok]: 1,
  [StatusCode.Error]: 2,
};

function byRank(ids: Int32Array | Uint8Array, ranks: Float64Array): Float64Array {
  const keys = new Float64Array(ids.length);
  for (let row = 0; row < ids.length; row++) keys[row] = ranks[ids[row]];
  return keys;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Kinds sort by the name the table shows; unspecified (no name) first. */
const KIND_RANKS = textRanks(Object.values(SpanKind).map((kind) => spanKindNames[kind]));

/** The position of each name in natural, case-insensitive order (ties broken by code points). */
export function textRanks(names: readonly string[]): Float64Array {
  const order = names.map((_, i) => i);
  order.sort(
    (a, b) =>
      collator.compare(names[a], names[b]) || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0),
  );
  const ranks = new Float64Array(names.length);
  order.forEach((id, rank) => (ranks[id] = rank));
  return ranks;
}

/**
 * All rows ordered by their keys; equal keys keep display order (tree order), and rows without
 * a value (NaN) come last in either direction.
 */
export function sortRowsByKeys(keys: Float64Array, descending: boolean): Int32Array {
  const n = keys.length;
  const rows = new Int32Array(n);
  let valued = 0;
  let tail = n;
  // NaN rows go to the end first, so the comparator never sees them.
  for (let row = 0; row < n; row++) {
    if (Number.isNaN(keys[row])) rows[--tail] = row;
    else rows[valued++] = row;
  }
  rows.subarray(tail).reverse();
  const sign = descending ? -1 : 1;
  rows.subarray(0, valued).sort((a, b) => sign * (keys[a] - keys[b]) || a - b);
  return rows;
}

/** The rows of `order` that `keep` marks (1), in the same order; all of them without a mask. */
export function keepRows(order: Int32Array, keep: Uint8Array | null): Int32Array {
  if (!keep) return order.slice();
  let count = 0;
  for (let i = 0; i < order.length; i++) count += keep[order[i]];
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < order.length; i++) if (keep[order[i]] === 1) out[j++] = order[i];
  return out;
}
