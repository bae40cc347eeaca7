/**
 * How the conformance areas get stores: each store's test file supplies a harness, and every
 * store a test opens is closed after it.
 */
import { afterEach } from 'vitest';
import type { TraceStore } from '../traceStore';

export interface StoreHarness<S extends TraceStore = TraceStore> {
  name: string;
  open(opts: { maxTraces: number }): Promise<S>;
  /**
   * Finishes work a store defers (the SQLite store removes traces beyond maxTraces in the
   * background), so a test sees the steady state. Nothing to do for the memory store.
   */
  settle(store: S): Promise<void>;
}

export interface ConformanceContext {
  open(maxTraces?: number): Promise<TraceStore>;
  settle(store: TraceStore): Promise<void>;
}

/** Call inside a describe block: registers the afterEach that closes what a test opened. */
export function useStores<S extends TraceStore>(harness: StoreHarness<S>): ConformanceContext {
  const opened = new Map<TraceStore, S>();
  afterEach(async () => {
    for (const store of opened.values()) await store.close();
    opened.clear();
  });
  return {
    async open(maxTraces = 100) {
      const store = await harness.open({ maxTraces });
      opened.set(store, store);
      return store;
    },
    async settle(store) {
      const own = opened.get(store);
      if (own === undefined) throw new Error('settle: not a store opened by this context');
      await harness.settle(own);
    },
  };
}
