/**
 * Writes spans as chunks: the spans of one trace from one write become one row of `chunks`
 * (time and duration extremes for filtering), one row of spans, one of calls (for dependency
 * links) and one of hashed terms.
 * Runs inside the caller's transaction and reports what changed, so the caller can update its
 * counters only once the transaction has committed.
 */
import type Database from 'better-sqlite3';
import type { Span } from '../../../core/model/trace';
import { encodeCalls, encodeSpans } from './spanCodec';
import { chunkTokens } from './terms';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/**
 * SQLite integers are signed 64-bit, span times unsigned. Clamping is monotonic, so `a ≤ b`
 * still holds after it: index columns and query bounds clamped alike never lose a match.
 */
export function clampInt64(value: bigint): bigint {
  return value > INT64_MAX ? INT64_MAX : value < INT64_MIN ? INT64_MIN : value;
}

export interface WriteDelta {
  newTraces: number;
  spans: number;
  /** Operations seen in this write, for the caller's catalog. */
  operations: { service: string; name: string; kind: number }[];
  /** Largest max_start − min_start of a chunk written. */
  chunkSpread: bigint;
}

interface Extremes {
  minStart: bigint;
  maxStart: bigint;
  maxEnd: bigint;
  minDuration: bigint;
  maxDuration: bigint;
}

function extremesOf(spans: readonly Span[]): Extremes {
  const first = spans[0];
  const e: Extremes = {
    minStart: first.startTimeUnixNano,
    maxStart: first.startTimeUnixNano,
    maxEnd: first.endTimeUnixNano,
    minDuration: first.endTimeUnixNano - first.startTimeUnixNano,
    maxDuration: first.endTimeUnixNano - first.startTimeUnixNano,
  };
  for (const span of spans) {
    const start = span.startTimeUnixNano;
    const end = span.endTimeUnixNano;
    const duration = end - start;
    if (start < e.minStart) e.minStart = start;
    if (start > e.maxStart) e.maxStart = start;
    if (end > e.maxEnd) e.maxEnd = end;
    if (duration < e.minDuration) e.minDuration = duration;
    if (duration > e.maxDuration) e.maxDuration = duration;
  }
  return e;
}

/** Groups a batch per trace ID, in order of first appearance. */
export function groupByTrace(spans: readonly Span[]): Map<string, Span[]> {
  const groups = new Map<string, Span[]>();
  for (const span of spans) {
    const group = groups.get(span.traceId);
    if (group) group.push(span);
    else groups.set(span.traceId, [span]);
  }
  return groups;
}

export class ChunkWriter {
  private readonly findTrace: Database.Statement<[string], number>;
  private readonly insertTrace: Database.Statement<[string, number, bigint, bigint, number]>;
  private readonly widenTrace: Database.Statement<[bigint, bigint, number, number]>;
  private readonly insertChunk: Database.Statement<[number, bigint, bigint, bigint, bigint]>;
  private readonly insertPayload: Database.Statement<[number | bigint, string]>;
  private readonly insertCalls: Database.Statement<[number | bigint, string]>;
  private readonly insertTerms: Database.Statement<[number | bigint, string]>;
  private readonly insertOperation: Database.Statement<[string, string, number]>;

  constructor(
    db: Database.Database,
    private readonly knowsOperation: (service: string, name: string, kind: number) => boolean,
  ) {
    this.findTrace = db.prepare<[string], number>('SELECT seq FROM traces WHERE trace_id = ?').pluck();
    this.insertTrace = db.prepare(
      'INSERT INTO traces (trace_id, received_ms, min_start, max_end, span_count) VALUES (?, ?, ?, ?, ?)',
    );
    this.widenTrace = db.prepare(
      `UPDATE traces SET min_start = min(min_start, ?), max_end = max(max_end, ?),
         span_count = span_count + ? WHERE seq = ?`,
    );
    this.insertChunk = db.prepare(
      `INSERT INTO chunks (trace_seq, min_start, max_start, min_duration, max_duration)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.insertPayload = db.prepare('INSERT INTO chunk_spans (id, payload) VALUES (?, ?)');
    this.insertCalls = db.prepare('INSERT INTO chunk_calls (id, calls) VALUES (?, ?)');
    this.insertTerms = db.prepare('INSERT INTO chunk_terms (rowid, terms) VALUES (?, ?)');
    this.insertOperation = db.prepare(
      'INSERT OR IGNORE INTO operations (service, name, kind) VALUES (?, ?, ?)',
    );
  }

  /** Must run inside a transaction. */
  write(spans: readonly Span[], receivedMs: number): WriteDelta {
    const delta: WriteDelta = { newTraces: 0, spans: spans.length, operations: [], chunkSpread: 0n };
    for (const [traceId, group] of groupByTrace(spans)) {
      const e = extremesOf(group);
      let seq = this.findTrace.get(traceId);
      if (seq === undefined) {
        const inserted = this.insertTrace.run(
          traceId,
          receivedMs,
          clampInt64(e.minStart),
          clampInt64(e.maxEnd),
          group.length,
        );
        seq = Number(inserted.lastInsertRowid);
        delta.newTraces++;
      } else {
        this.widenTrace.run(clampInt64(e.minStart), clampInt64(e.maxEnd), group.length, seq);
      }
      const chunkId = this.insertChunk.run(
        seq,
        clampInt64(e.minStart),
        clampInt64(e.maxStart),
        clampInt64(e.minDuration),
        clampInt64(e.maxDuration),
      ).lastInsertRowid;
      this.insertPayload.run(chunkId, encodeSpans(group));
      this.insertCalls.run(chunkId, encodeCalls(group));
      this.insertTerms.run(chunkId, chunkTokens(group));
      const spread = clampInt64(e.maxStart) - clampInt64(e.minStart);
      if (spread > delta.chunkSpread) delta.chunkSpread = spread;
      for (const span of group) {
        const service = span.resource.serviceName;
        if (this.knowsOperation(service, span.name, span.kind)) continue;
        this.insertOperation.run(service, span.name, span.kind);
        delta.operations.push({ service, name: span.name, kind: span.kind });
      }
    }
    return delta;
  }
}
