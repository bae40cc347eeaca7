/**
 * Sequential fan-out, the "staircase": calls of one operation under one parent that each start
 * the moment an earlier one returns, one at a time or a few at a time (a small worker pool).
 * Nothing in the trace says they depend on each other, so running them together would finish the
 * group in about its longest call. The saving is bounded by the critical path's time in the group.
 */
import { formatMicros } from './formatTime';
import { rowSet, SAME_INSTANT_US, type Insight } from './insight';
import type { InsightContext } from './insightContext';
import { callsTo } from './peers';
import { DATABASE_SAMPLE_READS, type SiblingGroup } from './siblingGroups';
import { finish, ROWS_PER_READ, type Work } from './work';

/** A call "starts right after" an earlier one when the gap is under this share of a typical call. */
const BACK_TO_BACK_SHARE = 0.1;
/** Calls that neither start with the group nor right after another: more than this, no pattern. */
const MAX_UNEXPLAINED_SHARE = 0.2;

/** The detector in one go: `staircasesWork` to completion. */
export function detectStaircases(ctx: InsightContext, groups: readonly SiblingGroup[]): Insight[] {
  return finish(staircasesWork(ctx, groups));
}

/** Resumable (work.ts): a yield after each group, counting its database sample and its rows. */
export function* staircasesWork(ctx: InsightContext, groups: readonly SiblingGroup[]): Work<Insight[]> {
  const found: Insight[] = [];
  for (const group of groups) {
    const { rows } = group;
    // Repeated database calls are N+1 queries: batching, not parallelism, is their fix.
    if (ctx.mostlyDatabaseCalls(rows)) {
      yield DATABASE_SAMPLE_READS;
      continue;
    }
    const insight = staircaseOf(ctx, group);
    if (insight) found.push(insight);
    // Naming the calls reads a span or two; the rest is columns, sorted.
    yield DATABASE_SAMPLE_READS + 2 + (rows.length * Math.log2(rows.length + 1)) / ROWS_PER_READ;
  }
  return found;
}

interface Steps {
  /** Steps of the deepest chain: 1 for calls that start with the group. */
  depth: number;
  /** Calls that neither start with the group nor right after an earlier call. */
  unexplained: number;
  /** The most calls running at once. */
  width: number;
}

function staircaseOf(ctx: InsightContext, { parent, rows }: SiblingGroup): Insight | null {
  const { startUs, durationUs } = ctx.index;
  const m = rows.length;
  const first = startUs[rows[0]];
  let last = -Infinity;
  let longest = 0;
  for (const r of rows) {
    last = Math.max(last, ctx.endUs(r));
    longest = Math.max(longest, durationUs[r]);
  }
  const makespan = last - first;
  if (longest <= 0 || makespan <= longest) return null;

  const durations = Float64Array.from(rows, (r) => durationUs[r]).sort();
  const tolerance = BACK_TO_BACK_SHARE * durations[m >> 1];
  const { depth, unexplained, width } = stepsOf(ctx, rows, tolerance);
  if (depth < ctx.thresholds.minSequentialCalls || unexplained > MAX_UNEXPLAINED_SHARE * m) return null;

  const critical = ctx.criticalTimeFor(parent, first, last);
  const saving = Math.min(makespan - longest, critical);
  if (saving < ctx.noiseFloorUs) return null;
  const pace = width === 1 ? 'one after another' : `one after another, at most ${width} at a time`;
  return {
    kind: 'staircase',
    rows: rowSet(rows),
    timeAtStakeUs: saving,
    summary:
      `${m} ${callsTo(ctx, rows)} ran ${pace}, under ${ctx.label(parent)}: ` +
      `in parallel they could finish ${formatMicros(saving)} sooner.`,
  };
}

/**
 * How many steps the staircase has. Calls are taken in start order, like a pool's workers taking
 * queued work: a call that starts right after (within `tolerance` of) a running call's end takes
 * over that call's lane, one step lower. Lanes are a min-heap of end times, so a group of k calls
 * costs O(k log width).
 */
function stepsOf(ctx: InsightContext, rows: readonly number[], tolerance: number): Steps {
  const { startUs, durationUs } = ctx.index;
  const running = new LaneHeap(rows.length);
  // Lanes that ended recently, by end ascending: a call starting within tolerance may take one.
  const freedEnds: number[] = [];
  const freedLevels: number[] = [];
  let freedFrom = 0;
  const first = startUs[rows[0]];
  let depth = 0;
  let unexplained = 0;
  let width = 0;
  for (const row of rows) {
    const start = startUs[row];
    while (running.size > 0 && running.minEnd() <= start + SAME_INSTANT_US) {
      freedLevels.push(running.minLevel());
      freedEnds.push(running.popEnd());
    }
    while (freedFrom < freedEnds.length && start - freedEnds[freedFrom] > tolerance) freedFrom++;
    let level = 0;
    if (start - first <= tolerance) level = 1;
    else if (freedFrom < freedEnds.length && durationUs[row] > 0) {
      // The latest lane to end hands over: an instant cannot have waited for anything.
      freedEnds.pop();
      level = (freedLevels.pop() ?? 0) + 1;
    } else unexplained++;
    running.push(start + durationUs[row], level);
    depth = Math.max(depth, level);
    width = Math.max(width, running.size);
  }
  return { depth, unexplained, width };
}

/** End times of running calls with their step, smallest end on top. */
class LaneHeap {
  private readonly ends: Float64Array;
  private readonly levels: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.ends = new Float64Array(capacity);
    this.levels = new Int32Array(capacity);
  }

  minEnd(): number {
    return this.ends[0];
  }

  minLevel(): number {
    return this.levels[0];
  }

  push(end: number, level: number): void {
    let i = this.size++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.ends[up] <= end) break;
      this.ends[i] = this.ends[up];
      this.levels[i] = this.levels[up];
      i = up;
    }
    this.ends[i] = end;
    this.levels[i] = level;
  }

  popEnd(): number {
    const top = this.ends[0];
    const end = this.ends[--this.size];
    const level = this.levels[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.ends[child + 1] < this.ends[child]) child++;
      if (this.ends[child] >= end) break;
      this.ends[i] = this.ends[child];
      this.levels[i] = this.levels[child];
      i = child;
    }
    this.ends[i] = end;
    this.levels[i] = level;
    return top;
  }
}
