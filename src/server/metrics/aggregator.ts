/**
 * Span metrics computed from ingested spans, as the OpenTelemetry spanmetrics connector in
 * Jaeger's SPM setup does: per (service, span name, span kind, status code) a call counter and
 * a duration histogram with the connector's default buckets.
 *
 * Two views of the same counts:
 * - cumulative totals since start, for the Prometheus exposition (`GET /metrics`);
 * - a history in time slots for the embedded range queries (`/api/metrics/*`).
 *
 * Time: a span counts at its END time. A call is over, and its duration known, only when the
 * span ends, and the connector counts it when the finished span arrives — for live traffic
 * that is within an export interval of its end. End time (rather than arrival time) keeps the
 * result deterministic and unaffected by batching delays; an end time in the future (clock
 * skew) is counted "now", so nothing lands in slots no query can see yet.
 *
 * Memory is bounded three ways (the oldest goes first in each):
 * - history resolution tiers, by default 15 s slots for 3 h and 5 min slots for 2 days; a
 *   query window uses the finest tier that still covers it;
 * - at most `maxSlotEntries` (slot, series) count rows across the tiers (default 500 000,
 *   ≈ 90 MB at 170–180 bytes each, slack included): past it the oldest slot is dropped,
 *   shortening the history;
 * - at most `maxSeries` series (default 10 000): past it the least recently updated series is
 *   forgotten (its history then ages out with its slots). The connector instead folds
 *   overflow into one series; forgetting keeps every label honest.
 */
import { EMPTY_SERVICE_NAME, MISSING_SERVICE_NAME, WRONG_TYPE_SERVICE_NAME } from '../../core/otlp/resource';
import { SpanKind, StatusCode, type Resource, type Span } from '../../core/model/trace';
import { BUCKET_COUNT, bucketIndex } from './histogram';
import { SlotTier, type TierSpec } from './slotTier';
import { CurveBank, WindowCurve } from './windowCurve';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_TIERS: readonly TierSpec[] = Object.freeze([
  { slotMs: 15_000, retentionMs: 3 * HOUR },
  { slotMs: 5 * MINUTE, retentionMs: 48 * HOUR },
]);

export const SPAN_KIND_LABELS: Record<SpanKind, string> = {
  [SpanKind.Unspecified]: 'SPAN_KIND_UNSPECIFIED',
  [SpanKind.Internal]: 'SPAN_KIND_INTERNAL',
  [SpanKind.Server]: 'SPAN_KIND_SERVER',
  [SpanKind.Client]: 'SPAN_KIND_CLIENT',
  [SpanKind.Producer]: 'SPAN_KIND_PRODUCER',
  [SpanKind.Consumer]: 'SPAN_KIND_CONSUMER',
};

export const STATUS_CODE_LABELS: Record<StatusCode, string> = {
  [StatusCode.Unset]: 'STATUS_CODE_UNSET',
  [StatusCode.Ok]: 'STATUS_CODE_OK',
  [StatusCode.Error]: 'STATUS_CODE_ERROR',
};

/**
 * The connector skips resources without `service.name`. Ingest has already replaced a missing,
 * empty or non-string one with these placeholders; none is a service anyone can query for.
 */
const NO_SERVICE = new Set([MISSING_SERVICE_NAME, EMPTY_SERVICE_NAME, WRONG_TYPE_SERVICE_NAME]);

export interface SpanMetricsSeries {
  readonly id: number;
  readonly service: string;
  readonly spanName: string;
  readonly spanKind: string;
  readonly statusCode: string;
  /** Cumulative since the series appeared. */
  calls: number;
  /** Cumulative count per bucket (not summed across buckets), the last one +Inf. */
  readonly buckets: Float64Array;
  sumMs: number;
  /** Earliest time the series has a count at: before it, the series did not exist. */
  firstSeenMs: number;
}

interface SeriesRecord extends SpanMetricsSeries {
  /** The batch in which it last moved to the LRU tail. */
  movedIn: number;
  /** Its neighbours in the LRU list (least recently updated first). */
  older: SeriesRecord | null;
  newer: SeriesRecord | null;
  /** Its place in the kind × status array of `byName`. */
  readonly labelIndex: number;
}

const STATUS_COUNT = 3;
const MAX_KIND = SpanKind.Consumer;
const MAX_STATUS = StatusCode.Error;
/** One place per (span kind, status code) pair. */
const LABEL_PAIRS = 6 * STATUS_COUNT;

export interface AggregatorOptions {
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
  maxSeries?: number;
  maxSlotEntries?: number;
  /** Finest first. */
  tiers?: readonly TierSpec[];
}

export class SpanMetricsAggregator {
  readonly now: () => number;
  private readonly maxSeries: number;
  private readonly maxSlotEntries: number;
  private readonly tiers: SlotTier[];
  /**
   * Every live series, least recently updated first: eviction takes the head, and a series
   * moves to the tail by relinking two neighbours, without hashing anything.
   */
  private oldest: SeriesRecord | null = null;
  private newest: SeriesRecord | null = null;
  private seriesCount = 0;
  /**
   * The live series by service, then span name, then kind × status: what each span looks up,
   * without building a key string for it.
   */
  private readonly byName = new Map<string, Map<string, (SeriesRecord | undefined)[]>>();
  private nextId = 1;
  /** Observe-call counter: a series moves to the LRU tail at most once per batch. */
  private batch = 0;

  constructor(options: AggregatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxSeries = options.maxSeries ?? 10_000;
    this.maxSlotEntries = options.maxSlotEntries ?? 500_000;
    this.tiers = [...(options.tiers ?? DEFAULT_TIERS)]
      .sort((a, b) => a.slotMs - b.slotMs)
      .map((spec) => new SlotTier(spec));
  }

  /** Counts one accepted batch; usable directly as an ingest pipeline observer. */
  readonly observe = (spans: readonly Span[]): void => {
    const nowMs = this.now();
    this.batch++;
    // A batch holds its spans resource by resource: the service is looked up when it changes.
    let resource: Resource | undefined;
    let names: Map<string, (SeriesRecord | undefined)[]> | undefined;
    for (const span of spans) {
      if (span.resource !== resource) {
        resource = span.resource;
        names = NO_SERVICE.has(resource.serviceName) ? undefined : this.namesOf(resource.serviceName);
      }
      if (names === undefined) continue;
      const k = span.kind;
      const kind = k >= 0 && k <= MAX_KIND && Math.floor(k) === k ? k : SpanKind.Unspecified;
      const c = span.status.code;
      const status = c >= 0 && c <= MAX_STATUS && Math.floor(c) === c ? c : StatusCode.Unset;
      const durationNs = span.endTimeUnixNano - span.startTimeUnixNano;
      const durationMs = durationNs > 0n ? Number(durationNs) / 1e6 : 0;
      const atMs = Math.min(Number(span.endTimeUnixNano / 1_000_000n), nowMs);
      const s = this.touch(names, resource.serviceName, span.name, kind, status, atMs);
      const bucket = bucketIndex(durationMs);
      s.calls++;
      s.buckets[bucket]++;
      s.sumMs += durationMs;
      for (const tier of this.tiers) tier.add(s.id, atMs, bucket, nowMs);
    }
    this.enforceLimits(nowMs);
  };

  /** The series of a service by span name, created empty; only `forget` removes it. */
  private namesOf(service: string): Map<string, (SeriesRecord | undefined)[]> {
    let names = this.byName.get(service);
    if (names === undefined) this.byName.set(service, (names = new Map()));
    return names;
  }

  private touch(
    names: Map<string, (SeriesRecord | undefined)[]>,
    service: string,
    spanName: string,
    kind: SpanKind,
    status: StatusCode,
    atMs: number,
  ) {
    let pairs = names.get(spanName);
    if (pairs === undefined) names.set(spanName, (pairs = new Array<undefined>(LABEL_PAIRS).fill(undefined)));
    const labelIndex = kind * STATUS_COUNT + status;
    let s = pairs[labelIndex];
    if (s) {
      if (atMs < s.firstSeenMs) s.firstSeenMs = atMs;
      if (s.movedIn === this.batch) return s;
      this.unlink(s);
    } else {
      const spanKind = SPAN_KIND_LABELS[kind];
      const statusCode = STATUS_CODE_LABELS[status];
      s = {
        id: this.nextId++,
        service,
        spanName,
        spanKind,
        statusCode,
        calls: 0,
        buckets: new Float64Array(BUCKET_COUNT),
        sumMs: 0,
        firstSeenMs: atMs,
        movedIn: 0,
        older: null,
        newer: null,
        labelIndex,
      };
      pairs[labelIndex] = s;
      this.seriesCount++;
    }
    this.linkNewest(s);
    s.movedIn = this.batch;
    return s;
  }

  private linkNewest(s: SeriesRecord): void {
    s.older = this.newest;
    s.newer = null;
    if (this.newest !== null) this.newest.newer = s;
    else this.oldest = s;
    this.newest = s;
  }

  private unlink(s: SeriesRecord): void {
    if (s.older !== null) s.older.newer = s.newer;
    else this.oldest = s.newer;
    if (s.newer !== null) s.newer.older = s.older;
    else this.newest = s.older;
    s.older = null;
    s.newer = null;
  }

  private forget(s: SeriesRecord): void {
    this.unlink(s);
    this.seriesCount--;
    const names = this.byName.get(s.service);
    const pairs = names?.get(s.spanName);
    if (names === undefined || pairs === undefined) return;
    pairs[s.labelIndex] = undefined;
    // High-cardinality span names must not leave empty entries behind.
    if (pairs.every((p) => p === undefined)) names.delete(s.spanName);
    if (names.size === 0) this.byName.delete(s.service);
  }

  private enforceLimits(nowMs: number): void {
    while (this.seriesCount > this.maxSeries && this.oldest !== null) this.forget(this.oldest);
    for (const tier of this.tiers) tier.expire(nowMs);
    let total = this.tiers.reduce((n, t) => n + t.entries, 0);
    while (total > this.maxSlotEntries) {
      // The globally oldest slot goes first; on a tie the coarser tier gives it up.
      let victim: SlotTier | undefined;
      for (const tier of this.tiers) {
        const oldest = tier.oldestSlotMs();
        if (oldest !== undefined && (!victim || oldest <= (victim.oldestSlotMs() ?? Infinity))) victim = tier;
      }
      if (!victim) break;
      victim.dropOldest();
      total = this.tiers.reduce((n, t) => n + t.entries, 0);
    }
  }

  /** The live series, least recently updated first (callers should not rely on an order). */
  allSeries(): SpanMetricsSeries[] {
    const out: SpanMetricsSeries[] = [];
    for (let s = this.oldest; s !== null; s = s.newer) out.push(s);
    return out;
  }

  /**
   * What a range query reads for each group of series: one curve per group, all built together
   * (lazily per tier) for the window edges the query will ask about.
   */
  curves(
    groups: readonly (readonly SpanMetricsSeries[])[],
    edges: readonly number[],
    width: 1 | 17,
  ): WindowCurve[] {
    const nowMs = this.now();
    for (const tier of this.tiers) tier.expire(nowMs);
    const bank = new CurveBank(this.tiers, groups, edges, width, nowMs);
    return groups.map((_, g) => new WindowCurve(bank, g));
  }

  stats(): { series: number; slotEntries: number } {
    return { series: this.seriesCount, slotEntries: this.tiers.reduce((n, t) => n + t.entries, 0) };
  }
}
