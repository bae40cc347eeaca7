/**
 * The all-in-one's persistent trace store: one SQLite file (better-sqlite3, WAL, synchronous=FULL)
 * with the TraceStore semantics of the memory store, so both pass the same conformance suite.
 *
 * Writes are group-committed: every writeSpans call made in the same turn of the event loop goes
 * into one transaction, and each resolves only after that transaction is on disk. That is what
 * lets the receivers acknowledge a batch (2xx) only once it is durable, at one sync per turn
 * rather than one per request.
 */
import type Database from 'better-sqlite3';
import type { Span, Trace } from '../../../core/model/trace';
import type { ArchiveStore } from '../archiveStore';
import { DEFAULT_MAX_ARCHIVED_TRACES } from '../archiveStore';
import { ServiceCatalog } from '../memory/serviceCatalog';
import { compileSpanCriteria } from '../spanMatcher';
import {
  StoreQueryError,
  type DependencyLink,
  type Operation,
  type TraceQuery,
  type TraceStore,
} from '../traceStore';
import { ChunkWriter, type WriteDelta } from './chunkWriter';
import { openDatabase } from './database';
import type { Migration } from './migrations';
import { Retention, RETENTION_STEP, RetentionScheduler } from './retention';
import { createSqliteArchive } from './sqliteArchive';
import { TraceReader } from './traceReader';
import { TraceSearch } from './traceSearch';
import { DependencyReader } from './dependencyReader';

export interface SqliteStoreOptions {
  path: string;
  /** The most traces kept (the oldest go first) and the largest searchDepth, as in the memory store. */
  maxTraces: number;
  /** Traces received longer ago than this are removed; 0 = no age limit. */
  maxAgeMs?: number;
  /** The database is kept under this many bytes by removing the oldest traces; 0 = no limit. */
  maxBytes?: number;
  maxArchivedTraces?: number;
  /** How often retention checks whether something is due. */
  retentionIntervalMs?: number;
  /** Epoch ms; tests move time forward. */
  now?: () => number;
  migrations?: readonly Migration[];
  onError?: (message: string) => void;
}

export interface SqliteTraceStore extends TraceStore {
  /** Archive storage in the same file, closed with the store. */
  readonly archive: ArchiveStore;
  /** Runs retention to completion now (the background does the same in small steps). */
  enforceRetention(): number;
  /** Bytes the database uses. */
  usedBytes(): number;
}

const SPREAD_KEY = 'chunk_start_spread';

export function openSqliteStore(opts: SqliteStoreOptions): SqliteTraceStore {
  if (!Number.isInteger(opts.maxTraces) || opts.maxTraces <= 0)
    throw new Error('max traces must be greater than zero');
  const db = openDatabase(opts.path, { migrations: opts.migrations });
  try {
    return new SqliteStore(db, opts);
  } catch (err) {
    db.close();
    throw err;
  }
}

interface PendingWrite {
  spans: readonly Span[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

class SqliteStore implements SqliteTraceStore {
  readonly archive: ArchiveStore;
  private readonly catalog = new ServiceCatalog();
  private readonly writer: ChunkWriter;
  private readonly reader: TraceReader;
  private readonly search: TraceSearch;
  private readonly retention: Retention;
  private readonly scheduler: RetentionScheduler;
  private readonly saveSpread: Database.Statement<[string, bigint]>;
  private readonly dependencies: DependencyReader;
  private readonly now: () => number;
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  private closed = false;
  private traceCount = 0;
  private spanCount = 0;
  private spread = 0n;

  constructor(
    private readonly db: Database.Database,
    private readonly opts: SqliteStoreOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.writer = new ChunkWriter(db, (s, n, k) => this.catalog.knows(s, n, k));
    this.reader = new TraceReader(db);
    this.search = new TraceSearch(db, this.reader, () => this.catalog.services());
    this.archive = createSqliteArchive(db, opts.maxArchivedTraces ?? DEFAULT_MAX_ARCHIVED_TRACES);
    this.saveSpread = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.dependencies = new DependencyReader(db);
    this.load();
    this.retention = new Retention(
      db,
      { maxTraces: opts.maxTraces, maxAgeMs: opts.maxAgeMs ?? 0, maxBytes: opts.maxBytes ?? 0 },
      () => this.traceCount,
      this.now,
    );
    this.scheduler = new RetentionScheduler(
      () => this.retentionStep(RETENTION_STEP),
      (err) => opts.onError?.(`sqlite retention: ${err instanceof Error ? err.message : String(err)}`),
      opts.retentionIntervalMs ?? 1000,
    );
    this.scheduler.kick();
  }

  writeSpans(spans: readonly Span[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the SQLite store is closed'));
    if (spans.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ spans, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async getTrace(traceId: string): Promise<Trace | null> {
    this.assertOpen();
    return this.reader.traceById(traceId);
  }

  async getServices(): Promise<string[]> {
    return this.catalog.services();
  }

  async getOperations(service: string, spanKind: string): Promise<Operation[]> {
    return this.catalog.operationsOf(service, spanKind);
  }

  async findTraces(query: TraceQuery): Promise<Trace[]> {
    this.assertOpen();
    // `!(x > 0)` also rejects NaN.
    if (!(query.searchDepth > 0) || query.searchDepth > this.opts.maxTraces) {
      throw new StoreQueryError('search depth must be greater than 0 and less than max traces');
    }
    const criteria = compileSpanCriteria(query);
    if (criteria === null) return [];
    return this.search.find(criteria, query.searchDepth, this.spread, () => this.assertOpen());
  }

  /** Jaeger §7: traces strictly inside (start, end); an end of 0 means "no end". */
  async getDependencies(start: bigint, end: bigint): Promise<DependencyLink[]> {
    this.assertOpen();
    if (start === 0n) throw new StoreQueryError('start time is required');
    if (end !== 0n && end < start) throw new StoreQueryError('end time must be greater than start time');
    return this.dependencies.links(start, end, () => this.assertOpen());
  }

  stats(): { traces: number; spans: number } {
    return { traces: this.traceCount, spans: this.spanCount };
  }

  enforceRetention(): number {
    this.assertOpen();
    let total = 0;
    for (let removed = this.retentionStep(RETENTION_STEP); removed > 0;) {
      total += removed;
      removed = this.retentionStep(RETENTION_STEP);
    }
    return total;
  }

  usedBytes(): number {
    this.assertOpen();
    return this.retention.usedBytes();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.scheduler.stop();
    this.flush();
    this.closed = true;
    this.db.pragma('optimize');
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the SQLite store is closed');
  }

  private load(): void {
    for (const op of this.db
      .prepare<[], { service: string; name: string; kind: number }>(
        'SELECT service, name, kind FROM operations',
      )
      .iterate()) {
      this.catalog.recordOperation(op.service, op.name, op.kind);
    }
    const counts = this.db
      .prepare<[], { traces: number; spans: number }>(
        'SELECT count(*) AS traces, coalesce(sum(span_count), 0) AS spans FROM traces',
      )
      .get();
    this.traceCount = counts?.traces ?? 0;
    this.spanCount = counts?.spans ?? 0;
    const spread = this.db
      .prepare<[string], bigint>('SELECT value FROM meta WHERE key = ?')
      .pluck()
      .safeIntegers()
      .get(SPREAD_KEY);
    this.spread = typeof spread === 'bigint' ? spread : 0n;
  }

  /** One transaction for every write queued since the last flush; all succeed or all fail. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let delta: WriteDelta;
    try {
      delta = this.db.transaction(() => {
        const receivedMs = this.now();
        const sum: WriteDelta = { newTraces: 0, spans: 0, operations: [], chunkSpread: this.spread };
        for (const write of batch) {
          const d = this.writer.write(write.spans, receivedMs);
          sum.newTraces += d.newTraces;
          sum.spans += d.spans;
          sum.operations.push(...d.operations);
          if (d.chunkSpread > sum.chunkSpread) sum.chunkSpread = d.chunkSpread;
        }
        if (sum.chunkSpread > this.spread) this.saveSpread.run(SPREAD_KEY, sum.chunkSpread);
        return sum;
      })();
    } catch (err) {
      for (const write of batch) write.reject(err);
      return;
    }
    this.traceCount += delta.newTraces;
    this.spanCount += delta.spans;
    this.spread = delta.chunkSpread;
    for (const op of delta.operations) this.catalog.recordOperation(op.service, op.name, op.kind);
    for (const write of batch) write.resolve();
    if (this.traceCount > this.opts.maxTraces) this.scheduler.kick();
  }

  private retentionStep(limit: number): number {
    if (this.closed) return 0;
    const removed = this.retention.step(limit);
    this.traceCount -= removed.traces;
    this.spanCount -= removed.spans;
    return removed.traces;
  }
}
