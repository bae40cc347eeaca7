/**
 * Span IDs to input positions without strings: a 16-hex-digit ID is two 32-bit integers, and an
 * open-addressing table over typed arrays answers lookups with no hashing of text and no per-entry
 * allocation, for decoders that read IDs straight from bytes.
 */

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < 10; d++) HEX_VALUE[0x30 + d] = d;
for (let d = 0; d < 6; d++) HEX_VALUE[0x61 + d] = 10 + d;

/** The value of 8 lower-case hex digits at `at`, or -1 when they are not that. */
export function hex8(bytes: Uint8Array, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) {
    const c = bytes[i];
    const digit = c < 128 ? HEX_VALUE[c] : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

function slotOf(hi: number, lo: number, mask: number): number {
  let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return h & mask;
}

export class SpanIdTable {
  /** Input position + 1 per slot; 0 is an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `hi` and `lo` hold the ID halves (as int32) of every input position the table will see. */
  constructor(
    private readonly hi: Int32Array,
    private readonly lo: Int32Array,
  ) {
    let size = 16;
    while (size < hi.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Adds position `i` unless its ID is already in; returns the position that holds the ID. */
  add(i: number): number {
    const h = this.hi[i];
    const l = this.lo[i];
    for (let s = slotOf(h, l, this.mask); ; s = (s + 1) & this.mask) {
      const held = this.slots[s] - 1;
      if (held < 0) {
        this.slots[s] = i + 1;
        return i;
      }
      if (this.hi[held] === h && this.lo[held] === l) return held;
    }
  }

  /** The position holding the ID (h, l), or -1. */
  get(h: number, l: number): number {
    for (let s = slotOf(h, l, this.mask); ; s = (s + 1) & this.mask) {
      const held = this.slots[s] - 1;
      if (held < 0) return -1;
      if (this.hi[held] === h && this.lo[held] === l) return held;
    }
  }
}
