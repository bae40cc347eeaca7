/**
 * Span ID → position of its first span, for a whole trace at once: an open-addressing hash
 * table over typed arrays, keyed by the ID's 64 bits. At a million spans a Map of strings costs
 * seconds of growth and garbage collection on a large heap; this is two passes over flat memory.
 */

/** The lookup the adjusters need: the first position of an ID, or undefined. */
export interface SpanPositions {
  get(spanId: string): number | undefined;
}

/** The ID's high and low 32 bits, or false when it is not 16 lower-case hex digits. */
export function spanIdHalves(id: string, out: Int32Array): boolean {
  if (id.length !== 16) return false;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 16; i++) {
    const c = id.charCodeAt(i);
    // Lower case only: the model's IDs are lower-case, and 'AB' and 'ab' are different strings.
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return false;
    if (i < 8) hi = (hi << 4) | d;
    else lo = (lo << 4) | d;
  }
  out[0] = hi;
  out[1] = lo;
  return true;
}

class HexIdTable implements SpanPositions {
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  /** Position + 1; 0 = empty slot. */
  private readonly at: Int32Array;
  private readonly mask: number;
  private readonly key = new Int32Array(2);

  constructor(count: number) {
    let size = 16;
    while (size < count * 2) size *= 2;
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.at = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Records the ID at `position` unless known; returns the earlier position, or -1. */
  add(spanId: string, position: number): number {
    spanIdHalves(spanId, this.key);
    const slot = this.find(this.key[0], this.key[1]);
    if (this.at[slot] !== 0) return this.at[slot] - 1;
    this.hi[slot] = this.key[0];
    this.lo[slot] = this.key[1];
    this.at[slot] = position + 1;
    return -1;
  }

  get(spanId: string): number | undefined {
    if (!spanIdHalves(spanId, this.key)) return undefined;
    const slot = this.find(this.key[0], this.key[1]);
    return this.at[slot] === 0 ? undefined : this.at[slot] - 1;
  }

  private find(hi: number, lo: number): number {
    let slot = (Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 0) & this.mask;
    while (this.at[slot] !== 0 && (this.hi[slot] !== hi || this.lo[slot] !== lo))
      slot = (slot + 1) & this.mask;
    return slot;
  }
}

/**
 * The first position of every span ID, and whether any ID repeats. Falls back to a Map when an
 * ID is not 16 lower-case hex digits.
 */
export function indexSpanIds(
  spanIds: (i: number) => string,
  count: number,
): { positions: SpanPositions; repeated: boolean } {
  const key = new Int32Array(2);
  let hex = true;
  for (let i = 0; i < count && hex; i++) hex = spanIdHalves(spanIds(i), key);
  let repeated = false;
  if (hex) {
    const table = new HexIdTable(count);
    for (let i = 0; i < count; i++) if (table.add(spanIds(i), i) >= 0) repeated = true;
    return { positions: table, repeated };
  }
  const map = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const id = spanIds(i);
    if (map.has(id)) repeated = true;
    else map.set(id, i);
  }
  return { positions: map, repeated };
}
