/**
 * "Find in trace": parse what the person typed, then list the matching rows. The query
 * language is described in findQuery.ts.
 */
import { SpanKind } from '../model/trace';
import type { TraceIndex, TraceTree } from '../tree/traceIndex';
import { attributeTable, lowerCaseValues } from './attributeTable';
import { findColumns, type FindColumns } from './findColumns';
import {
  parseFindTerm,
  tokenizeFindQuery,
  type DurationComparison,
  type FindQuery,
  type FindTerm,
} from './findQuery';
import {
  attributeEquals,
  containsText,
  tableAttributeMatcher,
  type AttributeMatcher,
  type RowTest,
} from './spanMatchers';

export type { FindQuery, FindTerm } from './findQuery';

export interface FindContext {
  /** Rows on the critical path, for `is:critical`; without it `is:critical` matches nothing. */
  criticalRows?: ReadonlySet<number>;
  /** What the spans' attributes hold; by default the trace's AttributeTable. */
  attributes?: AttributeMatcher;
}

export function parseFindQuery(text: string): { query: FindQuery } | { error: string } {
  const tokens = tokenizeFindQuery(text);
  if ('error' in tokens) return tokens;
  const terms: FindTerm[] = [];
  for (const token of tokens) {
    const term = parseFindTerm(token);
    if (term === null) continue;
    if ('error' in term) return term;
    terms.push(term);
  }
  return { query: { terms } };
}

/**
 * Builds the per-trace search tables now, e.g. in the worker right after indexing, so that the
 * first search is as fast as the ones after it (otherwise the first attribute or text search
 * on a trace pays for reading every attribute once).
 */
export function prepareFind(index: TraceIndex): void {
  findColumns(index);
  lowerCaseValues(attributeTable(index));
}

/** Whether a query reads span objects (attributes, text) rather than only the tree's columns. */
export function readsSpans(query: FindQuery): boolean {
  return query.terms.some((t) => t.type === 'attribute' || t.type === 'text');
}

function withSpans(index: TraceTree | TraceIndex): TraceIndex {
  if (!('spans' in index)) throw new Error('attribute and text terms need the spans');
  return index;
}

/** Rows matching every term, in display order. A tree without spans answers column terms only. */
export function findSpans(index: TraceTree | TraceIndex, query: FindQuery, extra?: FindContext): Int32Array {
  const n = index.spanCount;
  if (query.terms.length === 0 || n === 0) return new Int32Array(0);
  const columns = findColumns(index);
  // Term by term over a shrinking list of candidates, cheapest first: typed columns, then
  // exact attributes, then free text.
  const rows = new Int32Array(n);
  for (let row = 0; row < n; row++) rows[row] = row;
  let count = n;
  const terms = [...query.terms].sort((a, b) => cost(a) - cost(b));
  let attributes = extra?.attributes;
  const matcher = (spans: TraceIndex) => (attributes ??= tableAttributeMatcher(spans));
  for (const term of terms) {
    const asked = rows.subarray(0, count);
    const test =
      term.type === 'attribute'
        ? attributeEquals(withSpans(index), matcher(withSpans(index)), asked, term.key, term.value)
        : term.type === 'text'
          ? containsText(withSpans(index), columns, matcher(withSpans(index)), asked, term.text)
          : columnTest(index, columns, term, extra);
    let kept = 0;
    for (let i = 0; i < count; i++) if (test(rows[i])) rows[kept++] = rows[i];
    count = kept;
    if (count === 0) break;
  }
  return rows.slice(0, count);
}

function cost(term: FindTerm): number {
  return term.type === 'text' ? 2 : term.type === 'attribute' ? 1 : 0;
}

type ColumnTerm = Exclude<FindTerm, { type: 'attribute' | 'text' }>;

function columnTest(index: TraceTree, columns: FindColumns, term: ColumnTerm, extra?: FindContext): RowTest {
  switch (term.type) {
    case 'error':
      return (row) => index.error[row] === 1;
    case 'kind': {
      const { kind } = index;
      // A span without a kind is internal, as OpenTelemetry and Jaeger UI both read it.
      if (term.kind === SpanKind.Internal) {
        return (row) => kind[row] === SpanKind.Internal || kind[row] === SpanKind.Unspecified;
      }
      return (row) => kind[row] === term.kind;
    }
    case 'service': {
      const wanted = term.name.toLowerCase();
      const hit = Uint8Array.from(columns.servicesLower, (name) => (name === wanted ? 1 : 0));
      return (row) => hit[index.service[row]] === 1;
    }
    case 'critical': {
      const critical = extra?.criticalRows;
      return critical ? (row) => critical.has(row) : () => false;
    }
    case 'duration':
      return durationTest(index.durationUs, term.comparison, term.us);
  }
}

function durationTest(durationUs: Float64Array, comparison: DurationComparison, us: number): RowTest {
  switch (comparison) {
    case '>':
      return (row) => durationUs[row] > us;
    case '>=':
      return (row) => durationUs[row] >= us;
    case '<':
      return (row) => durationUs[row] < us;
    default:
      return (row) => durationUs[row] <= us;
  }
}
