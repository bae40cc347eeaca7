/**
 * Flame graph layout: every span on a level (a row of the graph), below its parent, with x from
 * its start and width from its duration. Spans are stacked by depth, except that a span whose
 * time range collides with a span already on its level goes down to the next level that is free
 * over its whole range. So overlapping siblings (parallel calls), children that outlive their
 * parent and clock-skewed children are all drawn, none on top of another.
 *
 * Iterative, one pass in display order: O(n log n) for real traces. Each level keeps its spans as
 * disjoint intervals sorted by start (hence by end too), so "is [start, end) free?" is a binary
 * search, and appending at the end (the usual case: display order is by start) costs nothing.
 */

/** The columns the layout reads; a TraceIndex and a trace skeleton both have them. */
export interface FlameSpans {
  /** Row of each span's parent, -1 for roots. Rows are in display order: a parent before its children. */
  readonly parent: Int32Array;
  readonly startUs: Float64Array;
  readonly durationUs: Float64Array;
}

export interface FlameLayout {
  /** Level of each row; 0 is the top. Always deeper than the parent's level. */
  level: Int32Array;
  levelCount: number;
  /** Rows of level L are levelRows[levelOffsets[L] .. levelOffsets[L + 1]), by start time, disjoint. */
  levelOffsets: Int32Array;
  levelRows: Int32Array;
  /** Spans placed deeper than right under their parent, to keep clear of an overlapping span. */
  pushedCount: number;
}

/** A zero-length span still occupies its instant (1 ns), so two at the same instant do not coincide. */
const INSTANT_US = 0.001;
/**
 * Levels tried for one span before it goes to a new level at the bottom. Only a pile of hundreds
 * of spans running at once reaches it; it bounds the layout of 100k fully parallel spans.
 */
const MAX_LEVELS_TRIED = 256;

/** End of the time a row occupies on its level. */
function occupiedEnd(spans: FlameSpans, row: number): number {
  const start = spans.startUs[row];
  const duration = spans.durationUs[row];
  return duration > 0 ? start + duration : start + INSTANT_US;
}

/** Index of the first row on `rows` whose interval ends after `start` (rows.length when none). */
function firstEndingAfter(spans: FlameSpans, rows: number[], start: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (occupiedEnd(spans, rows[mid]) > start) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function flameLayout(spans: FlameSpans): FlameLayout {
  const n = spans.parent.length;
  const level = new Int32Array(n);
  const levels: number[][] = [];
  let pushedCount = 0;
  for (let row = 0; row < n; row++) {
    const p = spans.parent[row];
    // A parent after its child breaks display order; treat the child as a root rather than guess.
    const wanted = p >= 0 && p < row ? level[p] + 1 : 0;
    const start = spans.startUs[row];
    const end = occupiedEnd(spans, row);
    let at = wanted;
    let insertAt: number;
    for (let tried = 0; ; at++, tried++) {
      if (at >= levels.length || tried === MAX_LEVELS_TRIED) {
        at = Math.max(at, levels.length);
        while (levels.length <= at) levels.push([]);
        insertAt = 0;
        break;
      }
      const rows = levels[at];
      const last = rows.length - 1;
      if (last < 0 || occupiedEnd(spans, rows[last]) <= start) {
        insertAt = rows.length;
        break;
      }
      const j = firstEndingAfter(spans, rows, start);
      if (spans.startUs[rows[j]] >= end) {
        insertAt = j;
        break;
      }
    }
    if (at !== wanted) pushedCount++;
    level[row] = at;
    const rows = levels[at];
    if (insertAt === rows.length) rows.push(row);
    else rows.splice(insertAt, 0, row);
  }

  const levelOffsets = new Int32Array(levels.length + 1);
  const levelRows = new Int32Array(n);
  let k = 0;
  for (let l = 0; l < levels.length; l++) {
    levelOffsets[l] = k;
    for (const row of levels[l]) levelRows[k++] = row;
  }
  levelOffsets[levels.length] = k;
  return { level, levelCount: levels.length, levelOffsets, levelRows, pushedCount };
}

/**
 * Index into `layout.levelRows` of the first span on `level` that ends after `timeUs`
 * (levelOffsets[level + 1] when none): where drawing or hit-testing of that level starts.
 */
export function firstOnLevelEndingAfter(
  spans: FlameSpans,
  layout: Pick<FlameLayout, 'levelOffsets' | 'levelRows'>,
  level: number,
  timeUs: number,
): number {
  let lo = layout.levelOffsets[level];
  let hi = layout.levelOffsets[level + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (occupiedEnd(spans, layout.levelRows[mid]) > timeUs) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The row drawn at `timeUs` on `level`, or -1. With a tolerance (half a pixel of time, say, so
 * that a sliver of a span can be pointed at), the nearest span within it when none is under.
 */
export function rowAt(
  spans: FlameSpans,
  layout: Pick<FlameLayout, 'levelOffsets' | 'levelRows' | 'levelCount'>,
  level: number,
  timeUs: number,
  toleranceUs = 0,
): number {
  if (level < 0 || level >= layout.levelCount) return -1;
  const first = layout.levelOffsets[level];
  const end = layout.levelOffsets[level + 1];
  const i = firstOnLevelEndingAfter(spans, layout, level, timeUs);
  const next = i < end ? layout.levelRows[i] : -1;
  if (next >= 0 && spans.startUs[next] <= timeUs) return next;
  const before = i > first ? layout.levelRows[i - 1] : -1;
  const gapBefore = before >= 0 ? timeUs - occupiedEnd(spans, before) : Infinity;
  const gapAfter = next >= 0 ? spans.startUs[next] - timeUs : Infinity;
  if (Math.min(gapBefore, gapAfter) > toleranceUs) return -1;
  return gapBefore <= gapAfter ? before : next;
}
