import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeSpan, traceIdOf } from '../conformance/spans';
import { APPLICATION_ID, openDatabase } from './database';
import { migrations } from './migrations';
import { openSqliteStore } from './sqliteStore';
import { useTempFiles } from './testing';

const tempFile = useTempFiles();
const latest = Math.max(...migrations.map((m) => m.version));

function headerOf(path: string): { version: number; applicationId: number } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      applicationId: db.pragma('application_id', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

describe('sqlite schema and file checks', () => {
  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
  });

  it('creates the latest schema in a new file, in WAL mode', () => {
    const path = tempFile();
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
    expect(headerOf(path)).toEqual({ version: latest, applicationId: APPLICATION_ID });
  });

  it('upgrades an empty file', () => {
    const path = tempFile();
    writeFileSync(path, '');
    openDatabase(path).close();
    expect(headerOf(path).version).toBe(latest);
  });

  it('upgrades a file step by step and keeps its data', async () => {
    const path = tempFile();
    const store = openSqliteStore({ path, maxTraces: 10 });
    await store.writeSpans([makeSpan({ trace: 1, span: 1 })]);
    await store.close();
    const next = {
      version: latest + 1,
      description: 'a test column',
      up: (db: Database.Database) => {
        db.exec('ALTER TABLE traces ADD COLUMN note TEXT');
      },
    };
    const upgraded = openSqliteStore({ path, maxTraces: 10, migrations: [...migrations, next] });
    expect(await upgraded.getTrace(traceIdOf(1))).not.toBeNull();
    await upgraded.close();
    expect(headerOf(path).version).toBe(latest + 1);
  });

  it('rolls a failed migration back and leaves the file at its version', () => {
    const path = tempFile();
    openDatabase(path).close();
    const broken = {
      version: latest + 1,
      description: 'fails half way',
      up: (db: Database.Database) => {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('disk on fire');
      },
    };
    expect(() => openDatabase(path, { migrations: [...migrations, broken] })).toThrow('disk on fire');
    expect(headerOf(path).version).toBe(latest);
    const db = openDatabase(path);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a file written by a newer version, naming both versions', () => {
    const path = tempFile();
    const db = openDatabase(path);
    db.pragma(`user_version = ${latest + 5}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(
      `${path} was written by a newer Tracelens (schema version ${latest + 5}; this version reads up to ${latest})`,
    );
    // Refusing does not touch the file.
    expect(headerOf(path).version).toBe(latest + 5);
  });

  it('refuses a SQLite file of another application', () => {
    const path = tempFile();
    const other = new Database(path);
    other.exec('CREATE TABLE customers (id INTEGER)');
    other.close();
    expect(() => openDatabase(path)).toThrow(`${path} is not a Tracelens database`);
  });

  it('refuses a file that is not SQLite', () => {
    const path = tempFile();
    writeFileSync(path, 'these are not the pages you are looking for'.repeat(200));
    expect(() => openDatabase(path)).toThrow(`${path} is not a SQLite database`);
  });

  it('refuses a file another store has open', () => {
    const path = tempFile();
    const first = openDatabase(path);
    try {
      expect(() => openDatabase(path)).toThrow(`${path} is in use by another process`);
    } finally {
      first.close();
    }
    openDatabase(path).close();
  });
});
