/**
 * The insertion sequence numbers of the traces that carry one indexed value, ascending.
 *
 * Ascending order gives both cheap operations the memory store needs: a search walks from the end
 * (newest first) and eviction always drops the globally oldest trace, which sits at the front.
 * The front is dropped by moving `head`, and the array is compacted once half of it is dead.
 */
const MIN_COMPACTION = 64;

export class PostingList {
  private seqs: number[];
  private head = 0;
  /**
   * The last live entry, -1 when empty: the spans of a trace are filed one after another and
   * repeat most values, so most `add` calls stop here without reading the array.
   */
  private newest: number;

  private constructor(seqs: number[]) {
    this.seqs = seqs;
    this.newest = seqs.length > 0 ? seqs[seqs.length - 1] : -1;
  }

  /** The list of the given sequences, which must be ascending and distinct. */
  static of(...seqs: number[]): PostingList {
    return new PostingList(seqs);
  }

  get length(): number {
    return this.seqs.length - this.head;
  }

  /** The i-th live entry, oldest first (0 ≤ i < length). */
  at(i: number): number {
    return this.seqs[this.head + i];
  }

  add(seq: number): void {
    const newest = this.newest;
    // The common cases: another span of the trace just added, or a new trace (largest sequence).
    if (seq === newest) return;
    if (seq > newest) {
      this.seqs.push(seq);
      this.newest = seq;
      return;
    }
    // Spans arriving late for an older trace: keep the order, skip duplicates.
    const pos = this.lowerBound(seq);
    if (this.seqs[pos] !== seq) this.seqs.splice(pos, 0, seq);
  }

  /** Drops `seq` if it is the oldest entry; returns whether the list is now empty. */
  removeOldest(seq: number): boolean {
    if (this.head < this.seqs.length && this.seqs[this.head] === seq) {
      this.head++;
      if (this.head >= MIN_COMPACTION && this.head * 2 >= this.seqs.length) {
        this.seqs = this.seqs.slice(this.head);
        this.head = 0;
      }
      if (this.head === this.seqs.length) this.newest = -1;
    }
    return this.length === 0;
  }

  has(seq: number): boolean {
    const pos = this.lowerBound(seq);
    return pos < this.seqs.length && this.seqs[pos] === seq;
  }

  /** First index in the live part whose sequence is ≥ seq. */
  private lowerBound(seq: number): number {
    let lo = this.head;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Most values of high-cardinality attributes (request IDs, URLs with IDs) belong to one trace
 * only; for those a bare sequence number stands in for a whole PostingList object.
 */
export type Postings = PostingList | number;

export function addPosting(map: Map<string, Postings>, value: string, seq: number): void {
  const postings = map.get(value);
  if (postings === undefined) map.set(value, seq);
  else if (typeof postings !== 'number') postings.add(seq);
  else if (postings !== seq)
    map.set(value, postings < seq ? PostingList.of(postings, seq) : PostingList.of(seq, postings));
}

/** Removes the oldest trace `seq` from a value's postings, and the value once nothing is left. */
export function removeOldestPosting(map: Map<string, Postings>, value: string, seq: number): void {
  const postings = map.get(value);
  if (postings === undefined) return;
  const empty = typeof postings === 'number' ? postings === seq : postings.removeOldest(seq);
  if (empty) map.delete(value);
}

export function asPostingList(postings: Postings): PostingList {
  return typeof postings === 'number' ? PostingList.of(postings) : postings;
}
