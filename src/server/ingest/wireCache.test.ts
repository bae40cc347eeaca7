import { describe, expect, it } from 'vitest';
import { WireCache } from './wireCache';

const bytes = (text: string) => Buffer.from(text, 'latin1');

function cached(cache: WireCache<string>, buf: Buffer, start = 0, end = buf.length): string | undefined {
  return cache.lookup(buf, start, end);
}

describe('WireCache', () => {
  it('finds a value again by equal bytes anywhere in another buffer', () => {
    const cache = new WireCache<string>(4, 16);
    const key = bytes('service.name');
    expect(cached(cache, key)).toBeUndefined();
    cache.remember(cache.slot, key, 0, key.length, 'first');
    const elsewhere = bytes('xx service.name yy');
    expect(cached(cache, elsewhere, 3, 15)).toBe('first');
  });

  it('never answers for different bytes, even those that share a slot', () => {
    // Two slots: most keys collide, so each lookup must compare the bytes.
    const cache = new WireCache<string>(1, 16);
    const keys = Array.from({ length: 20 }, (_, i) => bytes(`key-${i}`));
    for (const key of keys) {
      const hit = cached(cache, key);
      expect(hit === undefined || hit === key.toString('latin1')).toBe(true);
      cache.remember(cache.slot, key, 0, key.length, key.toString('latin1'));
    }
    // A prefix or extension of a cached key is another key.
    const last = keys[19];
    expect(cached(cache, last, 0, last.length - 1)).toBeUndefined();
    expect(cached(cache, bytes('key-19x'))).toBeUndefined();
  });

  it('keeps nothing longer than its limit, and replaces a slot on a miss', () => {
    const cache = new WireCache<string>(0, 4);
    const long = bytes('abcdef');
    expect(cached(cache, long)).toBeUndefined();
    cache.remember(cache.slot, long, 0, long.length, 'long');
    expect(cached(cache, long)).toBeUndefined();
    const a = bytes('ab');
    const b = bytes('cd');
    cached(cache, a);
    cache.remember(cache.slot, a, 0, 2, 'a');
    cached(cache, b);
    cache.remember(cache.slot, b, 0, 2, 'b');
    expect(cached(cache, b)).toBe('b');
    expect(cached(cache, a)).toBeUndefined();
  });

  it('tells an empty range from an empty slot', () => {
    const cache = new WireCache<string>(2, 8);
    const empty = bytes('');
    expect(cached(cache, empty)).toBeUndefined();
    cache.remember(cache.slot, empty, 0, 0, 'nothing');
    expect(cached(cache, empty)).toBe('nothing');
  });
});
