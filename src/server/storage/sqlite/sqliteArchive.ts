/**
 * Archive storage (POST /api/archive) in the SQLite file: archived traces persist across restarts
 * and are untouched by retention. Bounded by count like the memory archive; the trace archived
 * longest ago goes first.
 */
import type Database from 'better-sqlite3';
import type { Trace } from '../../../core/model/trace';
import type { ArchiveStore } from '../archiveStore';
import { decodeSpans, encodeSpans } from './spanCodec';

export function createSqliteArchive(db: Database.Database, maxTraces: number): ArchiveStore {
  if (!Number.isInteger(maxTraces) || maxTraces <= 0)
    throw new Error('max archived traces must be greater than zero');
  const remove = db.prepare<[string]>('DELETE FROM archived_traces WHERE trace_id = ?');
  const insert = db.prepare<[string, string]>(
    'INSERT INTO archived_traces (trace_id, payload) VALUES (?, ?)',
  );
  const count = db.prepare<[], number>('SELECT count(*) FROM archived_traces').pluck();
  const removeOldest = db.prepare<[number]>(
    'DELETE FROM archived_traces WHERE seq IN (SELECT seq FROM archived_traces ORDER BY seq LIMIT ?)',
  );
  const select = db
    .prepare<[string], string>('SELECT payload FROM archived_traces WHERE trace_id = ?')
    .pluck();
  // Replacing a copy makes it the newest: delete, then insert with a new seq.
  const write = db.transaction((trace: Trace) => {
    remove.run(trace.traceId);
    insert.run(trace.traceId, encodeSpans(trace.spans, trace.warnings));
    const excess = (count.get() ?? 0) - maxTraces;
    if (excess > 0) removeOldest.run(excess);
  });
  return {
    async writeTrace(trace) {
      write(trace);
    },
    async getTrace(traceId) {
      const payload = select.get(traceId);
      if (payload === undefined) return null;
      const { spans, warnings } = decodeSpans(traceId, payload);
      return { traceId, spans, warnings };
    },
    size: () => count.get() ?? 0,
  };
}
