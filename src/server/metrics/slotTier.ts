/**
 * One resolution of the span-metrics history: per time slot, per series, the histogram counts
 * of the spans that ended in that slot, plus the first and last end time seen there (so a
 * window edge inside a slot is estimated from when spans really ended, not from the slot's
 * width: traffic that stops mid-slot is counted whole by a window ending after it).
 *
 * Slot-major, one packed Uint32Array per slot (slotRows.ts): dropping the oldest slot (retention
 * or the memory cap) is one Map delete, series forgotten by the aggregator simply age out with
 * their slots, and an entry costs 88 bytes of row plus its share of the slot's hash table and of
 * the doubling array's slack: 170–180 bytes measured (10 % less than with a Map per slot).
 */
import { BUCKET_COUNT as BUCKETS } from './histogram';
import { KEY_WORDS, SlotRows } from './slotRows';

export interface TierSpec {
  /** Width of one slot; must stay below 2^32 ms (the in-slot offsets are Uint32). */
  slotMs: number;
  /** How far back this tier keeps slots. */
  retentionMs: number;
}

// A module-local copy: an imported binding can compile to a getter call in the hot loops below.
const BUCKET_COUNT = BUCKETS;
const NO_GROUPS: readonly number[] = [];

/**
 * Per entry: the 17 bucket counts, their total (so plain call counts read one number), then the
 * first and last end-time offset (ms) in the slot.
 */
const TOTAL = BUCKET_COUNT;
const FIRST = BUCKET_COUNT + 1;
const LAST = BUCKET_COUNT + 2;
const STRIDE = BUCKET_COUNT + 3;
/** A row in memory: the numbers above, then the series id (slotRows.ts). */
const ROW_WIDTH = STRIDE + KEY_WORDS;
/** Enough for 3 hours of 15 s slots or 2 days of 5 min slots, both whole. */
const MAX_RECENT = 1024;

interface Slot {
  readonly index: number;
  readonly rows: SlotRows;
}

export class SlotTier {
  private readonly slots = new Map<number, Slot>();
  /** Slot indexes present, ascending (spans mostly end "now", so inserts are appends). */
  private readonly order: number[] = [];
  /** Everything before this time was dropped (memory cap), so windows must not reach back past it. */
  private evictedBeforeMs = -Infinity;
  /** Number of (slot, series) entries held, which is what the memory cap counts. */
  entries = 0;
  /**
   * Recently used slots by index modulo its length, in front of `slots`: the spans of a batch end
   * over minutes (hours in a backfill), so consecutive spans rarely share a slot, and an array
   * read here is cheaper than asking the Map. Only a cache: `slots` stays the truth.
   */
  private readonly recent: (Slot | undefined)[];

  constructor(readonly spec: TierSpec) {
    const span = Math.ceil(spec.retentionMs / spec.slotMs) + 2;
    this.recent = new Array<Slot | undefined>(Math.min(span, MAX_RECENT)).fill(undefined);
  }

  /** Earliest time from which this tier's data is complete. */
  coveredFromMs(nowMs: number): number {
    return Math.max(nowMs - this.spec.retentionMs, this.evictedBeforeMs);
  }

  add(seriesId: number, timeMs: number, bucket: number, nowMs: number): void {
    if (timeMs < this.coveredFromMs(nowMs)) return;
    const index = Math.floor(timeMs / this.spec.slotMs);
    const offset = Math.floor(timeMs - index * this.spec.slotMs);
    const at = this.recentPlace(index);
    let slot = this.recent[at];
    if (slot === undefined || slot.index !== index) {
      slot = this.slots.get(index) ?? this.newSlot(index);
      this.recent[at] = slot;
    }
    const rows = slot.rows;
    let row = rows.rowOf(seriesId);
    if (row < 0) {
      row = rows.insert(seriesId);
      rows.data[row * ROW_WIDTH + FIRST] = offset;
      rows.data[row * ROW_WIDTH + LAST] = offset;
      this.entries++;
    }
    const data = rows.data;
    const base = row * ROW_WIDTH;
    data[base + bucket]++;
    data[base + TOTAL]++;
    if (offset < data[base + FIRST]) data[base + FIRST] = offset;
    if (offset > data[base + LAST]) data[base + LAST] = offset;
  }

  /** Slot indexes are whole numbers, negative before 1970. */
  private recentPlace(index: number): number {
    const at = index % this.recent.length;
    return at < 0 ? at + this.recent.length : at;
  }

  private newSlot(index: number): Slot {
    const slot: Slot = { index, rows: new SlotRows(STRIDE) };
    this.slots.set(index, slot);
    let at = this.order.length;
    while (at > 0 && this.order[at - 1] > index) at--;
    this.order.splice(at, 0, index);
    return slot;
  }

  /** Start time of the oldest slot held, or undefined when empty. */
  oldestSlotMs(): number | undefined {
    return this.order.length ? this.order[0] * this.spec.slotMs : undefined;
  }

  /** Drops slots that fell out of the retention window. */
  expire(nowMs: number): void {
    const limit = Math.floor((nowMs - this.spec.retentionMs) / this.spec.slotMs);
    while (this.order.length && this.order[0] < limit) this.dropSlot(this.order[0]);
  }

  /** Drops the oldest slot to free memory; what it held is no longer answered for. */
  dropOldest(): void {
    const index = this.order[0];
    if (index === undefined) return;
    this.dropSlot(index);
    this.evictedBeforeMs = Math.max(this.evictedBeforeMs, (index + 1) * this.spec.slotMs);
  }

  private dropSlot(index: number): void {
    const at = this.recentPlace(index);
    if (this.recent[at]?.index === index) this.recent[at] = undefined;
    this.entries -= this.slots.get(index)?.rows.count ?? 0;
    this.slots.delete(index);
    this.order.shift();
  }

  /**
   * Running totals for several groups of series at once (the Monitor tab asks for every
   * operation of a service), in one pass over the slots: for each wanted slot index k (sorted),
   * per group, the sum of every slot in [first, k) — `width` numbers, 17 buckets or 1 total.
   * Only the rows a query reads are kept, so memory is rows × groups × width, not per slot.
   * `groupsOf` maps a series id to the groups it belongs to.
   */
  runningTotals(
    groupsOf: ReadonlyMap<number, readonly number[]>,
    groups: number,
    first: number,
    wanted: readonly number[],
    width: number,
  ): { rowOf: Map<number, number>; data: Float64Array } {
    const stride = groups * width;
    const running = new Float64Array(stride);
    const data = new Float64Array(wanted.length * stride);
    const rowOf = new Map<number, number>();
    let k = first;
    wanted.forEach((until, row) => {
      for (; k < until; k++) {
        const slot = this.slots.get(k);
        if (!slot) continue;
        const { count, data } = slot.rows;
        for (let r = 0; r < count; r++) {
          const base = r * ROW_WIDTH;
          for (const g of groupsOf.get(slot.rows.keyOf(r)) ?? NO_GROUPS) {
            if (width === 1) running[g] += data[base + TOTAL];
            else for (let b = 0; b < BUCKET_COUNT; b++) running[g * width + b] += data[base + b];
          }
        }
      }
      data.set(running, row * stride);
      rowOf.set(until, row);
    });
    return { rowOf, data };
  }

  /**
   * Adds `sign` × the part of slot `index` that ended at or before `x` into `out`: each entry's
   * counts spread evenly over the milliseconds from its first to its last end time, both
   * included. Called twice per point and group, so it allocates nothing.
   */
  addPartial(
    ids: readonly number[],
    index: number,
    x: number,
    width: number,
    sign: number,
    out: Float64Array,
  ): void {
    const slot = this.slots.get(index);
    if (!slot) return;
    const offset = x - index * this.spec.slotMs;
    const rows = slot.rows;
    const data = rows.data;
    for (let i = 0; i < ids.length; i++) {
      const row = rows.rowOf(ids[i]);
      if (row < 0) continue;
      const base = row * ROW_WIDTH;
      const first = data[base + FIRST];
      const frac = Math.min(1, Math.max(0, (offset - first + 1) / (data[base + LAST] + 1 - first)));
      if (frac === 0) continue;
      const f = sign * frac;
      if (width === 1) out[0] += data[base + TOTAL] * f;
      else for (let b = 0; b < BUCKET_COUNT; b++) out[b] += data[base + b] * f;
    }
  }
}
