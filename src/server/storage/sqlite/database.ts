/**
 * Opens (or creates) a Tracelens SQLite file: checks that it is one of ours and not from a newer
 * version, brings its schema up to date, and sets the pragmas the store relies on.
 * docs/adr/0007-sqlite-store.md explains WAL with synchronous=FULL.
 */
import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';

/** 'TrLs': marks a file as a Tracelens database (PRAGMA application_id). */
export const APPLICATION_ID = 0x54724c73;

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

export interface OpenOptions {
  /** The schema steps to apply; tests pass a longer or shorter list. */
  migrations?: readonly Migration[];
}

function isBusy(err: unknown): boolean {
  return err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY');
}

function latestVersion(list: readonly Migration[]): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

/** Runs every migration above the file's version, each in its own transaction. */
export function migrate(db: Database.Database, path: string, list: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(list);
  if (current > latest) {
    throw new StoreOpenError(
      `${path} was written by a newer Tracelens (schema version ${current}; this version reads up to ${latest}). ` +
        'Upgrade Tracelens, or point --sqlite-path at another file.',
    );
  }
  const pending = [...list].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

function checkOwnership(db: Database.Database, path: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId === APPLICATION_ID) return;
  const tables = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  if (applicationId !== 0 || tables > 0) {
    throw new StoreOpenError(
      `${path} is not a Tracelens database (it already holds other data); point --sqlite-path at a new file.`,
    );
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 1000 });
  } catch (err) {
    throw new StoreOpenError(`cannot open ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    // Exclusive locking before WAL: no shared-memory file, and a second process that opens the
    // same file gets a clear error instead of silently sharing (and racing) the store.
    db.pragma('locking_mode = EXCLUSIVE');
    // Only takes effect on a new file: chunks of spans are a few kB, and larger pages hold them
    // without overflow chains.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    checkOwnership(db, path);
    // FULL: the write-ahead log is synced at every commit, so a batch acknowledged to the client
    // survives a crash of the machine, not only of the process.
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    // The log is reset at each checkpoint; this caps what stays on disk after a burst.
    db.pragma('journal_size_limit = 67108864');
    migrate(db, path, options.migrations ?? allMigrations);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreOpenError) throw err;
    if (isBusy(err)) {
      throw new StoreOpenError(`${path} is in use by another process (another Tracelens?)`, { cause: err });
    }
    if (err instanceof Database.SqliteError && err.code === 'SQLITE_NOTADB') {
      throw new StoreOpenError(`${path} is not a SQLite database; point --sqlite-path at a new file.`, {
        cause: err,
      });
    }
    throw err;
  }
}
