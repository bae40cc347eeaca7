/** Temporary SQLite stores for tests: a fresh file per store, removed after the test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { StoreHarness } from '../conformance/harness';
import { openSqliteStore, type SqliteStoreOptions, type SqliteTraceStore } from './sqliteStore';

/** Call at the top level of a test file: hands out fresh paths, removes them after all tests. */
export function useTempFiles(): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracelens-sqlite-'));
    dirs.push(dir);
    return join(dir, 'traces.db');
  };
}

export function sqliteHarness(
  tempFile: () => string,
  options: Partial<SqliteStoreOptions> = {},
): StoreHarness<SqliteTraceStore> {
  return {
    name: 'sqlite store',
    open: async ({ maxTraces }) => openSqliteStore({ path: tempFile(), maxTraces, ...options }),
    settle: async (store) => {
      store.enforceRetention();
    },
  };
}
