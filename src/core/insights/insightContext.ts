/**
 * What every detector reads: the indexed trace, its critical path arranged for "how much of the
 * path lies in these rows during this window" questions, and the noise floor for latency findings.
 */
import type { CriticalSegment } from '../criticalPath/criticalPath';
import { attributeValueToString, type AttributeValue } from '../model/attributes';
import type { TraceIndex } from '../tree/traceIndex';
import { DEFAULT_THRESHOLDS, type InsightThresholds } from './insight';
import { mostlyDatabaseCalls } from './siblingGroups';

export class InsightContext {
  /** Microseconds the critical path covers: the trace's latency as the last root saw it. */
  readonly criticalUs: number;
  /** Time the critical path spends in each row itself, not in its children. */
  readonly selfCriticalUs: Float64Array;
  /** Latency findings below this are noise. */
  readonly noiseFloorUs: number;
  private readonly segStart: Float64Array;
  private readonly segEnd: Float64Array;
  private readonly segRow: Int32Array;
  /** `mostlyDatabaseCalls` of sibling groups, which staircases and N+1 calls both ask. */
  private readonly databaseGroups = new WeakMap<readonly number[], boolean>();

  constructor(
    readonly index: TraceIndex,
    critical: readonly CriticalSegment[],
    readonly thresholds: InsightThresholds = DEFAULT_THRESHOLDS,
  ) {
    const count = critical.length;
    this.segStart = new Float64Array(count);
    this.segEnd = new Float64Array(count);
    this.segRow = new Int32Array(count);
    this.selfCriticalUs = new Float64Array(index.spans.length);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const s = critical[i];
      this.segStart[i] = s.startUs;
      this.segEnd[i] = s.endUs;
      this.segRow[i] = s.row;
      this.selfCriticalUs[s.row] += s.endUs - s.startUs;
      total += s.endUs - s.startUs;
    }
    this.criticalUs = total;
    this.noiseFloorUs = Math.max(thresholds.minTimeAtStakeUs, thresholds.minShareOfCriticalPath * total);
  }

  /**
   * Critical-path time spent in rows `lo … hi - 1` between `fromUs` and `toUs`. Passing a row and
   * its `subtreeEnd` asks about a span and everything below it.
   */
  criticalTimeIn(lo: number, hi: number, fromUs: number, toUs: number): number {
    const { segStart, segEnd, segRow } = this;
    let total = 0;
    for (let i = this.firstSegmentEndingAfter(fromUs); i < segStart.length && segStart[i] < toUs; i++) {
      const row = segRow[i];
      if (row < lo || row >= hi) continue;
      total += Math.min(toUs, segEnd[i]) - Math.max(fromUs, segStart[i]);
    }
    return total;
  }

  /** Critical-path time inside a span's window, in it or below it. */
  criticalTimeOfSubtree(row: number): number {
    const { startUs, durationUs, subtreeEnd } = this.index;
    return this.criticalTimeIn(row, subtreeEnd[row], startUs[row], startUs[row] + durationUs[row]);
  }

  /**
   * Critical-path time between `fromUs` and `toUs` that work under `scope` accounts for: time in
   * its subtree, and time its ancestors spend on their own. Jaeger's critical path skips a child
   * that ends exactly when its next sibling starts and credits that stretch to the parent itself;
   * a parent "busy on its own" while `scope` runs is, in fact, waiting for it.
   */
  criticalTimeFor(scope: number, fromUs: number, toUs: number): number {
    const { parent, subtreeEnd } = this.index;
    const end = subtreeEnd[scope];
    const ancestors = new Set<number>();
    for (let a = parent[scope]; a >= 0; a = parent[a]) ancestors.add(a);
    const { segStart, segEnd, segRow } = this;
    let total = 0;
    for (let i = this.firstSegmentEndingAfter(fromUs); i < segStart.length && segStart[i] < toUs; i++) {
      const row = segRow[i];
      if ((row >= scope && row < end) || ancestors.has(row)) {
        total += Math.min(toUs, segEnd[i]) - Math.max(fromUs, segStart[i]);
      }
    }
    return total;
  }

  /**
   * `criticalTimeFor(scope, …)` over the windows of `rows` (calls under `scope`), overlapping
   * calls counted once.
   */
  criticalTimeDuring(scope: number, rows: readonly number[]): number {
    const { startUs } = this.index;
    const sorted = [...rows].sort((a, b) => startUs[a] - startUs[b]);
    let total = 0;
    let from = Number.NaN;
    let to = Number.NaN;
    for (const r of sorted) {
      if (startUs[r] <= to) {
        to = Math.max(to, this.endUs(r));
        continue;
      }
      if (to > from) total += this.criticalTimeFor(scope, from, to);
      from = startUs[r];
      to = this.endUs(r);
    }
    if (to > from) total += this.criticalTimeFor(scope, from, to);
    return total;
  }

  /** Segments are in time order and do not overlap: a binary search finds where a window starts. */
  private firstSegmentEndingAfter(us: number): number {
    const { segEnd } = this;
    let low = 0;
    let high = segEnd.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (segEnd[mid] <= us) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Segments of the critical path in one row itself, in time order. */
  segmentsOf(row: number): [startUs: number, endUs: number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.segRow.length; i++) {
      if (this.segRow[i] === row) out.push([this.segStart[i], this.segEnd[i]]);
    }
    return out;
  }

  /** Whether a group of calls is mostly database calls (siblingGroups.ts), worked out once per group. */
  mostlyDatabaseCalls(rows: readonly number[]): boolean {
    let database = this.databaseGroups.get(rows);
    if (database === undefined)
      this.databaseGroups.set(rows, (database = mostlyDatabaseCalls(this.index, rows)));
    return database;
  }

  endUs(row: number): number {
    return this.index.startUs[row] + this.index.durationUs[row];
  }

  attribute(row: number, key: string): AttributeValue | undefined {
    for (const a of this.index.spans[row].attributes) if (a.key === key) return a;
    return undefined;
  }

  /**
   * The first of `keys` the span has, as text; '' when it has none. One pass over the attributes:
   * a lazily decoded span looks its attributes up on every read.
   */
  text(row: number, keys: readonly string[]): string {
    let found: AttributeValue | undefined;
    let rank = keys.length;
    for (const a of this.index.spans[row].attributes) {
      const k = keys.indexOf(a.key);
      if (k < 0 || k >= rank) continue;
      found = a;
      rank = k;
      if (k === 0) break;
    }
    return found ? attributeValueToString(found) : '';
  }

  /** `service operation`, as the waterfall shows a span. */
  label(row: number): string {
    const { services, service, operations, operation } = this.index;
    return `${services[service[row]]} ${operations[operation[row]]}`;
  }

  operationName(row: number): string {
    return this.index.operations[this.index.operation[row]];
  }

  serviceName(row: number): string {
    return this.index.services[this.index.service[row]];
  }
}
