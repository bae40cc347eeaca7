import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { useTempFiles } from './testing';

const tempFile = useTempFiles();

describe('sqlite storage settings', () => {
  it('reads the storage, path, retention and size from flags', () => {
    const { config } = loadConfig(
      [
        '--storage',
        'sqlite',
        '--sqlite-path',
        '/data/traces.db',
        '--sqlite-retention',
        '24h',
        '--sqlite-max-bytes=2GiB',
      ],
      {},
    );
    expect(config).toMatchObject({
      storage: 'sqlite',
      sqlitePath: '/data/traces.db',
      sqliteRetention: 24 * 3600 * 1000,
      sqliteMaxBytes: 2 * 1024 ** 3,
    });
  });

  it('keeps 72 hours and sets no size limit by default', () => {
    const { config } = loadConfig([], {});
    expect(config).toMatchObject({
      storage: 'memory',
      sqlitePath: '',
      sqliteRetention: 72 * 3600 * 1000,
      sqliteMaxBytes: 0,
    });
  });

  it('reads them from the environment and the YAML file', () => {
    const yaml = tempFile().replace(/\.db$/, '.yaml');
    writeFileSync(
      yaml,
      'storage: sqlite\nsqlite_path: /var/lib/tracelens.db\nsqlite_retention: 0\nsqlite_max_bytes: 1000\n',
    );
    expect(loadConfig(['--config', yaml], {}).config).toMatchObject({
      storage: 'sqlite',
      sqlitePath: '/var/lib/tracelens.db',
      sqliteRetention: 0,
      sqliteMaxBytes: 1000,
    });
    const fromEnv = loadConfig(['--config', yaml], { TRACELENS_SQLITE_MAX_BYTES: '500 MB' }).config;
    expect(fromEnv.sqliteMaxBytes).toBe(500_000_000);
  });

  it.each([
    ['1.5GB', 1_500_000_000],
    ['10kib', 10_240],
    ['0', 0],
    ['123', 123],
  ])('reads the size %s', (text, bytes) => {
    expect(loadConfig(['--sqlite-max-bytes', text], {}).config.sqliteMaxBytes).toBe(bytes);
  });

  it.each([
    [['--storage', 'sqlite'], /sqlite_path: storage sqlite needs a database file/],
    [
      ['--storage', 'postgres'],
      /option --storage \(storage\): unknown storage "postgres"; supported: memory, sqlite/,
    ],
    [
      ['--sqlite-max-bytes', 'lots'],
      /option --sqlite-max-bytes \(sqlite_max_bytes\): expected a size such as 500MB/,
    ],
    [['--sqlite-max-bytes', '5 parsecs'], /sqlite_max_bytes/],
    [['--sqlite-max-bytes', '-1'], /sqlite_max_bytes/],
    [
      ['--sqlite-retention', 'forever'],
      /option --sqlite-retention \(sqlite_retention\): expected a duration/,
    ],
  ])('rejects %j with a message naming the setting', (argv, message) => {
    expect(() => loadConfig(argv, {})).toThrow(message);
  });
});
