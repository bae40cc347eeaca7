import { describe, expect, it } from 'vitest';
import { SlotRows } from './slotRows';

const FIELDS = 20;

/** Inserts each id, writing `id` and `id + 1` into the first and last place of its row. */
function filled(ids: readonly number[]): SlotRows {
  const rows = new SlotRows(FIELDS);
  for (const id of ids) {
    const row = rows.insert(id);
    rows.data[row * rows.stride] = id % 2 ** 32;
    rows.data[row * rows.stride + FIELDS - 1] = (id + 1) % 2 ** 32;
  }
  return rows;
}

describe('SlotRows', () => {
  it('finds each row by key, in insertion order, and nothing else', () => {
    const rows = filled([7, 3, 12]);
    expect(rows.count).toBe(3);
    expect([rows.rowOf(7), rows.rowOf(3), rows.rowOf(12)]).toEqual([0, 1, 2]);
    expect([rows.keyOf(0), rows.keyOf(1), rows.keyOf(2)]).toEqual([7, 3, 12]);
    expect(rows.rowOf(1)).toBe(-1);
    expect(rows.rowOf(0)).toBe(-1);
    expect(filled([0]).rowOf(0)).toBe(0);
    expect(new SlotRows(FIELDS).rowOf(7)).toBe(-1);
  });

  it('keeps rows and their counts when it grows', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i * 7 + 1);
    const rows = filled(ids);
    expect(rows.count).toBe(1000);
    expect(rows.data.length).toBeGreaterThanOrEqual(1000 * rows.stride);
    ids.forEach((id, i) => {
      expect(rows.rowOf(id)).toBe(i);
      expect(rows.keyOf(i)).toBe(id);
      expect(rows.data[i * rows.stride]).toBe(id);
      expect(rows.data[i * rows.stride + FIELDS - 1]).toBe(id + 1);
    });
    expect(rows.rowOf(2)).toBe(-1);
  });

  it('tells apart ids that hash alike: equal low bits, and ids past 2^32', () => {
    // Multiples of a power of two, and ids equal modulo 2^32 (the hash sees only 32 bits).
    const ids = [
      ...Array.from({ length: 64 }, (_, i) => i * 1024),
      2 ** 32 + 5,
      5,
      2 ** 33 + 5,
      Number.MAX_SAFE_INTEGER,
    ];
    const rows = filled(ids);
    ids.forEach((id, i) => expect([rows.rowOf(id), rows.keyOf(i)]).toEqual([i, id]));
    expect(rows.rowOf(2 ** 34 + 5)).toBe(-1);
    expect(rows.rowOf(1024 * 64)).toBe(-1);
  });

  it('holds many series with random ids', () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed;
    };
    const ids = [...new Set(Array.from({ length: 20_000 }, () => random() * 1024 + (random() % 1024)))];
    const rows = filled(ids);
    expect(rows.count).toBe(ids.length);
    ids.forEach((id, i) => expect(rows.rowOf(id)).toBe(i));
    expect(rows.rowOf(2 ** 52)).toBe(-1);
  });
});
