/**
 * The SQLite store's schema, as an ordered list of migrations. A database file records the
 * version it is at in `PRAGMA user_version`; opening it runs the migrations above that version,
 * each in its own transaction, and refuses a file from a newer Tracelens.
 *
 * Never edit a released migration: append a new one. The span payload layout (spanCodec.ts) and
 * the term tokens (terms.ts) are part of the schema too.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3…: the user_version the database is at after this migration. */
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'traces, span chunks, calls, term index, operations, archive',
    up(db) {
      db.exec(`
        -- One row per trace. seq is the insertion order: searches return the newest first, and
        -- retention removes the oldest first.
        CREATE TABLE traces (
          seq INTEGER PRIMARY KEY,
          trace_id TEXT NOT NULL UNIQUE,
          received_ms INTEGER NOT NULL,
          min_start INTEGER NOT NULL,
          max_end INTEGER NOT NULL,
          span_count INTEGER NOT NULL
        );
        CREATE INDEX traces_by_start ON traces (min_start);

        -- The spans of one trace from one write. A narrow row (the spans are in chunk_spans),
        -- so searches filter on time and duration without reading span data.
        CREATE TABLE chunks (
          id INTEGER PRIMARY KEY,
          trace_seq INTEGER NOT NULL,
          min_start INTEGER NOT NULL,
          max_start INTEGER NOT NULL,
          min_duration INTEGER NOT NULL,
          max_duration INTEGER NOT NULL
        );
        CREATE INDEX chunks_by_trace ON chunks (trace_seq);
        CREATE INDEX chunks_by_start ON chunks (min_start);
        CREATE INDEX chunks_by_duration ON chunks (max_duration);

        -- payload: the spans as JSON text (spanCodec.ts).
        CREATE TABLE chunk_spans (
          id INTEGER PRIMARY KEY,
          payload TEXT NOT NULL
        );

        -- Span ID, parent span ID and service of each span (spanCodec.ts encodeCalls): all
        -- that dependency links need, without decoding whole spans.
        CREATE TABLE chunk_calls (
          id INTEGER PRIMARY KEY,
          calls TEXT NOT NULL
        );

        -- Hashed terms (terms.ts) of each chunk, rowid = chunks.id. Contentless: only the index
        -- is kept; contentless_delete lets retention remove rows.
        CREATE VIRTUAL TABLE chunk_terms USING fts5 (
          terms, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
        );

        -- Services and operations are never removed, as in Jaeger's memory store.
        CREATE TABLE operations (
          service TEXT NOT NULL,
          name TEXT NOT NULL,
          kind INTEGER NOT NULL,
          PRIMARY KEY (service, name, kind)
        ) WITHOUT ROWID;

        -- Small facts about the data, e.g. chunk_start_spread (see timeWindow.ts).
        CREATE TABLE meta (
          key TEXT PRIMARY KEY,
          value
        ) WITHOUT ROWID;

        -- POST /api/archive: whole traces kept apart from retention; seq orders them for eviction.
        CREATE TABLE archived_traces (
          seq INTEGER PRIMARY KEY,
          trace_id TEXT NOT NULL UNIQUE,
          payload TEXT NOT NULL
        );
      `);
    },
  },
];
