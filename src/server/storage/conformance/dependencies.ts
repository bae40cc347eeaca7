/** Conformance: service dependency links over traces inside a time window (Jaeger §7). */
import { describe, expect, it } from 'vitest';
import { StoreQueryError, type TraceStore } from '../traceStore';
import type { ConformanceContext } from './harness';
import { makeResource, makeSpan, T0 } from './spans';

export function describeDependencies({ open }: ConformanceContext): void {
  describe('getDependencies', () => {
    const frontend = makeResource('frontend');
    const driver = makeResource('driver');
    const redis = makeResource('redis');

    async function openWithCalls(): Promise<TraceStore> {
      const store = await open();
      await store.writeSpans([
        makeSpan({ trace: 1, span: 1, resource: frontend }),
        makeSpan({ trace: 1, span: 2, parent: 1, resource: frontend }),
        makeSpan({ trace: 1, span: 3, parent: 1, resource: driver }),
        makeSpan({ trace: 1, span: 4, parent: 99, resource: redis }),
        makeSpan({ trace: 2, span: 1, resource: frontend, start: 5000n }),
      ]);
      // The parent of this span arrived in the previous batch.
      await store.writeSpans([makeSpan({ trace: 2, span: 2, parent: 1, resource: driver, start: 5000n })]);
      return store;
    }
    const sorted = (links: { parent: string; child: string; callCount: number }[]) =>
      [...links].sort((a, b) => `${a.parent}>${a.child}`.localeCompare(`${b.parent}>${b.child}`));

    it('counts calls per service pair, self-edges included, unknown parents skipped', async () => {
      const store = await openWithCalls();
      expect(sorted(await store.getDependencies(T0 - 1n, T0 + 1_000_000n))).toEqual([
        { parent: 'frontend', child: 'driver', callCount: 2 },
        { parent: 'frontend', child: 'frontend', callCount: 1 },
      ]);
    });

    it('only takes traces strictly inside the window', async () => {
      const store = await openWithCalls();
      // Trace 1 starts exactly at T0; trace 2 ends exactly at T0 + 6000.
      expect(await store.getDependencies(T0, T0 + 1_000_000n)).toEqual([
        { parent: 'frontend', child: 'driver', callCount: 1 },
      ]);
      expect(sorted(await store.getDependencies(T0 - 1n, T0 + 6000n))).toEqual([
        { parent: 'frontend', child: 'driver', callCount: 1 },
        { parent: 'frontend', child: 'frontend', callCount: 1 },
      ]);
    });

    it('rejects a missing start and an end before the start', async () => {
      const store = await open();
      await expect(store.getDependencies(0n, T0)).rejects.toBeInstanceOf(StoreQueryError);
      await expect(store.getDependencies(T0, T0 - 1n)).rejects.toBeInstanceOf(StoreQueryError);
    });
  });
}
