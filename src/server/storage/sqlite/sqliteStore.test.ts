import { describe, expect, it } from 'vitest';
import { findTraceNumbers, makeResource, makeSpan, query, str, T0, traceIdOf } from '../conformance/spans';
import { openSqliteStore, type SqliteStoreOptions, type SqliteTraceStore } from './sqliteStore';
import { TRACES_PER_TURN } from './dependencyReader';
import { RETENTION_STEP } from './retention';
import { READS_PER_TURN } from './traceSearch';
import { useTempFiles } from './testing';

const tempFile = useTempFiles();
const HOUR_MS = 3_600_000;
/** Background checks an hour apart: retention runs when the test calls enforceRetention. */
const ON_REQUEST = { retentionIntervalMs: HOUR_MS };

async function withStore<T>(
  options: SqliteStoreOptions,
  use: (store: SqliteTraceStore) => Promise<T>,
): Promise<T> {
  const store = openSqliteStore(options);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 5000;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('sqlite store', () => {
  it('rejects a non-positive maxTraces', () => {
    expect(() => openSqliteStore({ path: tempFile(), maxTraces: 0 })).toThrow(
      'max traces must be greater than zero',
    );
  });

  it('keeps traces, services, counts and search indexes across a reopen', async () => {
    const path = tempFile();
    const hour = 3_600_000_000_000n;
    await withStore({ path, maxTraces: 20 }, async (store) => {
      await store.writeSpans([
        makeSpan({ trace: 1, span: 1, resource: makeResource('billing'), attributes: [str('order', 'o-1')] }),
        // One chunk spanning an hour: the start window must still find its last span after reopen.
        makeSpan({ trace: 1, span: 2, start: hour }),
      ]);
      await store.writeSpans([makeSpan({ trace: 2, span: 1, start: hour - 10n })]);
    });
    await withStore({ path, maxTraces: 20 }, async (store) => {
      expect(store.stats()).toEqual({ traces: 2, spans: 3 });
      expect((await store.getServices()).sort()).toEqual(['billing', 'shop']);
      expect(await store.getOperations('billing', '')).toEqual([{ name: 'op', spanKind: '' }]);
      expect((await store.getTrace(traceIdOf(1)))?.spans).toHaveLength(2);
      expect(await findTraceNumbers(store, query({ tags: { order: 'o-1' } }))).toEqual([1]);
      const around = query({ startTimeMin: T0 + hour - 5n, startTimeMax: T0 + hour + 5n });
      expect(await findTraceNumbers(store, around)).toEqual([1]);
      // New traces still come after the old ones.
      await store.writeSpans([makeSpan({ trace: 3, span: 1 })]);
      expect(await findTraceNumbers(store, query({ serviceName: 'shop' }))).toEqual([3, 2, 1]);
    });
  });

  it('removes traces received longer ago than the retention, oldest first', async () => {
    let now = Date.UTC(2024, 0, 1);
    await withStore(
      { path: tempFile(), maxTraces: 100, maxAgeMs: 72 * HOUR_MS, now: () => now, ...ON_REQUEST },
      async (store) => {
        for (const n of [1, 2, 3]) {
          await store.writeSpans([makeSpan({ trace: n, span: 1, attributes: [str('n', `${n}`)] })]);
          now += 24 * HOUR_MS;
        }
        // Trace 1 was received 72 h ago, trace 2 48 h ago: only a trace older than 72 h goes.
        expect(store.enforceRetention()).toBe(0);
        now += 1;
        expect(store.enforceRetention()).toBe(1);
        expect(await store.getTrace(traceIdOf(1))).toBeNull();
        expect(await findTraceNumbers(store, query({ tags: { n: '1' } }))).toEqual([]);
        expect(await findTraceNumbers(store, query({}))).toEqual([3, 2]);
        expect(store.stats()).toEqual({ traces: 2, spans: 2 });
        now += 72 * HOUR_MS;
        expect(store.enforceRetention()).toBe(2);
        expect(store.stats()).toEqual({ traces: 0, spans: 0 });
        expect(await store.getServices()).toEqual(['shop']);
      },
    );
  });

  it('keeps the database under maxBytes by removing the oldest traces', async () => {
    const maxBytes = 4 * 1024 * 1024;
    await withStore({ path: tempFile(), maxTraces: 100_000, maxBytes, ...ON_REQUEST }, async (store) => {
      const padding = str('payload', 'x'.repeat(200));
      let n = 0;
      while (store.usedBytes() < maxBytes * 1.5) {
        const spans = [];
        for (let t = 0; t < 50; t++) {
          n++;
          for (let s = 1; s <= 5; s++) spans.push(makeSpan({ trace: n, span: s, attributes: [padding] }));
        }
        await store.writeSpans(spans);
      }
      const removed = store.enforceRetention();
      expect(removed).toBeGreaterThan(0);
      expect(store.usedBytes()).toBeLessThanOrEqual(maxBytes);
      expect(store.stats().traces).toBe(n - removed);
      expect(await store.getTrace(traceIdOf(n))).not.toBeNull();
      expect(await store.getTrace(traceIdOf(1))).toBeNull();
      // Freed pages are reused: writing as much again does not grow the file past the limit much.
      for (let round = 0; round < 20; round++) {
        await store.writeSpans(
          Array.from({ length: 50 }, (_, t) =>
            makeSpan({ trace: n + 1 + t + round * 50, span: 1, attributes: [padding] }),
          ),
        );
        store.enforceRetention();
      }
      expect(store.usedBytes()).toBeLessThanOrEqual(maxBytes);
    });
  });

  it('removes a backlog in the background in small steps, serving writes in between', async () => {
    await withStore({ path: tempFile(), maxTraces: 100, retentionIntervalMs: 10 }, async (store) => {
      const backlog = 10 * RETENTION_STEP;
      await store.writeSpans(Array.from({ length: backlog }, (_, i) => makeSpan({ trace: i + 1, span: 1 })));
      await store.writeSpans([makeSpan({ trace: backlog + 1, span: 1 })]);
      // Removal has started, but the write did not wait for all of it.
      expect(store.stats().traces).toBeGreaterThan(100 + RETENTION_STEP);
      await waitFor(() => store.stats().traces === 100, 'retention to catch up');
      expect(await findTraceNumbers(store, query({ searchDepth: 1 }))).toEqual([backlog + 1]);
      expect(await store.getTrace(traceIdOf(backlog - 99))).toBeNull();
      expect(await store.getTrace(traceIdOf(backlog - 98))).not.toBeNull();
    });
  });

  it('keeps archived traces across a reopen and out of retention', async () => {
    const path = tempFile();
    let now = 0;
    const options = {
      path,
      maxTraces: 10,
      maxAgeMs: HOUR_MS,
      maxArchivedTraces: 2,
      now: () => now,
      ...ON_REQUEST,
    };
    await withStore(options, async (store) => {
      await store.writeSpans([makeSpan({ trace: 1, span: 1 })]);
      const trace = await store.getTrace(traceIdOf(1));
      if (trace === null) throw new Error('trace 1 was not stored');
      await store.archive.writeTrace({ ...trace, warnings: ['archived by a test'] });
      for (const n of [2, 3]) {
        await store.archive.writeTrace({
          traceId: traceIdOf(n),
          spans: [makeSpan({ trace: n, span: 1 })],
          warnings: [],
        });
      }
      // A bound of 2: trace 1, archived first, left.
      expect(store.archive.size()).toBe(2);
      expect(await store.archive.getTrace(traceIdOf(1))).toBeNull();
      // Archiving again makes a trace the newest.
      await store.archive.writeTrace({ ...trace, warnings: ['archived by a test'] });
      expect(await store.archive.getTrace(traceIdOf(2))).toBeNull();
      now += 2 * HOUR_MS;
      expect(store.enforceRetention()).toBe(1);
    });
    await withStore(options, async (store) => {
      expect(await store.getTrace(traceIdOf(1))).toBeNull();
      const archived = await store.archive.getTrace(traceIdOf(1));
      expect(archived?.warnings).toEqual(['archived by a test']);
      expect(archived?.spans.map((s) => s.spanId)).toHaveLength(1);
      expect(store.archive.size()).toBe(2);
    });
  });

  it('searches without a service across thousands of services', async () => {
    await withStore({ path: tempFile(), maxTraces: 5000 }, async (store) => {
      const spans = Array.from({ length: 3000 }, (_, i) =>
        makeSpan({
          trace: i + 1,
          span: 1,
          resource: makeResource(`svc-${i}`),
          attributes: [str('k', `v${i % 7}`)],
        }),
      );
      await store.writeSpans(spans);
      expect(await findTraceNumbers(store, query({ tags: { k: 'v3' }, searchDepth: 2 }))).toEqual([
        3000, 2993,
      ]);
      expect(await findTraceNumbers(store, query({ operationName: 'op', tags: { k: 'v9' } }))).toEqual([]);
    });
  });

  it('lets writes through while a search or a dependency scan reads many traces', async () => {
    await withStore({ path: tempFile(), maxTraces: 10_000 }, async (store) => {
      const traces = 2 * Math.max(READS_PER_TURN, TRACES_PER_TURN) + 1;
      const long = 'y'.repeat(300);
      await store.writeSpans(
        Array.from({ length: traces }, (_, i) => [
          makeSpan({ trace: i + 1, span: 1, resource: makeResource('a'), attributes: [str('sql', long)] }),
          makeSpan({ trace: i + 1, span: 2, parent: 1, resource: makeResource('b') }),
        ]).flat(),
      );
      const scans = [
        store.getDependencies(T0 - 1n, 0n),
        // Too long to be indexed: every trace is read and tested.
        store.findTraces(query({ tags: { sql: `${long}!` } })),
      ];
      let done = 0;
      for (const scan of scans) void scan.then(() => done++);
      await store.writeSpans([makeSpan({ trace: traces + 1, span: 1 })]);
      expect(done).toBe(0);
      const [links, found] = await Promise.all(scans);
      expect(links).toEqual([{ parent: 'a', child: 'b', callCount: traces }]);
      expect(found).toEqual([]);
    });
  });

  it('refuses work once closed', async () => {
    const store = openSqliteStore({ path: tempFile(), maxTraces: 10 });
    await store.close();
    await expect(store.writeSpans([makeSpan({ trace: 1, span: 1 })])).rejects.toThrow('closed');
    await expect(store.getTrace(traceIdOf(1))).rejects.toThrow('closed');
    await store.close();
  });

  it('writes what was queued before close', async () => {
    const path = tempFile();
    const store = openSqliteStore({ path, maxTraces: 10 });
    const written = store.writeSpans([makeSpan({ trace: 1, span: 1 })]);
    await store.close();
    await written;
    await withStore({ path, maxTraces: 10 }, async (reopened) => {
      expect(reopened.stats()).toEqual({ traces: 1, spans: 1 });
    });
  });
});
