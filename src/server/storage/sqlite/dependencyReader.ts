/**
 * getDependencies for the SQLite store: the traces strictly inside the window come from the
 * traces table, and their calls (span ID, parent, service) from chunk_calls, a small fraction of
 * the span data. A wide window holds many traces, so they are read a slice per turn of the event
 * loop and ingest keeps flowing.
 */
import type Database from 'better-sqlite3';
import { DependencyCounter } from '../dependencies';
import type { DependencyLink } from '../traceStore';
import { clampInt64 } from './chunkWriter';
import { appendCalls, type CallLists } from './spanCodec';
import { nextTurn } from './traceSearch';

/** Traces per slice: their calls take a few milliseconds to read and count. */
export const TRACES_PER_TURN = 1024;

export class DependencyReader {
  private readonly inWindow: Database.Statement<[bigint, bigint], number>;
  private readonly since: Database.Statement<[bigint], number>;
  private readonly calls: Database.Statement<[number, number], { seq: number; calls: string }>;

  constructor(db: Database.Database) {
    // Clamped bounds are exact unless spans end after the year 2262 (beyond a signed int64).
    this.inWindow = db
      .prepare<[bigint, bigint], number>(
        'SELECT seq FROM traces WHERE min_start > ? AND max_end < ? ORDER BY seq',
      )
      .pluck();
    this.since = db
      .prepare<[bigint], number>('SELECT seq FROM traces WHERE min_start > ? ORDER BY seq')
      .pluck();
    this.calls = db.prepare(
      `SELECT c.trace_seq AS seq, k.calls FROM chunks c JOIN chunk_calls k ON k.id = c.id
       WHERE c.trace_seq BETWEEN ? AND ? ORDER BY c.trace_seq, c.id`,
    );
  }

  /** Jaeger §7: traces strictly inside (start, end); an end of 0 means "no end". */
  async links(start: bigint, end: bigint, assertOpen: () => void): Promise<DependencyLink[]> {
    const seqs =
      end === 0n ? this.since.all(clampInt64(start)) : this.inWindow.all(clampInt64(start), clampInt64(end));
    const counter = new DependencyCounter();
    for (let from = 0; from < seqs.length; from += TRACES_PER_TURN) {
      if (from > 0) {
        await nextTurn();
        assertOpen();
      }
      const slice = seqs.slice(from, from + TRACES_PER_TURN);
      const selected = new Set(slice);
      let current = -1;
      let lists: CallLists = { spanIds: [], parentSpanIds: [], services: [] };
      const flush = () => {
        const { spanIds, parentSpanIds, services } = lists;
        counter.addTrace({
          count: spanIds.length,
          spanId: (i) => spanIds[i],
          parentSpanId: (i) => parentSpanIds[i],
          service: (i) => services[i],
        });
        lists = { spanIds: [], parentSpanIds: [], services: [] };
      };
      // The slice's seq range also holds traces outside the window: those rows are skipped.
      for (const row of this.calls.all(slice[0], slice[slice.length - 1])) {
        if (!selected.has(row.seq)) continue;
        if (row.seq !== current && current !== -1) flush();
        current = row.seq;
        appendCalls(lists, row.calls);
      }
      if (current !== -1) flush();
    }
    return counter.result();
  }
}
