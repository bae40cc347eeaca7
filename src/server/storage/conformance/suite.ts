/**
 * The behaviour every TraceStore must show, written against the interface only, so the memory
 * store and the SQLite store are held to the same Jaeger semantics (reference §1.4, §3, §7).
 * Call describeTraceStoreConformance from a store's *.test.ts file.
 */
import { describe } from 'vitest';
import type { TraceStore } from '../traceStore';
import { describeAgreementWithScan } from './agreesWithScan';
import { describeDependencies } from './dependencies';
import { describeEviction } from './eviction';
import { useStores, type StoreHarness } from './harness';
import { describeLimitAndOrder } from './limitAndOrder';
import { describeSearchKeys } from './searchKeys';
import { describeTimeAndDuration } from './timeAndDuration';
import { describeWrites } from './writes';

export function describeTraceStoreConformance<S extends TraceStore>(harness: StoreHarness<S>): void {
  describe(`${harness.name}: TraceStore conformance`, () => {
    const ctx = useStores(harness);
    describeWrites(ctx);
    describeSearchKeys(ctx);
    describeTimeAndDuration(ctx);
    describeLimitAndOrder(ctx);
    describeDependencies(ctx);
    describeEviction(ctx);
    describeAgreementWithScan(ctx);
  });
}
