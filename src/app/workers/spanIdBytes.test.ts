import { describe, expect, it } from 'vitest';
import { countIdBytes, rowOfIdBytes } from './spanIdBytes';

const ids = (...list: string[]) => new TextEncoder().encode(list.join(''));

describe('span IDs as bytes', () => {
  const bytes = ids('00000000000000a1', '00000000000000b2', '00000000000000a1', 'ffffffffffffffff');
  // Input positions 0…3 are shown in rows 2, 0, 3, 1.
  const rowOfInput = Int32Array.of(2, 0, 3, 1);

  it('finds the row of the first span with an ID, in any case and without leading zeros', () => {
    expect(rowOfIdBytes(bytes, '00000000000000a1', rowOfInput)).toBe(2);
    expect(rowOfIdBytes(bytes, 'B2', rowOfInput)).toBe(0);
    expect(rowOfIdBytes(bytes, 'FFFFFFFFFFFFFFFF', rowOfInput)).toBe(1);
    expect(rowOfIdBytes(bytes, '00000000000000c3', rowOfInput)).toBe(-1);
  });

  it('counts spans sharing an ID, and matches whole IDs only', () => {
    expect(countIdBytes(bytes, 'a1')).toBe(2);
    expect(countIdBytes(bytes, 'b2')).toBe(1);
    // Straddles two IDs: not an ID.
    expect(countIdBytes(bytes, '00000000a1000000')).toBe(0);
    expect(countIdBytes(bytes, 'not an id at all, too long')).toBe(0);
  });
});
