/**
 * Uninstrumented time: a span with children that is itself what the trace waited on — on the
 * critical path and covered by none of its children — for a large share of the path: work, or
 * waiting, that no child span describes. Time a contention finding already explains (a lock wait
 * before a query) is not counted again.
 */
import { SpanKind } from '../model/trace';
import { formatMicros } from './formatTime';
import type { Insight } from './insight';
import type { InsightContext } from './insightContext';
import type { WaitWindow } from './waitWindow';
import { COLUMN_PASS_COST, finish, ROWS_PER_READ, ROWS_PER_YIELD, type Work } from './work';

type Interval = [startUs: number, endUs: number];

/** The detector in one go: `gapsWork` to completion. */
export function detectGaps(ctx: InsightContext, explained: readonly WaitWindow[]): Insight[] {
  return finish(gapsWork(ctx, explained));
}

/** Resumable (work.ts): a pass over columns; the few rows that pass cost their children. */
export function* gapsWork(ctx: InsightContext, explained: readonly WaitWindow[]): Work<Insight[]> {
  const { childCount, kind } = ctx.index;
  const floor = Math.max(ctx.noiseFloorUs, ctx.thresholds.minGapShare * ctx.criticalUs);
  const insights: Insight[] = [];
  for (let row = 0; row < childCount.length; row++) {
    if (row % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) yield COLUMN_PASS_COST;
    // The path's own time in a row bounds its uncovered time from above: few rows pass.
    if (childCount[row] === 0 || ctx.selfCriticalUs[row] < floor) continue;
    yield (childCount[row] + explained.length) / ROWS_PER_READ;
    const covered = coveredTime(ctx, row, explained);
    const own = uncovered(ctx.segmentsOf(row), covered);
    if (own < floor) continue;
    const share = Math.round((own / ctx.criticalUs) * 100);
    const where =
      kind[row] === SpanKind.Client && onlyServerChildren(ctx, row)
        ? 'between the call and the server’s span: network, queueing, or a server that starts its span late'
        : 'outside any child span: uninstrumented work, or waiting that no span records';
    insights.push({
      kind: 'gap',
      rows: Int32Array.of(row),
      timeAtStakeUs: own,
      summary: `${ctx.label(row)} spent ${formatMicros(own)} (${share}% of the critical path) ${where}.`,
    });
  }
  return insights;
}

/**
 * The row's children's windows, and the waits explained in its own time, merged into disjoint
 * intervals in time order. Children come in start order, so a batch job's 100k of them merge in
 * one pass; the explained waits are few.
 */
function coveredTime(ctx: InsightContext, row: number, explained: readonly WaitWindow[]): Interval[] {
  const { subtreeEnd, startUs } = ctx.index;
  const out: Interval[] = [];
  const add = (from: number, to: number) => {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  };
  for (let c = row + 1; c < subtreeEnd[row]; c = subtreeEnd[c]) add(startUs[c], ctx.endUs(c));
  const waits = explained.filter((w) => w.row === row);
  if (waits.length === 0) return out;
  const all: Interval[] = [...out, ...waits.map((w): Interval => [w.fromUs, w.toUs])];
  all.sort((a, b) => a[0] - b[0]);
  out.length = 0;
  for (const [from, to] of all) add(from, to);
  return out;
}

/** Length of `segments` (in time order) outside the merged `covered` intervals. */
function uncovered(segments: readonly Interval[], covered: readonly Interval[]): number {
  let total = 0;
  let c = 0;
  for (const [from, to] of segments) {
    while (c < covered.length && covered[c][1] <= from) c++;
    let at = from;
    for (let k = c; k < covered.length && covered[k][0] < to; k++) {
      if (covered[k][0] > at) total += covered[k][0] - at;
      at = Math.max(at, covered[k][1]);
    }
    if (to > at) total += to - at;
  }
  return total;
}

function onlyServerChildren(ctx: InsightContext, row: number): boolean {
  const { subtreeEnd, kind } = ctx.index;
  for (let c = row + 1; c < subtreeEnd[row]; c = subtreeEnd[c]) if (kind[c] !== SpanKind.Server) return false;
  return true;
}
