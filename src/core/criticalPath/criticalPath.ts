/**
 * The critical path: the chain of work that determined when the trace finished, with Jaeger UI's
 * semantics (CriticalPath/index.ts) so that both tools highlight the same spans. Unlike Jaeger's
 * recursive version it is a loop over typed arrays, so a million-span chain cannot overflow the
 * stack, and "last finishing child" questions cost O(log k) instead of a scan of every child.
 */
import type { TraceTree } from '../tree/traceIndex';
import { isBlockingChild } from './blocking';
import { LastFinishingChildren } from './lastFinishingChild';

export interface CriticalSegment {
  /** Row (display order). */
  row: number;
  /** Microseconds from the trace start. */
  startUs: number;
  endUs: number;
}

/**
 * Segments in time order. For a trace with several roots (orphans, missing parents) this is
 * the path under the root that ends last, since that root is what the trace's end waited for.
 */
export function criticalPath(index: TraceTree): CriticalSegment[] {
  const root = latestEndingRoot(index);
  if (root < 0) return [];
  const window = blockingWindows(index, root);
  return walkBackFromEnd(index, root, window);
}

function latestEndingRoot(index: TraceTree): number {
  const { startUs, durationUs, subtreeEnd } = index;
  let best = -1;
  let bestEnd = -Infinity;
  for (let r = 0; r < startUs.length; r = subtreeEnd[r]) {
    const end = startUs[r] + durationUs[r];
    if (end > bestEnd) {
      bestEnd = end;
      best = r;
    }
  }
  return best;
}

/** Per span of the root's subtree (local numbering, 0 = root): whether it counts, and its clipped window. */
interface BlockingWindows {
  alive: Uint8Array;
  start: Float64Array;
  end: Float64Array;
}

/**
 * Jaeger's createCPSpanMap + sanitizeOverFlowingChildren in one pre-order pass: non-blocking
 * children and everything below them are dropped; a child is clipped to its (already clipped)
 * parent, and dropped when it lies entirely outside it.
 */
function blockingWindows(index: TraceTree, root: number): BlockingWindows {
  const { parent, startUs, durationUs, subtreeEnd } = index;
  const last = subtreeEnd[root];
  const size = last - root;
  const alive = new Uint8Array(size);
  const start = new Float64Array(size);
  const end = new Float64Array(size);
  alive[0] = 1;
  start[0] = startUs[root];
  end[0] = startUs[root] + Math.max(0, durationUs[root]);
  let row = root + 1;
  while (row < last) {
    const p = parent[row] - root;
    const k = row - root;
    if (alive[p] === 0 || !isBlockingChild(index, row)) {
      row = subtreeEnd[row];
      continue;
    }
    const s = startUs[row];
    // A negative duration (end before start) is bad data; treat it as an instant.
    const e = s + Math.max(0, durationUs[row]);
    const ps = start[p];
    const pe = end[p];
    if (s >= ps ? s >= pe : e <= ps) {
      row = subtreeEnd[row];
      continue;
    }
    alive[k] = 1;
    start[k] = s >= ps ? s : ps;
    end[k] = e <= pe ? e : pe;
    row++;
  }
  return { alive, start, end };
}

/**
 * Jaeger's computeCriticalPath as a loop. At a span: if some child ends before the point we came
 * back to (or at all, on first arrival), the span owns the time from that child's end, and we
 * descend into the child; otherwise the span owns the time from its own start, and we return to
 * the parent, remembering where this span started. Jaeger writes `returningChildStartTime ||
 * end`, which would misread a child starting at time 0; our times are relative to the trace
 * start, where 0 is common, so "came back" is tracked explicitly.
 */
function walkBackFromEnd(index: TraceTree, root: number, w: BlockingWindows): CriticalSegment[] {
  const children = new LastFinishingChildren(root, index.subtreeEnd, w.alive, w.end);
  const path = new SegmentStack();
  let span = 0;
  let returnedAt: number | undefined;
  for (;;) {
    const sectionEnd = returnedAt ?? w.end[span];
    const child = children.next(span, returnedAt);
    if (child >= 0) {
      path.push(root + span, w.end[child], sectionEnd);
      span = child;
      returnedAt = undefined;
    } else {
      path.push(root + span, w.start[span], sectionEnd);
      if (span === 0) break;
      returnedAt = w.start[span];
      span = index.parent[root + span] - root;
    }
  }
  return path.inTimeOrder();
}

/** Sections as the walk finds them, latest first, in typed arrays: a path can have 2n of them. */
class SegmentStack {
  private rows = new Int32Array(64);
  private starts = new Float64Array(64);
  private ends = new Float64Array(64);
  private length = 0;

  push(row: number, startUs: number, endUs: number): void {
    if (startUs === endUs) return;
    if (this.length === this.rows.length) this.grow();
    this.rows[this.length] = row;
    this.starts[this.length] = startUs;
    this.ends[this.length] = endUs;
    this.length++;
  }

  inTimeOrder(): CriticalSegment[] {
    const out = new Array<CriticalSegment>(this.length);
    for (let i = this.length - 1, j = 0; i >= 0; i--, j++) {
      out[j] = { row: this.rows[i], startUs: this.starts[i], endUs: this.ends[i] };
    }
    return out;
  }

  private grow(): void {
    const size = this.rows.length * 2;
    const rows = new Int32Array(size);
    const starts = new Float64Array(size);
    const ends = new Float64Array(size);
    rows.set(this.rows);
    starts.set(this.starts);
    ends.set(this.ends);
    this.rows = rows;
    this.starts = starts;
    this.ends = ends;
  }
}
