/**
 * Narrowing a search by time and duration before the term index is walked.
 *
 * Searches walk chunks newest first, which is right for the usual "last hour" search. A window far
 * in the past, or a rare duration, would make that walk pass every newer chunk first; these
 * helpers use the start and duration indexes to find the few chunks that can hold a match, when
 * they are few.
 *
 * The start index is on a chunk's *earliest* span start, but a match needs some span start in
 * the window. `spread` (the largest max_start − min_start of any chunk, kept by the store) closes
 * the gap: a chunk with a span start ≥ startMin has min_start ≥ startMin − spread.
 */
import type Database from 'better-sqlite3';
import type { CompiledSpanCriteria } from '../spanMatcher';
import { clampInt64 } from './chunkWriter';

/** Above this many chunks in the window, walking newest first is the better plan. */
const WINDOW_CAP = 10_000;
/** Above this many chunks as long as the minimum, walking newest first is the better plan. */
const DURATION_CAP = 2_000;

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Chunk IDs in [from, before); a list, when given, restricts them further (sorted, newest first). */
export interface CandidateRange {
  from: number;
  before: number;
  ids?: number[];
}

export const EVERY_CHUNK: CandidateRange = { from: 0, before: Number.MAX_SAFE_INTEGER };

export class CandidateRanges {
  private readonly countInWindow: Database.Statement<[bigint, bigint, number], number>;
  private readonly idsInWindow: Database.Statement<[bigint, bigint], { lo: number; hi: number }>;
  private readonly countLonger: Database.Statement<[bigint, number], number>;
  private readonly idsLonger: Database.Statement<[bigint, number, number], number>;

  constructor(db: Database.Database) {
    this.countInWindow = db
      .prepare<[bigint, bigint, number], number>(
        'SELECT count(*) FROM (SELECT 1 FROM chunks WHERE min_start BETWEEN ? AND ? LIMIT ?)',
      )
      .pluck();
    this.idsInWindow = db.prepare(
      'SELECT min(id) AS lo, max(id) AS hi FROM chunks WHERE min_start BETWEEN ? AND ?',
    );
    this.countLonger = db
      .prepare<[bigint, number], number>(
        'SELECT count(*) FROM (SELECT 1 FROM chunks WHERE max_duration >= ? LIMIT ?)',
      )
      .pluck();
    this.idsLonger = db
      .prepare<[bigint, number, number], number>(
        'SELECT id FROM chunks WHERE max_duration >= ? AND id >= ? AND id < ? ORDER BY id DESC',
      )
      .pluck();
  }

  /** The chunks that may hold a match, or null when no chunk can. */
  rangeFor(c: CompiledSpanCriteria, spread: bigint): CandidateRange | null {
    let range = EVERY_CHUNK;
    if (c.startTimeMin !== undefined || c.startTimeMax !== undefined) {
      const low = c.startTimeMin === undefined ? INT64_MIN : clampInt64(c.startTimeMin - spread);
      const high = c.startTimeMax === undefined ? INT64_MAX : clampInt64(c.startTimeMax);
      if (low > high) return null;
      const count = this.countInWindow.get(low, high, WINDOW_CAP) ?? 0;
      if (count === 0) return null;
      if (count < WINDOW_CAP) {
        const ids = this.idsInWindow.get(low, high);
        if (ids) range = { from: ids.lo, before: ids.hi + 1 };
      }
    }
    if (c.durationMin !== undefined) {
      const min = clampInt64(c.durationMin);
      const count = this.countLonger.get(min, DURATION_CAP) ?? 0;
      if (count === 0) return null;
      if (count < DURATION_CAP) {
        const ids = this.idsLonger.all(min, range.from, range.before);
        if (ids.length === 0) return null;
        range = { from: ids[ids.length - 1], before: ids[0] + 1, ids };
      }
    }
    return range;
  }
}
