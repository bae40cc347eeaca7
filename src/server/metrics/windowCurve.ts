/**
 * What the embedded backend reads from the slot tiers for one range query: per group of series,
 * the count in any window (a, b] among the announced edges — running totals over whole slots,
 * plus the slot holding the edge estimated from its entries' observed end times.
 */
import type { SlotTier } from './slotTier';

/** Just what a curve needs of a series. */
interface Member {
  readonly id: number;
}

interface TierTotals {
  first: number;
  last: number;
  rowOf: Map<number, number>;
  data: Float64Array;
}

/** The groups of one query and their running totals at the window edges, built per tier on first use. */
export class CurveBank {
  readonly ids: (readonly number[])[];
  private readonly groupsOf = new Map<number, number[]>();
  private readonly built = new Map<SlotTier, TierTotals>();

  constructor(
    readonly tiers: readonly SlotTier[],
    groups: readonly (readonly Member[])[],
    private readonly edges: readonly number[],
    readonly width: number,
    readonly nowMs: number,
  ) {
    this.ids = groups.map((members, g) => {
      for (const m of members) {
        const list = this.groupsOf.get(m.id);
        if (list) list.push(g);
        else this.groupsOf.set(m.id, [g]);
      }
      return [...new Set(members.map((m) => m.id))];
    });
  }

  totals(tier: SlotTier): TierTotals {
    let t = this.built.get(tier);
    if (!t) {
      const { slotMs } = tier.spec;
      const covered = tier.coveredFromMs(this.nowMs);
      const lowest = this.edges.reduce((m, x) => Math.min(m, x), Infinity);
      const highest = this.edges.reduce((m, x) => Math.max(m, x), -Infinity);
      const first = Math.floor(Math.max(lowest, covered) / slotMs);
      const last = Math.floor(Math.min(highest, this.nowMs) / slotMs);
      // The rows an edge can need: its own slot, clamped to the range, and a clamped window start.
      const wanted = new Set<number>([first, last + 1]);
      for (const x of [...this.edges, covered - 1])
        wanted.add(Math.min(last + 1, Math.max(first, Math.floor(x / slotMs))));
      const sorted = [...wanted].sort((a, b) => a - b);
      const { rowOf, data } = tier.runningTotals(this.groupsOf, this.ids.length, first, sorted, this.width);
      t = { first, last, rowOf, data };
      this.built.set(tier, t);
    }
    return t;
  }
}

/**
 * The running count of a group of series as a function of time: whole slots from the running
 * totals, the slot holding the window edge from its entries' observed spans.
 */
export class WindowCurve {
  constructor(
    private readonly bank: CurveBank,
    private readonly group: number,
  ) {}

  /**
   * Count per bucket (or the total, width 1) in (a, b], as Prometheus selects samples: from
   * the finest tier that covers a, or from the one reaching furthest back over the part it
   * still covers; null when no tier reaches into the window. a and b must be among the edges
   * the curve was built for.
   */
  increase(a: number, b: number): Float64Array | null {
    const { tiers, nowMs } = this.bank;
    let tier = tiers.find((t) => t.coveredFromMs(nowMs) <= a);
    if (!tier) {
      // The tier reaching furthest back (normally the coarsest; not if the memory cap bit it).
      tier = tiers.reduce((best, t) => (t.coveredFromMs(nowMs) < best.coveredFromMs(nowMs) ? t : best));
      const covered = tier.coveredFromMs(nowMs);
      if (b < covered) return null;
      // (a, b] over what is left: from `covered` on, inclusive (times are whole milliseconds).
      a = covered - 1;
    }
    const out = new Float64Array(this.bank.width);
    this.addAt(tier, b, 1, out);
    this.addAt(tier, a, -1, out);
    return out;
  }

  /** Adds sign × the count that ended at or before x. */
  private addAt(tier: SlotTier, x: number, sign: number, out: Float64Array): void {
    const { first, last, rowOf, data } = this.bank.totals(tier);
    const w = this.bank.width;
    const k = Math.min(last + 1, Math.max(first, Math.floor(x / tier.spec.slotMs)));
    const row = rowOf.get(k);
    if (row === undefined) throw new Error(`window edge ${x} was not announced to curves()`);
    const at = (row * this.bank.ids.length + this.group) * w;
    for (let j = 0; j < w; j++) out[j] += sign * data[at + j];
    if (k <= last) tier.addPartial(this.bank.ids[this.group], k, x, w, sign, out);
  }
}
