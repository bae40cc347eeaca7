/**
 * What the waterfall shows of a TraceTree: which rows are collapsed, which services are
 * hidden, which search matches are kept, and the resulting visible rows.
 *
 * Display order is pre-order, so a subtree is one contiguous run of rows and the visible rows
 * are an ascending list. Collapsing a row therefore cuts one contiguous slice out of that list
 * and expanding splices one in: the cost is a copy of the visible list plus the rows that
 * appear, never a rebuild of every row's state (the design that freezes Jaeger UI at ~80k
 * spans). Whole-tree operations are single passes over typed arrays.
 */
import { matchPaths, prunedCountsByService, prunedRows } from './treeFilter';
import { collapseOneLevel, expandOneLevel } from './treeLevels';
import type { TraceTree } from './traceIndex';

export class TreeView {
  /** Bumped on every change, so a UI store can tell that it must re-render. */
  version = 0;
  private readonly collapsed: Uint8Array;
  private collapsedCount = 0;
  /** Rows with children: the only rows that can be collapsed. */
  private readonly parentCount: number;
  private readonly serviceHidden: Uint8Array;
  private pruned: Uint8Array | null = null;
  private prunedCounts: Int32Array | null = null;
  private matches: ArrayLike<number> | null = null;
  private matchPath: Uint8Array | null = null;
  /** Published visible rows; replaced, never modified, so each version can be held on to. */
  private rows: Int32Array;
  private gaps: Int32Array | null = null;
  private errorsBelow: Uint8Array | null = null;
  private scratchRows: Int32Array | null = null;

  constructor(readonly index: TraceTree) {
    const n = index.spanCount;
    this.collapsed = new Uint8Array(n);
    let parents = 0;
    for (let row = 0; row < n; row++) if (index.childCount[row] > 0) parents++;
    this.parentCount = parents;
    this.serviceHidden = new Uint8Array(index.services.length);
    this.rows = new Int32Array(n);
    for (let row = 0; row < n; row++) this.rows[row] = row;
  }

  /** The rows on screen, in display order. Treat as read-only: it is shared until the next change. */
  visibleRows(): Int32Array {
    return this.rows;
  }

  /** Position of `row` in visibleRows(), or -1 when it is folded away or filtered out. */
  positionOf(row: number): number {
    const at = lowerBound(this.rows, row, 0);
    return at < this.rows.length && this.rows[at] === row ? at : -1;
  }

  /**
   * Parallel to visibleRows(): how many spans the filters removed between each visible row and
   * the next one (or the end). Spans folded inside a collapsed row are not counted here; see
   * hiddenDescendants. The UI draws an "N spans hidden" row wherever this is non-zero.
   */
  hiddenAfter(): Int32Array {
    if (this.gaps) return this.gaps;
    const { subtreeEnd } = this.index;
    const rows = this.rows;
    const n = this.index.spanCount;
    const gaps = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      // Nothing between two visible rows can be folded away except inside a collapsed first row.
      const firstUnseen = this.collapsed[row] === 1 ? subtreeEnd[row] : row + 1;
      gaps[i] = (i + 1 < rows.length ? rows[i + 1] : n) - firstUnseen;
    }
    return (this.gaps = gaps);
  }

  /** Spans the filters removed before the first visible row. */
  hiddenBefore(): number {
    return this.rows.length > 0 ? this.rows[0] : this.index.spanCount;
  }

  isCollapsed(row: number): boolean {
    return this.collapsed[row] === 1;
  }

  /** How many spans a collapsed row folds away; 0 for an expanded row. */
  hiddenDescendants(row: number): number {
    return this.collapsed[row] === 1 ? this.index.subtreeEnd[row] - row - 1 : 0;
  }

  /** Whether any span below `row` is an error, so a collapsed row can still show the marker. */
  errorBelow(row: number): boolean {
    if (!this.errorsBelow) this.errorsBelow = errorsBelow(this.index);
    return this.errorsBelow[row] === 1;
  }

  /** Folds a row's subtree away. Leaves and already collapsed rows are left alone (returns false). */
  collapse(row: number): boolean {
    if (this.collapsed[row] === 1 || this.index.childCount[row] === 0) return false;
    this.collapsed[row] = 1;
    this.collapsedCount++;
    const at = this.positionOf(row);
    if (at < 0) return this.changed();
    const rows = this.rows;
    const to = lowerBound(rows, this.index.subtreeEnd[row], at + 1);
    if (to === at + 1) return this.changed();
    const next = new Int32Array(rows.length - (to - at - 1));
    next.set(rows.subarray(0, at + 1));
    next.set(rows.subarray(to), at + 1);
    return this.publish(next);
  }

  expand(row: number): boolean {
    if (this.collapsed[row] === 0) return false;
    this.collapsed[row] = 0;
    this.collapsedCount--;
    const at = this.positionOf(row);
    if (at < 0) return this.changed();
    const scratch = this.scratch();
    const count = this.collectVisible(row + 1, this.index.subtreeEnd[row], scratch);
    if (count === 0) return this.changed();
    const rows = this.rows;
    const next = new Int32Array(rows.length + count);
    next.set(rows.subarray(0, at + 1));
    next.set(scratch.subarray(0, count), at + 1);
    next.set(rows.subarray(at + 1), at + 1 + count);
    return this.publish(next);
  }

  toggle(row: number): boolean {
    return this.collapsed[row] === 1 ? this.expand(row) : this.collapse(row);
  }

  /** Collapses every row with children (Jaeger's "Collapse All"). */
  collapseAll(): boolean {
    if (this.collapsedCount === this.parentCount) return false;
    const { childCount } = this.index;
    for (let row = 0; row < childCount.length; row++) this.collapsed[row] = childCount[row] > 0 ? 1 : 0;
    this.collapsedCount = this.parentCount;
    return this.rebuild();
  }

  expandAll(): boolean {
    if (this.collapsedCount === 0) return false;
    this.collapsed.fill(0);
    this.collapsedCount = 0;
    return this.rebuild();
  }

  /** Jaeger's "Collapse +1": see treeLevels.collapseOneLevel. */
  collapseOneLevel(): boolean {
    if (this.collapsedCount === this.parentCount) return false;
    this.collapsedCount += collapseOneLevel(this.index, this.collapsed);
    return this.rebuild();
  }

  /** Jaeger's "Expand +1": see treeLevels.expandOneLevel. */
  expandOneLevel(): boolean {
    if (this.collapsedCount === 0) return false;
    this.collapsedCount -= expandOneLevel(this.index, this.collapsed);
    return this.rebuild();
  }

  /** Expands every collapsed ancestor of `row`, e.g. to scroll to a search match. */
  reveal(row: number): boolean {
    let opened = 0;
    for (let p = this.index.parent[row]; p >= 0; p = this.index.parent[p]) {
      if (this.collapsed[p] === 1) {
        this.collapsed[p] = 0;
        opened++;
      }
    }
    if (opened === 0) return false;
    this.collapsedCount -= opened;
    return this.rebuild();
  }

  /** Hides the spans of these services (indexes into TraceTree.services) and their subtrees. */
  setHiddenServices(services: Iterable<number>): void {
    this.serviceHidden.fill(0);
    for (const s of services) if (s >= 0 && s < this.serviceHidden.length) this.serviceHidden[s] = 1;
    this.pruned = null;
    this.prunedCounts = null;
    if (this.matches) this.matchPath = matchPaths(this.index, this.matches, this.prunedRowsOrNull());
    this.rebuild();
  }

  /** Indexes of the hidden services, ascending. */
  hiddenServices(): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.serviceHidden.length; s++) if (this.serviceHidden[s] === 1) out.push(s);
    return out;
  }

  /** Per service (indexed like TraceTree.services): how many of its spans the service filter removes. */
  prunedByService(): Int32Array {
    if (!this.prunedCounts) this.prunedCounts = prunedCountsByService(this.index, this.serviceHidden);
    return this.prunedCounts;
  }

  /** Shows only these rows and their ancestors; null shows everything again. */
  setMatchFilter(rows: ArrayLike<number> | null): void {
    this.matches = rows;
    this.matchPath = rows ? matchPaths(this.index, rows, this.prunedRowsOrNull()) : null;
    this.rebuild();
  }

  private prunedRowsOrNull(): Uint8Array | null {
    if (!this.serviceHidden.includes(1)) return null;
    if (!this.pruned) this.pruned = prunedRows(this.index, this.serviceHidden);
    return this.pruned;
  }

  /**
   * Appends to `out` the rows of [from, to) that are visible when their parent is: a filtered
   * row skips its whole subtree (nothing below a pruned row survives, and nothing below a row
   * off every match path matches), a collapsed row shows itself and skips the rest.
   */
  private collectVisible(from: number, to: number, out: Int32Array): number {
    const { subtreeEnd, service } = this.index;
    const { serviceHidden, collapsed, matchPath } = this;
    let count = 0;
    let row = from;
    while (row < to) {
      if (serviceHidden[service[row]] === 1 || (matchPath !== null && matchPath[row] === 0)) {
        row = subtreeEnd[row];
        continue;
      }
      out[count++] = row;
      row = collapsed[row] === 1 ? subtreeEnd[row] : row + 1;
    }
    return count;
  }

  private rebuild(): boolean {
    const scratch = this.scratch();
    const count = this.collectVisible(0, this.index.spanCount, scratch);
    return this.publish(scratch.slice(0, count));
  }

  private scratch(): Int32Array {
    if (!this.scratchRows) this.scratchRows = new Int32Array(this.index.spanCount);
    return this.scratchRows;
  }

  private publish(rows: Int32Array): boolean {
    this.rows = rows;
    return this.changed();
  }

  private changed(): boolean {
    this.gaps = null;
    this.version++;
    return true;
  }
}

/** First position at or after `from` whose row is >= `row` (rows ascend). */
function lowerBound(rows: Int32Array, row: number, from: number): number {
  let lo = from;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One backward pass: in pre-order every child comes after its parent. */
function errorsBelow(index: TraceTree): Uint8Array {
  const { parent, error } = index;
  const below = new Uint8Array(parent.length);
  for (let row = parent.length - 1; row > 0; row--) {
    const p = parent[row];
    if (p >= 0 && (below[row] === 1 || error[row] === 1)) below[p] = 1;
  }
  return below;
}
