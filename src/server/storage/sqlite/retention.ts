/**
 * Retention for the SQLite store: the oldest traces go first once the store holds more than
 * `maxTraces`, once they were received longer than `maxAgeMs` ago, or while the database uses
 * more than `maxBytes`. Removal happens in small steps (one short transaction each), scheduled
 * between I/O callbacks, so ingest keeps flowing while a large backlog is cleared.
 */
import type Database from 'better-sqlite3';

export interface RetentionPolicy {
  maxTraces: number;
  /** 0 = no age limit. */
  maxAgeMs: number;
  /** 0 = no size limit. */
  maxBytes: number;
}

/** Traces removed per step: a few milliseconds of work. */
export const RETENTION_STEP = 200;

/** Once over maxBytes, removal continues down to this share of it, so it does not run constantly. */
const SIZE_LOW_WATER = 0.9;

interface Removed {
  traces: number;
  spans: number;
}

export class Retention {
  private readonly oldest: Database.Statement<[number], { seq: number; received_ms: number }>;
  private readonly countRange: Database.Statement<[number, number], Removed>;
  private readonly deleteRange: Database.Statement<[number, number]>[];
  private shrinking = false;

  constructor(
    private readonly db: Database.Database,
    private readonly policy: RetentionPolicy,
    private readonly traceCount: () => number,
    private readonly now: () => number,
  ) {
    this.oldest = db.prepare('SELECT seq, received_ms FROM traces ORDER BY seq LIMIT ?');
    this.countRange = db.prepare(
      'SELECT count(*) AS traces, coalesce(sum(span_count), 0) AS spans FROM traces WHERE seq BETWEEN ? AND ?',
    );
    const chunksOf = 'SELECT id FROM chunks WHERE trace_seq BETWEEN ? AND ?';
    this.deleteRange = [
      db.prepare(`DELETE FROM chunk_terms WHERE rowid IN (${chunksOf})`),
      db.prepare(`DELETE FROM chunk_spans WHERE id IN (${chunksOf})`),
      db.prepare(`DELETE FROM chunk_calls WHERE id IN (${chunksOf})`),
      db.prepare('DELETE FROM chunks WHERE trace_seq BETWEEN ? AND ?'),
      db.prepare('DELETE FROM traces WHERE seq BETWEEN ? AND ?'),
    ];
  }

  /** Bytes in use by the database (free pages not counted: they are reused before the file grows). */
  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  /** Whether a step would remove something right now. */
  due(): boolean {
    return this.step(0).traces > 0;
  }

  /**
   * Removes up to `limit` of the oldest traces that the policy no longer allows, in one
   * transaction; `limit` 0 only reports whether something is due (as one trace).
   */
  step(limit: number): Removed {
    const { maxTraces, maxAgeMs, maxBytes } = this.policy;
    if (maxBytes > 0) {
      const used = this.usedBytes();
      if (used > maxBytes) this.shrinking = true;
      else if (used <= maxBytes * SIZE_LOW_WATER) this.shrinking = false;
    }
    const rows = this.oldest.all(Math.max(limit, 1));
    const cutoff = maxAgeMs > 0 ? this.now() - maxAgeMs : -Infinity;
    const count = this.traceCount();
    let n = 0;
    while (n < rows.length) {
      const overCount = count - n > maxTraces;
      const tooOld = rows[n].received_ms < cutoff;
      if (!(overCount || tooOld || this.shrinking)) break;
      n++;
    }
    if (n === 0) return { traces: 0, spans: 0 };
    if (limit === 0) return { traces: 1, spans: 0 };
    const lo = rows[0].seq;
    const hi = rows[n - 1].seq;
    return this.db.transaction(() => {
      const removed = this.countRange.get(lo, hi) ?? { traces: 0, spans: 0 };
      for (const statement of this.deleteRange) statement.run(lo, hi);
      return removed;
    })();
  }
}

/**
 * Runs retention steps in the background: a check every `intervalMs`, and, while something is
 * due, one step per turn of the event loop (setImmediate), so requests are served in between.
 */
export class RetentionScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;

  constructor(
    private readonly runStep: () => number,
    private readonly onError: (err: unknown) => void,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  /** Starts stepping unless it already is. */
  kick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    setImmediate(() => this.next());
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private next(): void {
    if (this.stopped) {
      this.running = false;
      return;
    }
    let removed = 0;
    try {
      removed = this.runStep();
    } catch (err) {
      this.onError(err);
    }
    if (removed > 0) setImmediate(() => this.next());
    else this.running = false;
  }
}
