/**
 * The rows of the Spans table: every span, filtered and sorted, as one Int32Array of rows.
 * The full order for a sort is kept, so typing in the filter only re-filters (O(n)) instead of
 * sorting again.
 */
import { keepRows, sortRowsByKeys, spanSortKeys, type SpanSort } from '../../../core/analysis/spanTable';
import { findSpans, parseFindQuery } from '../../../core/search/findInTrace';
import { defineAnalysis, type AnalysisContext } from './analysis';
import { perTrace, selfTimesOf } from './perTrace';

export interface SpanOrderParams {
  sort: SpanSort;
  descending: boolean;
  /** A find-in-trace query ("checkout", "http.status_code=500", ">10ms"...); blank keeps all. */
  filter: string;
  /** Services to keep, as indexes into the skeleton's service list; null keeps all. */
  services: number[] | null;
  errorsOnly: boolean;
}

export interface SpanOrder {
  rows: Int32Array;
  /** Why the filter could not be read; the rows are then unfiltered by it. */
  filterError: string | null;
}

/** Sorted orders by sort, most recent last; a few are kept for flipping between columns. */
const ordersOf = perTrace(() => new Map<string, Int32Array>());
const KEPT_ORDERS = 6;
const criticalRowsOf = perTrace((context) => new Set(context.critical.map((s) => s.row)));

function sortedRows(context: AnalysisContext, sort: SpanSort, descending: boolean): Int32Array {
  const orders = ordersOf(context);
  const key = JSON.stringify([sort, descending]);
  let order = orders.get(key);
  if (order) {
    orders.delete(key);
  } else {
    order = sortRowsByKeys(spanSortKeys(context.index, selfTimesOf(context), sort), descending);
    if (orders.size >= KEPT_ORDERS) orders.delete(orders.keys().next().value ?? '');
  }
  orders.set(key, order);
  return order;
}

export const spanOrderAnalysis = defineAnalysis((context, params: SpanOrderParams) => {
  const { index } = context;
  const n = index.spans.length;
  let keep: Uint8Array | null = null;
  let filterError: string | null = null;
  const mask = () => (keep ??= new Uint8Array(n).fill(1));
  if (params.filter.trim()) {
    const parsed = parseFindQuery(params.filter);
    if ('error' in parsed) filterError = parsed.error;
    else {
      const hits = findSpans(index, parsed.query, { criticalRows: criticalRowsOf(context) });
      keep = new Uint8Array(n);
      for (const row of hits) keep[row] = 1;
    }
  }
  if (params.services) {
    const shown = new Uint8Array(index.services.length);
    for (const s of params.services) if (s >= 0 && s < shown.length) shown[s] = 1;
    const m = mask();
    for (let row = 0; row < n; row++) m[row] &= shown[index.service[row]];
  }
  if (params.errorsOnly) {
    const m = mask();
    for (let row = 0; row < n; row++) m[row] &= index.error[row];
  }
  const result: SpanOrder = {
    rows: keepRows(sortedRows(context, params.sort, params.descending), keep),
    filterError,
  };
  return { result, transfer: [result.rows.buffer] };
});
