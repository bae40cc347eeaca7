/**
 * Reads whole traces back: the chunks of a trace in the order they were written, decoded into
 * fresh span objects (so nothing a caller holds changes when more spans arrive).
 */
import type Database from 'better-sqlite3';
import type { Span, Trace } from '../../../core/model/trace';
import { decodeSpans } from './spanCodec';

interface ChunkRow {
  trace_id: string;
  payload: string;
}

const SELECT_CHUNKS = `
  SELECT t.trace_id, s.payload
  FROM traces t JOIN chunks c ON c.trace_seq = t.seq JOIN chunk_spans s ON s.id = c.id`;

export class TraceReader {
  private readonly byId: Database.Statement<[string], ChunkRow>;
  private readonly bySeq: Database.Statement<[number], ChunkRow>;

  constructor(db: Database.Database) {
    this.byId = db.prepare(`${SELECT_CHUNKS} WHERE t.trace_id = ? ORDER BY c.id`);
    this.bySeq = db.prepare(`${SELECT_CHUNKS} WHERE t.seq = ? ORDER BY c.id`);
  }

  traceById(traceId: string): Trace | null {
    return toTrace(this.byId.all(traceId));
  }

  traceBySeq(seq: number): Trace | null {
    return toTrace(this.bySeq.all(seq));
  }
}

function toTrace(rows: readonly ChunkRow[]): Trace | null {
  if (rows.length === 0) return null;
  const traceId = rows[0].trace_id;
  const spans: Span[] = [];
  for (const row of rows) {
    for (const span of decodeSpans(traceId, row.payload).spans) spans.push(span);
  }
  return { traceId, spans, warnings: [] };
}
