/**
 * Fixed-width rows of counts in one growable Uint32Array, each found by a numeric key (a series
 * id) through an open-addressing hash table: the entries of one span-metrics history slot, or
 * the edges of one topology bucket.
 *
 * Every ingested span looks its row up in several of these (one per history tier, one per
 * topology bucket), and live traffic spreads its spans over many of them: a batch holds spans
 * that ended over the last minutes, a backfill over hours. A Map per slot made each lookup a
 * builtin call plus a walk through the Map's own bucket and entry arrays, each a likely cache
 * miss; here the probe is a typed-array read done inline, and the key sits at the end of its
 * row, so checking it reads memory the caller is about to write anyway. It also takes less
 * memory than the Map did: 4–8 bytes of table and 8 of key per row.
 *
 * Rows are never removed one by one: a slot lives and dies whole (retention, memory cap), and a
 * series the aggregator forgot keeps its rows until its slot goes.
 */

/** Golden-ratio multiplier (Fibonacci hashing): consecutive keys spread over the table. */
const HASH_MULTIPLIER = 0x9e3779b1;
const INITIAL_ROWS = 4;
const TWO_32 = 2 ** 32;
/** Exact: a power of two. Multiplying by it spares a division. */
const INVERSE_TWO_32 = 1 / TWO_32;
/** Each row ends with its key: the low 32 bits, then the bits above (keys are below 2^53). */
export const KEY_WORDS = 2;

export class SlotRows {
  /** Rows held. */
  count = 0;
  /** Numbers per row: the caller's fields, then KEY_WORDS for the key. */
  readonly stride: number;
  /** `stride` numbers per row, row-major; grown by doubling. Fields start at row × stride. */
  data: Uint32Array;
  /** Row + 1 per table place, 0 for a free place; at most half full. */
  private table: Int32Array;
  /** 32 - log2(table length): the multiplicative hash keeps the top bits. */
  private shift: number;

  /** @param fields the caller's numbers per row, zero in a new row. */
  constructor(fields: number) {
    this.stride = fields + KEY_WORDS;
    this.data = new Uint32Array(INITIAL_ROWS * this.stride);
    this.table = new Int32Array(INITIAL_ROWS * 2);
    this.shift = 32 - Math.log2(INITIAL_ROWS * 2);
  }

  /** The row of `key` (a whole number, 0 ≤ key < 2^53), or -1 when it has none. */
  rowOf(key: number): number {
    const table = this.table;
    const mask = table.length - 1;
    const data = this.data;
    const stride = this.stride;
    // `>>> 0` is the key modulo 2^32 (ToUint32), without a floating-point remainder.
    const low = key >>> 0;
    const high = (key - low) * INVERSE_TWO_32;
    for (let at = Math.imul(key, HASH_MULTIPLIER) >>> this.shift; ; at = (at + 1) & mask) {
      const entry = table[at];
      if (entry === 0) return -1;
      const end = entry * stride;
      if (data[end - 2] === low && data[end - 1] === high) return entry - 1;
    }
  }

  /** The key of row `row` (0 ≤ row < count). */
  keyOf(row: number): number {
    const end = (row + 1) * this.stride;
    return this.data[end - 1] * TWO_32 + this.data[end - 2];
  }

  /** Adds a zeroed row for `key`, which must not have one yet; returns it. */
  insert(key: number): number {
    const row = this.count;
    if ((row + 1) * this.stride > this.data.length) this.grow();
    this.count = row + 1;
    const end = (row + 1) * this.stride;
    const low = key >>> 0;
    this.data[end - 2] = low;
    this.data[end - 1] = (key - low) * INVERSE_TWO_32;
    this.place(key, row);
    return row;
  }

  private place(key: number, row: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let at = Math.imul(key, HASH_MULTIPLIER) >>> this.shift;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = row + 1;
  }

  private grow(): void {
    const rows = (this.data.length / this.stride) * 2;
    const data = new Uint32Array(rows * this.stride);
    data.set(this.data);
    this.data = data;
    this.table = new Int32Array(rows * 2);
    this.shift = 32 - Math.log2(rows * 2);
    for (let row = 0; row < this.count; row++) this.place(this.keyOf(row), row);
  }
}
