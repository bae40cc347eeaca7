/** Conformance: start-time and duration bounds, inclusive, tested on single spans. */
import { describe, expect, it } from 'vitest';
import type { TraceStore } from '../traceStore';
import type { ConformanceContext } from './harness';
import { findTraceNumbers, makeSpan, query, T0 } from './spans';

export function describeTimeAndDuration({ open }: ConformanceContext): void {
  describe('findTraces time and duration bounds', () => {
    // Trace n has one span starting at n*1000 ns after T0 and lasting n*100 ns.
    async function openTimed(): Promise<TraceStore> {
      const store = await open();
      for (const n of [1, 2, 3]) {
        await store.writeSpans([
          makeSpan({ trace: n, span: 1, start: BigInt(n) * 1000n, duration: BigInt(n) * 100n }),
        ]);
      }
      return store;
    }
    const at = (n: number) => T0 + BigInt(n) * 1000n;

    it.each<[string, Parameters<typeof query>[0], number[]]>([
      ['start min is inclusive', { startTimeMin: at(2) }, [3, 2]],
      ['start max is inclusive', { startTimeMax: at(2) }, [2, 1]],
      ['start min = max', { startTimeMin: at(2), startTimeMax: at(2) }, [2]],
      ['start window between spans', { startTimeMin: at(2) + 1n, startTimeMax: at(3) - 1n }, []],
      ['only the start is tested', { startTimeMin: at(1) + 50n }, [3, 2]],
      ['duration min is inclusive', { durationMin: 200n }, [3, 2]],
      ['duration max is inclusive', { durationMax: 200n }, [2, 1]],
      ['duration min = max', { durationMin: 200n, durationMax: 200n }, [2]],
      ['duration window between spans', { durationMin: 201n, durationMax: 299n }, []],
    ])('%s', async (_label, q, expected) => {
      const store = await openTimed();
      expect(await findTraceNumbers(store, query(q))).toEqual(expected);
    });

    it('finds a narrow window far behind many newer traces', async () => {
      const store = await open(500);
      for (let n = 1; n <= 300; n++) {
        await store.writeSpans([makeSpan({ trace: n, span: 1, start: BigInt(n) * 1_000_000n })]);
      }
      const window = { startTimeMin: T0 + 5_000_000n, startTimeMax: T0 + 7_000_000n };
      expect(await findTraceNumbers(store, query(window))).toEqual([7, 6, 5]);
      expect(await findTraceNumbers(store, query({ ...window, serviceName: 'shop' }))).toEqual([7, 6, 5]);
      expect(await findTraceNumbers(store, query({ startTimeMax: T0 + 2_000_000n }))).toEqual([2, 1]);
      expect(await findTraceNumbers(store, query({ startTimeMin: T0 + 301_000_000n }))).toEqual([]);
    });

    it('finds a span late in a long trace by a window around it', async () => {
      const store = await open();
      const hour = 3_600_000_000_000n;
      await store.writeSpans([
        makeSpan({ trace: 1, span: 1, start: 0n, duration: 2n * hour }),
        makeSpan({ trace: 1, span: 2, parent: 1, start: hour }),
      ]);
      await store.writeSpans([makeSpan({ trace: 2, span: 1, start: hour - 10n })]);
      const around = (from: bigint, to: bigint) => query({ startTimeMin: T0 + from, startTimeMax: T0 + to });
      expect(await findTraceNumbers(store, around(hour - 5n, hour + 5n))).toEqual([1]);
      expect(await findTraceNumbers(store, around(hour - 20n, hour + 5n))).toEqual([2, 1]);
      expect(await findTraceNumbers(store, around(1n, hour - 11n))).toEqual([]);
    });

    it('finds a window met only by spans that arrived in a later write', async () => {
      const store = await open();
      await store.writeSpans([makeSpan({ trace: 1, span: 1 })]);
      await store.writeSpans([makeSpan({ trace: 2, span: 1 })]);
      await store.writeSpans([makeSpan({ trace: 1, span: 2, parent: 1, start: 50_000n, duration: 9_000n })]);
      expect(await findTraceNumbers(store, query({ startTimeMin: T0 + 40_000n }))).toEqual([1]);
      expect(await findTraceNumbers(store, query({ durationMin: 5_000n }))).toEqual([1]);
      expect((await store.findTraces(query({ durationMin: 5_000n })))[0].spans).toHaveLength(2);
    });

    it('finds a rare long duration among many short spans', async () => {
      const store = await open(500);
      for (let n = 1; n <= 300; n++) {
        const duration = n === 42 || n === 250 ? 5_000_000n : 1_000n;
        await store.writeSpans([makeSpan({ trace: n, span: 1, start: BigInt(n), duration })]);
      }
      expect(await findTraceNumbers(store, query({ durationMin: 1_000_000n }))).toEqual([250, 42]);
      expect(await findTraceNumbers(store, query({ durationMin: 1_000_000n, searchDepth: 1 }))).toEqual([
        250,
      ]);
      const both = { durationMin: 1_000_000n, startTimeMin: T0 + 100n, serviceName: 'shop' };
      expect(await findTraceNumbers(store, query(both))).toEqual([250]);
      expect(await findTraceNumbers(store, query({ durationMin: 6_000_000n }))).toEqual([]);
    });

    it('needs one span within both duration bounds', async () => {
      const store = await open();
      await store.writeSpans([
        makeSpan({ trace: 1, span: 1, duration: 100n }),
        makeSpan({ trace: 1, span: 2, duration: 500n }),
      ]);
      expect(await findTraceNumbers(store, query({ durationMin: 200n, durationMax: 400n }))).toEqual([]);
      expect(await findTraceNumbers(store, query({ durationMin: 400n, durationMax: 600n }))).toEqual([1]);
    });
  });
}
