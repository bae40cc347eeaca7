import { describe, expect, it } from 'vitest';
import { addPosting, PostingList, removeOldestPosting, type Postings } from './postingList';

const entries = (list: PostingList) => Array.from({ length: list.length }, (_, i) => list.at(i));

describe('PostingList', () => {
  it('appends new traces, skips repeats of the newest and inserts late ones in order', () => {
    const list = PostingList.of();
    for (const seq of [1, 1, 4, 4, 4, 9, 2, 4, 2, 9, 0]) list.add(seq);
    expect(entries(list)).toEqual([0, 1, 2, 4, 9]);
    expect(list.has(4)).toBe(true);
    expect(list.has(3)).toBe(false);
  });

  it('takes traces again once eviction has emptied it', () => {
    const list = PostingList.of(3, 5);
    expect(list.removeOldest(3)).toBe(false);
    expect(list.removeOldest(5)).toBe(true);
    expect(list.length).toBe(0);
    // A sequence equal to the one just removed is a new trace for this list.
    list.add(5);
    list.add(6);
    list.add(6);
    expect(entries(list)).toEqual([5, 6]);
  });

  it('only drops the oldest entry, and compacts without losing the newest', () => {
    const list = PostingList.of();
    for (let seq = 0; seq < 200; seq++) list.add(seq);
    expect(list.removeOldest(7)).toBe(false);
    for (let seq = 0; seq < 150; seq++) list.removeOldest(seq);
    expect(list.length).toBe(50);
    list.add(199);
    list.add(200);
    expect(entries(list)).toEqual(Array.from({ length: 51 }, (_, i) => 150 + i));
    for (let seq = 150; seq <= 200; seq++) list.removeOldest(seq);
    expect(list.length).toBe(0);
    list.add(150);
    expect(entries(list)).toEqual([150]);
  });
});

describe('postings of a value', () => {
  it('holds one trace as a bare number, more as a list, and none as no entry', () => {
    const map = new Map<string, Postings>();
    addPosting(map, 'v', 4);
    addPosting(map, 'v', 4);
    expect(map.get('v')).toBe(4);
    addPosting(map, 'v', 2);
    expect(entries(map.get('v') as PostingList)).toEqual([2, 4]);
    removeOldestPosting(map, 'v', 2);
    removeOldestPosting(map, 'v', 4);
    expect(map.has('v')).toBe(false);
  });
});
