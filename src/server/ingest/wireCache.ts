/**
 * Values recently decoded from the wire, found again by their bytes: the OTLP decoder's memo.
 *
 * Telemetry repeats itself: the same attribute keys, service and operation names, `GET`/`200`
 * attributes, trace IDs shared by the spans of a trace, and parent span IDs that are the span IDs
 * of other spans in the batch. Hashing the bytes and comparing them with the cached entry's costs
 * less than building the value again, and every span that repeats a value then shares one string
 * or object: fewer allocations to collect, less memory per stored span, and Map lookups on
 * pointer-equal keys whose hash is already computed (docs/adr/0009).
 *
 * Direct-mapped (one entry per slot, a new value replaces the old), bounded memory, no eviction
 * bookkeeping. Only immutable values may be cached: the same value is handed out again.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class WireCache<T> {
  /**
   * Per slot, the key's length in bytes (-1 for an empty slot), then the key as little-endian
   * 32-bit words, the last 1–3 bytes (if any) in one more word: the words `lookup` reads for the
   * hash are the ones it compares, four bytes at a time. The length sits next to the words so
   * that a lookup reads one place in memory, not two (most lookups miss the processor's caches).
   */
  private readonly words: Int32Array;
  /** Words per slot, the length included. */
  private readonly stride: number;
  private readonly values: (T | undefined)[];
  private readonly mask: number;
  /** The words of the key being looked up. */
  private readonly scratch: Int32Array;
  /** The slot the last `lookup` probed: where `remember` puts the value it missed. */
  slot = 0;

  /**
   * @param slotBits log2 of the number of entries.
   * @param maxBytes the longest key kept; longer byte ranges are never cached.
   */
  constructor(
    slotBits: number,
    readonly maxBytes: number,
  ) {
    const slots = 1 << slotBits;
    this.mask = slots - 1;
    this.stride = 1 + ((maxBytes + 3) >> 2);
    this.words = new Int32Array(slots * this.stride);
    for (let at = 0; at < this.words.length; at += this.stride) this.words[at] = -1;
    this.scratch = new Int32Array(this.stride);
    this.values = new Array<T | undefined>(slots).fill(undefined);
  }

  /** The value cached for `buf[start, end)`, or undefined (then `slot` is where it would go). */
  lookup(buf: Uint8Array, start: number, end: number): T | undefined {
    const length = end - start;
    if (length > this.maxBytes) return undefined;
    // FNV-1a over 4-byte words, then murmur3's finalizer so that every input bit reaches the slot bits.
    const scratch = this.scratch;
    let h = FNV_OFFSET;
    let i = start;
    let n = 0;
    for (; i + 4 <= end; i += 4) {
      const w = buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24);
      scratch[n++] = w;
      h = Math.imul(h ^ w, FNV_PRIME);
    }
    if (i < end) {
      let w = 0;
      for (let shift = 0; i < end; i++, shift += 8) {
        w |= buf[i] << shift;
        h = Math.imul(h ^ buf[i], FNV_PRIME);
      }
      scratch[n++] = w;
    }
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    const slot = (h ^ (h >>> 16)) & this.mask;
    this.slot = slot;
    const words = this.words;
    let at = slot * this.stride;
    if (words[at++] !== length) return undefined;
    for (let k = 0; k < n; k++, at++) if (words[at] !== scratch[k]) return undefined;
    return this.values[slot];
  }

  /** Caches `value` for `buf[start, end)` in `slot` (from the `lookup` that missed); too long, it is not. */
  remember(slot: number, buf: Uint8Array, start: number, end: number, value: T): void {
    if (end - start > this.maxBytes) return;
    const words = this.words;
    let at = slot * this.stride;
    words[at++] = end - start;
    let i = start;
    for (; i + 4 <= end; i += 4)
      words[at++] = buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24);
    if (i < end) {
      let w = 0;
      for (let shift = 0; i < end; i++, shift += 8) w |= buf[i] << shift;
      words[at] = w;
    }
    this.values[slot] = value;
  }
}
