/**
 * Working memory of the encoder (span ID halves and the ID table, 24 bytes a span), reused from
 * one encoding to the next. A million-span trace lives on a heap of a few GB, where V8 answers
 * every 64 MB of new typed arrays with a full garbage collection (seconds, single-threaded): the
 * buffer sent (~54 bytes a span) is the only large allocation an encoding should make.
 */

export class EncoderScratch {
  readonly idHi: Int32Array;
  readonly idLo: Int32Array;
  readonly parentHi: Int32Array;
  readonly parentLo: Int32Array;
  /** Open-addressing slots: input position + 1, 0 for an empty slot. */
  private readonly slots: Int32Array;
  private mask = 0;

  constructor(readonly capacity: number) {
    this.idHi = new Int32Array(capacity);
    this.idLo = new Int32Array(capacity);
    this.parentHi = new Int32Array(capacity);
    this.parentLo = new Int32Array(capacity);
    this.slots = new Int32Array(tableSize(capacity));
  }

  /** Empties the ID table for `n` spans (at most `capacity`). */
  resetTable(n: number): void {
    const size = tableSize(n);
    this.slots.fill(0, 0, size);
    this.mask = size - 1;
  }

  /** Adds position `i` (its ID in idHi/idLo) unless its ID is in; returns the position holding it. */
  add(i: number): number {
    const h = this.idHi[i];
    const l = this.idLo[i];
    for (let s = slotOf(h, l, this.mask); ; s = (s + 1) & this.mask) {
      const held = this.slots[s] - 1;
      if (held < 0) {
        this.slots[s] = i + 1;
        return i;
      }
      if (this.idHi[held] === h && this.idLo[held] === l) return held;
    }
  }

  /** The first position with the ID (h, l), or -1. */
  get(h: number, l: number): number {
    for (let s = slotOf(h, l, this.mask); ; s = (s + 1) & this.mask) {
      const held = this.slots[s] - 1;
      if (held < 0) return -1;
      if (this.idHi[held] === h && this.idLo[held] === l) return held;
    }
  }
}

function tableSize(n: number): number {
  let size = 16;
  while (size < n * 2) size *= 2;
  return size;
}

function slotOf(hi: number, lo: number, mask: number): number {
  let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return h & mask;
}

/** Scratch not in use, kept for the next encodings (two: a server encodes one or two traces at a time). */
const free: EncoderScratch[] = [];
const KEPT = 2;

/** Scratch for `n` spans, for the caller alone until it is released. */
export function acquireScratch(n: number): EncoderScratch {
  const fit = free.findIndex((s) => s.capacity >= n);
  if (fit >= 0) return free.splice(fit, 1)[0];
  return new EncoderScratch(n);
}

export function releaseScratch(scratch: EncoderScratch): void {
  if (free.length >= KEPT) free.sort((a, b) => b.capacity - a.capacity).pop();
  free.push(scratch);
}
