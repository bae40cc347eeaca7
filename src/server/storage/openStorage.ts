/**
 * The trace store and archive the all-in-one runs with, as configured: the memory store with its
 * in-memory archive, or one SQLite file holding both.
 */
import type { Config } from '../config';
import { createArchiveStore, type ArchiveStore } from './archiveStore';
import { createMemoryStore } from './memoryStore';
import { openSqliteStore } from './sqlite/sqliteStore';
import type { TraceStore } from './traceStore';

export interface Storage {
  traces: TraceStore;
  archive: ArchiveStore;
  /** One line for the startup log. */
  description: string;
  /** Closes the store (and with it the archive); for SQLite, after writing what is queued. */
  close(): Promise<void>;
}

type StorageConfig = Pick<
  Config,
  'storage' | 'maxTraces' | 'sqlitePath' | 'sqliteRetention' | 'sqliteMaxBytes'
>;

export function openStorage(config: StorageConfig, onError: (message: string) => void): Storage {
  if (config.storage === 'sqlite') {
    const traces = openSqliteStore({
      path: config.sqlitePath,
      maxTraces: config.maxTraces,
      maxAgeMs: config.sqliteRetention,
      maxBytes: config.sqliteMaxBytes,
      onError,
    });
    const { traces: count, spans } = traces.stats();
    const age =
      config.sqliteRetention > 0 ? `for ${retentionText(config.sqliteRetention)}` : 'with no age limit';
    const size = config.sqliteMaxBytes > 0 ? `under ${config.sqliteMaxBytes} bytes` : 'with no size limit';
    return {
      traces,
      archive: traces.archive,
      description: `SQLite ${config.sqlitePath}: ${count} traces, ${spans} spans; traces are kept ${age}, ${size}`,
      close: () => traces.close(),
    };
  }
  const traces = createMemoryStore({ maxTraces: config.maxTraces });
  return {
    traces,
    archive: createArchiveStore(),
    description: 'in memory',
    close: () => traces.close(),
  };
}

function retentionText(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
