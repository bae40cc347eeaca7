/**
 * Jaeger's findLastFinishingChildSpan answers "which child ends last, among those ending before
 * T?", with T shrinking every time the walk returns to the span. Scanning every child each time
 * is quadratic in a fan-out (a batch job with 100k sequential children). Here each span gets a
 * max-heap of its children on its first visit: a question costs O(log k), and children that end
 * at or after T are discarded for good, since T only ever decreases.
 *
 * Spans are numbered locally: 0 is the root of the subtree being walked, `k` is row `root + k`.
 */
export class LastFinishingChildren {
  private readonly heapFrom: Int32Array;
  private readonly heapLen: Int32Array;
  /** Every span's heap lives in one pool: the heaps together hold each child at most once. */
  private readonly pool: Int32Array;
  private poolUsed = 0;

  constructor(
    private readonly root: number,
    /** Global: exclusive end row of each row's subtree. */
    private readonly subtreeEnd: Int32Array,
    /** Local: 1 when the span takes part in the path (blocking, inside its parent). */
    private readonly alive: Uint8Array,
    /** Local: end time after clipping to the parent. */
    private readonly end: Float64Array,
  ) {
    const size = alive.length;
    this.heapFrom = new Int32Array(size).fill(-1);
    this.heapLen = new Int32Array(size);
    this.pool = new Int32Array(size);
  }

  /**
   * The child of `span` that ends last, or, when `before` is given, last among those ending
   * strictly before it; -1 if none. A child that is returned is used up.
   */
  next(span: number, before?: number): number {
    if (this.heapFrom[span] < 0) this.build(span);
    const from = this.heapFrom[span];
    const { pool, end } = this;
    if (before !== undefined) {
      while (this.heapLen[span] > 0 && end[pool[from]] >= before) this.pop(span);
    }
    if (this.heapLen[span] === 0) return -1;
    const child = pool[from];
    this.pop(span);
    return child;
  }

  private build(span: number): void {
    const { root, subtreeEnd, alive, pool } = this;
    const from = this.poolUsed;
    let len = 0;
    const last = subtreeEnd[root + span] - root;
    for (let c = span + 1; c < last; c = subtreeEnd[root + c] - root) {
      if (alive[c] === 1) pool[from + len++] = c;
    }
    this.heapFrom[span] = from;
    this.heapLen[span] = len;
    this.poolUsed += len;
    for (let i = (len >> 1) - 1; i >= 0; i--) this.siftDown(from, len, i);
  }

  private pop(span: number): void {
    const from = this.heapFrom[span];
    const len = --this.heapLen[span];
    this.pool[from] = this.pool[from + len];
    this.siftDown(from, len, 0);
  }

  /** Later end first; on a tie the earlier-starting child, as Jaeger's strict `>` scan picks it. */
  private before(a: number, b: number): boolean {
    const ea = this.end[a];
    const eb = this.end[b];
    return ea > eb || (ea === eb && a < b);
  }

  private siftDown(from: number, len: number, i: number): void {
    const { pool } = this;
    const item = pool[from + i];
    for (;;) {
      let best = 2 * i + 1;
      if (best >= len) break;
      if (best + 1 < len && this.before(pool[from + best + 1], pool[from + best])) best++;
      if (!this.before(pool[from + best], item)) break;
      pool[from + i] = pool[from + best];
      i = best;
    }
    pool[from + i] = item;
  }
}
