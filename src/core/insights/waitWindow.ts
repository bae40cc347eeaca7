/** Waiting time that a contention finding explains, and where a caller became ready. */
import type { Insight } from './insight';
import type { InsightContext } from './insightContext';

/** Time a span spent waiting, shown as its own (self) time: the gap detector discounts it. */
export interface WaitWindow {
  row: number;
  fromUs: number;
  toUs: number;
}

export interface ContentionFindings {
  insights: Insight[];
  explained: WaitWindow[];
}

/** Where a span's caller became free to make this call: its start, or its previous child's end. */
export function readyTimeOf(ctx: InsightContext, row: number): number {
  const { parent, startUs } = ctx.index;
  const p = parent[row];
  if (p < 0) return startUs[row];
  const ready = startUs[p];
  // The previous sibling is the child of p whose subtree ends right before this row.
  let r = row - 1;
  while (r > p && parent[r] !== p) r = parent[r];
  if (r <= p) return ready;
  // A sibling still running when this call started says nothing about when the caller was free.
  const previousEnd = ctx.endUs(r);
  return previousEnd <= startUs[row] ? Math.max(ready, previousEnd) : startUs[row];
}
