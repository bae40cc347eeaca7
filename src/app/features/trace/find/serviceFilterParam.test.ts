import { describe, expect, it } from 'vitest';
import { decodeServiceFilter, encodeServiceFilter, serviceListChecksum } from './serviceFilterParam';

// Services in a trace's first-seen order; the format works on them sorted: api, cache, db, web.
const SERVICES = ['web', 'api', 'db', 'cache'];

describe("Jaeger UI's svcFilter parameter", () => {
  it('hashes the sorted names as Jaeger UI does', () => {
    // 0x811c ^ 'a' (0x61) = 0x817d; 0x817d × 0x0101 = 8519293; & 0xffff = 0xfe7d.
    expect(serviceListChecksum(['a'])).toBe('fe7d');
    expect(serviceListChecksum(['api', 'db'])).not.toBe(serviceListChecksum(['db', 'api']));
  });

  it('writes the shown services as a bitmask over the sorted names', () => {
    const checksum = serviceListChecksum(['api', 'cache', 'db', 'web']);
    // Hiding cache (bit 1) and web (bit 3) leaves api and db: 0b0101.
    expect(encodeServiceFilter(SERVICES, [3, 0])).toBe(`${checksum}.5`);
    expect(encodeServiceFilter(SERVICES, [])).toBeNull();
  });

  it('reads it back into hidden services, and ignores what does not fit this trace', () => {
    const checksum = serviceListChecksum(['api', 'cache', 'db', 'web']);
    expect(decodeServiceFilter(SERVICES, `${checksum}.5`)).toEqual([0, 3]);
    expect(decodeServiceFilter(SERVICES, encodeServiceFilter(SERVICES, [2]) ?? '')).toEqual([2]);
    // Bits past the last service do not count.
    expect(decodeServiceFilter(SERVICES, `${checksum}.f5`)).toEqual([0, 3]);
    expect(decodeServiceFilter(SERVICES, 'ffff.5')).toBeNull(); // made for other services
    expect(decodeServiceFilter(SERVICES, `${checksum}.0`)).toBeNull(); // would hide everything
    expect(decodeServiceFilter(SERVICES, `${checksum}.f`)).toBeNull(); // hides nothing
    expect(decodeServiceFilter(SERVICES, `${checksum}.xyz`)).toBeNull();
    expect(decodeServiceFilter(SERVICES, '5')).toBeNull();
  });
});
