/**
 * A hash table from a pair of non-negative int32s to an int32, with open addressing in one
 * Int32Array. Aligning a 100k-span trace whose every span has its own name asks it 200k times;
 * a Map keyed by `a * stride + b` spends most of that time boxing keys above 2^31.
 */
export class PairTable {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Int32Array(capacity * 2).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const { keys, mask } = this;
    for (let slot = hash(a, b) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot * 2];
      if (k === -1) return -1;
      if (k === a && keys[slot * 2 + 1] === b) return this.values[slot];
    }
  }

  /** Stores a value for a pair that is not in the table yet. */
  add(a: number, b: number, value: number): void {
    if ((this.size + 1) * 2 > this.values.length) this.grow();
    this.place(a, b, value);
    this.size++;
  }

  private place(a: number, b: number, value: number): void {
    const { keys, mask } = this;
    let slot = hash(a, b) & mask;
    while (keys[slot * 2] !== -1) slot = (slot + 1) & mask;
    keys[slot * 2] = a;
    keys[slot * 2 + 1] = b;
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    const capacity = values.length * 2;
    this.keys = new Int32Array(capacity * 2).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < values.length; slot++) {
      if (keys[slot * 2] !== -1) this.place(keys[slot * 2], keys[slot * 2 + 1], values[slot]);
    }
  }
}

function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}
