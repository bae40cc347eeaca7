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
 * - at most `maxSlotEntries` (slot, series) count arrays across the tiers (default 500 000,
 *   ≈ 55 MB at ~110 bytes each): past it the oldest slot is dropped, shortening the history;
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
  /** Its key in `series`. */
  readonly key: string;
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
  /** Insertion order is least-recently-updated first, which makes eviction O(1). */
  private readonly series = new Map<string, SeriesRecord>();
  /**
   * The same series by service, then span name, then kind × status: what each span looks up,
   * without building the `series` key for it.
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
      this.series.delete(s.key);
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
        key: `${service}\u0000${spanName}\u0000${spanKind}\u0000${statusCode}`,
        labelIndex,
      };
      pairs[labelIndex] = s;
    }
    this.series.set(s.key, s);
    s.movedIn = this.batch;
    return s;
  }

  private forget(s: SeriesRecord): void {
    this.series.delete(s.key);
    const names = this.byName.get(s.service);
    const pairs = names?.get(s.spanName);
    if (names === undefined || pairs === undefined) return;
    pairs[s.labelIndex] = undefined;
    // High-cardinality span names must not leave empty entries behind.
    if (pairs.every((p) => p === undefined)) names.delete(s.spanName);
    if (names.size === 0) this.byName.delete(s.service);
  }

  private enforceLimits(nowMs: number): void {
    while (this.series.size > this.maxSeries) {
      const oldest = this.series.values().next().value as SeriesRecord;
      this.forget(oldest);
    }
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

  /** The live series, in no particular order. */
  allSeries(): SpanMetricsSeries[] {
    return [...this.series.values()];
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
    return { series: this.series.size, slotEntries: this.tiers.reduce((n, t) => n + t.entries, 0) };
  }
}
