import { describe, expect, it } from 'vitest';
import { StatusCode } from '../../core/model/trace';
import { SlotRows } from '../metrics/slotRows';
import { makeSpan } from '../storage/conformance/spans';
import { edgeKey, edgeOf, merge, newSum, p95, record, ROW_FIELDS } from './callRows';

describe('edge keys', () => {
  it('give each (parent, child) pair its own key, and the pair back', () => {
    const seen = new Set<number>();
    for (let parent = 0; parent < 60; parent++) {
      for (let child = 0; child < 60; child++) {
        const key = edgeKey(parent, child);
        expect(edgeOf(key)).toEqual([parent, child]);
        seen.add(key);
      }
    }
    expect(seen.size).toBe(3600);
    // Small ids make small keys (integers the engine keeps unboxed).
    expect(edgeKey(59, 59)).toBeLessThan(60 * 60);
  });

  it('stay exact up to service ids of 2^26', () => {
    const big = 2 ** 26 - 1;
    for (const [parent, child] of [
      [big, big],
      [big, 0],
      [0, big],
      [big - 1, big],
      [big, big - 1],
      [12_345_678, 54_321],
    ]) {
      expect(edgeOf(edgeKey(parent, child))).toEqual([parent, child]);
    }
  });
});

describe('call rows', () => {
  it('count calls, errors and durations per key, and sum rows of several buckets', () => {
    const a = new SlotRows(ROW_FIELDS);
    const b = new SlotRows(ROW_FIELDS);
    const ok = makeSpan({ trace: 1, span: 1 });
    const failed = makeSpan({ trace: 1, span: 2, status: StatusCode.Error });
    record(a, 7, ok, 3);
    record(a, 7, failed, 3);
    record(a, 9, ok, 0);
    record(b, 7, ok, 16);
    const sum = newSum();
    merge(sum, a, a.rowOf(7));
    merge(sum, b, b.rowOf(7));
    expect([sum.count, sum.errors]).toEqual([3, 1]);
    expect(sum.histogram[3]).toBe(2);
    expect(sum.histogram[16]).toBe(1);
    expect(a.count).toBe(2);
    expect(p95(newSum())).toBeNull();
    expect(p95(sum)).toBeGreaterThan(0);
  });
});
