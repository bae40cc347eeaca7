/**
 * Find-in-trace for queries of column terms only (duration, error, span kind, service, critical
 * path), answered on the page from the rows it already has. The worker that holds the spans can
 * be busy for seconds on a huge trace (reading its JSON, an insight detector); these queries need
 * none of that. The rows are the worker's, and core's findSpans tests them the same way, so the
 * matches are those the worker would answer.
 */
import { findSpans, parseFindQuery, readsSpans } from '../../core/search/findInTrace';
import type { TraceTree } from '../../core/tree/traceIndex';
import type { FindOutcome, TraceSkeleton } from './traceModel';

export class ColumnFind {
  private tree: TraceTree | null = null;
  private criticalRows: ReadonlySet<number> | null = null;

  constructor(private readonly skeleton: TraceSkeleton) {}

  /** The outcome of a query that reads no span, or null when the spans must answer it. */
  find(text: string): FindOutcome | null {
    const parsed = parseFindQuery(text);
    if ('error' in parsed) return parsed;
    if (readsSpans(parsed.query)) return null;
    const { tree, criticalRows } = this.prepared();
    return { rows: findSpans(tree, parsed.query, { criticalRows }) };
  }

  private prepared(): { tree: TraceTree; criticalRows: ReadonlySet<number> } {
    const skeleton = this.skeleton;
    // The skeleton is the tree in display order; column terms never read a span's input position.
    this.tree ??= { ...skeleton, inputIndex: identity(skeleton.spanCount) };
    this.criticalRows ??= new Set(skeleton.critical.rows);
    return { tree: this.tree, criticalRows: this.criticalRows };
  }
}

function identity(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
