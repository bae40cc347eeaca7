import { describe, expect, it } from 'vitest';
import { SlotTier } from './slotTier';

/** 1 s slots kept 10 s: the tier caches 12 slots by index modulo 12. */
const spec = { slotMs: 1000, retentionMs: 10_000 };
const CACHE_PLACES = 12;
const ONE_GROUP = new Map([
  [1, [0]],
  [2, [0]],
]);

/** Calls counted in each slot from `first` to `last`, both included, for series 1 and 2 together. */
function perSlot(tier: SlotTier, first: number, last: number): number[] {
  const wanted = Array.from({ length: last - first + 2 }, (_, i) => first + i);
  const { rowOf, data } = tier.runningTotals(ONE_GROUP, 1, first, wanted, 1);
  const running = wanted.map((k) => data[rowOf.get(k) ?? -1]);
  return running.slice(1).map((total, i) => total - running[i]);
}

describe('SlotTier', () => {
  it('keeps slots apart when they share a place in its cache of recent slots', () => {
    const tier = new SlotTier(spec);
    const now = 100_000;
    const a = 90_000;
    const b = a + CACHE_PLACES * 1000;
    for (let i = 0; i < 5; i++) {
      tier.add(1, a + 10 * i, 0, now);
      tier.add(1, b + 10 * i, 0, now);
      tier.add(2, b, 3, now);
    }
    expect(tier.entries).toBe(3);
    const counts = perSlot(tier, 90, 102);
    expect(counts[0]).toBe(5);
    expect(counts[12]).toBe(10);
    expect(counts.reduce((n, c) => n + c, 0)).toBe(15);
  });

  it('starts a slot dropped and made again from empty', () => {
    const tier = new SlotTier(spec);
    tier.add(1, 95_500, 0, 100_000);
    tier.add(1, 95_600, 0, 100_000);
    tier.expire(110_000);
    expect(tier.entries).toBe(0);
    expect(tier.oldestSlotMs()).toBeUndefined();
    // The clock went back: the same slot index is written again.
    tier.add(1, 95_700, 0, 100_000);
    expect(tier.entries).toBe(1);
    expect(perSlot(tier, 95, 95)).toEqual([1]);
  });

  it('handles times before 1970 (negative slot indexes)', () => {
    const tier = new SlotTier(spec);
    tier.add(1, -1500, 0, 0);
    tier.add(2, -1500, 1, 0);
    tier.add(1, -500, 0, 0);
    expect(tier.entries).toBe(3);
    expect(perSlot(tier, -2, -1)).toEqual([2, 1]);
    expect(tier.oldestSlotMs()).toBe(-2000);
  });

  it('estimates a window edge inside a slot from the rows it finds by series id', () => {
    const tier = new SlotTier(spec);
    for (let id = 1; id <= 50; id++) tier.add(id, 5_000 + id * 10, 2, 10_000);
    const out = new Float64Array(1);
    // Series 2 ended at offset 20, series 40 at 400, inside slot 5; series 60 was never seen.
    tier.addPartial([2, 40, 60], 5, 5_500, 1, 1, out);
    expect(out[0]).toBe(2);
  });
});
