/**
 * Incremental service topology: parent service → child service calls counted as spans are
 * ingested (fed by `pipeline.observe`), so `/api/dependencies` and `/api/topology` answer by
 * summing a few time buckets instead of rescanning every stored span (0.6–1.4 s over 1M spans).
 *
 * Calls are bucketed by the child span's start time. Memory is bounded: at most
 * retention / bucketMs buckets, each holding only the edges and services active in it, plus one
 * interned name per service ever seen (as the stores' service catalogs, which never forget one).
 */
import { SpanKind, type Resource, type Span } from '../../core/model/trace';
import type { DependencyLink } from '../storage/traceStore';
import { bucketIndex } from '../metrics/histogram';
import { SlotRows } from '../metrics/slotRows';
import { edgeKey, edgeOf, merge, newSum, p95, record, ROW_FIELDS, type Sum } from './callRows';
import { TraceLinker, type TraceLinkerOptions } from './traceLinker';

export interface TopologyNode {
  service: string;
  callsPerSecond: number;
  errorRate: number;
  /** null when the window holds no request of the service. */
  p95Ms: number | null;
}

export interface TopologyEdge {
  parent: string;
  child: string;
  callCount: number;
  callsPerSecond: number;
  errorRate: number;
  p95Ms: number | null;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

export interface TopologyWindow {
  /** Epoch ms, both inclusive at bucket granularity. */
  startMs: number;
  endMs: number;
  /** '' = every service; otherwise only edges touching it (as `/api/dependencies`). */
  service: string;
}

export interface TopologyAggregatorOptions extends TraceLinkerOptions {
  bucketMs: number;
  /** Buckets older than this (ms before now) are dropped; longer lookbacks see only this much. */
  retentionMs: number;
  /** Spans starting further than this in the future (clock skew) are ignored. */
  maxFutureMs: number;
  /**
   * Epoch ms from which the aggregator has seen every stored span. A persistent store holds
   * spans from before the process started, so its aggregator covers only what arrived since;
   * for the memory store, which starts empty, it covers everything it retains.
   */
  coveredSinceMs: number;
  now: () => number;
}

export const defaultTopologyOptions: TopologyAggregatorOptions = {
  bucketMs: 60_000,
  retentionMs: 24 * 3_600_000,
  maxFutureMs: 5 * 60_000,
  traceTtlMs: 5 * 60_000,
  maxTraces: 200_000,
  maxSpansPerTrace: 20_000,
  coveredSinceMs: Number.NEGATIVE_INFINITY,
  now: Date.now,
};

/**
 * Services are interned (see `serviceId`): rows are keyed by small integers, and a span finds
 * its service through its Resource.
 */
interface Bucket {
  /** By edge key (parent, child); rows in the order the edges first appeared. */
  edges: SlotRows;
  /** By service, for the spans that serve a request. */
  nodes: SlotRows;
  /** The span starts it takes, [fromNs, toNs): worked out once, not per span that lands here. */
  fromNs: bigint;
  toNs: bigint;
}

function durationBucketOf(span: Span): number {
  return bucketIndex(Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e6);
}

/** A span that serves a request: what a node's rate, errors and p95 describe. */
function isEntrySpan(span: Span): boolean {
  return (
    span.kind === SpanKind.Server ||
    span.kind === SpanKind.Consumer ||
    span.parentSpanId === '' ||
    isAllZeros(span.parentSpanId)
  );
}

/** Whether an ID is one or more '0's (the null parent of some encodings). */
function isAllZeros(id: string): boolean {
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) !== 48) return false;
  return id.length > 0;
}

const NS_PER_MS = 1_000_000n;
/** Further than any uint64 span time, on either side. */
const BEYOND_NS = 1n << 80n;

/** Whole milliseconds as nanoseconds; ±Infinity beyond every span time, NaN (no limit) as `ifNaN`. */
function msToNs(ms: number, ifNaN: bigint): bigint {
  if (Number.isNaN(ms)) return ifNaN;
  if (!Number.isFinite(ms)) return ms > 0 ? BEYOND_NS : -BEYOND_NS;
  return BigInt(ms) * NS_PER_MS;
}

export class TopologyAggregator {
  private readonly buckets = new Map<number, Bucket>();
  private readonly linker: TraceLinker;
  private readonly options: TopologyAggregatorOptions;
  /** Interned service names: id → name, and name → id. Never forgotten, like the stores' catalogs. */
  private readonly serviceNames: string[] = [];
  private readonly serviceIds = new Map<string, number>();
  /** The clock for the batch being observed, read once per batch. */
  private batchNow = 0;
  /**
   * The span starts (epoch ns) that fall in the retained range, set per batch: spans outside it
   * are ignored (it is the `startMs` range `bucketFor` accepts, compared without converting).
   */
  private firstNs = 0n;
  private endNs = 0n;
  /** The bucket the previous span fell in, and its start range [lastFromNs, lastToNs). */
  private lastBucket: Bucket | undefined;
  private lastFromNs = 0n;
  private lastToNs = 0n;
  /** Per span of the batch being observed (reused): its service, bucket and duration bucket. */
  private batchServices = new Int32Array(1024);
  private batchDurations = new Uint8Array(1024);
  private readonly batchBuckets: (Bucket | undefined)[] = [];

  constructor(options: Partial<TopologyAggregatorOptions> = {}) {
    this.options = { ...defaultTopologyOptions, ...options };
    this.linker = new TraceLinker(this.options, (parent, child, index) =>
      this.recordCall(parent, child, index),
    );
  }

  /** Spans the trace linker has looked at (for tests: linking work stays proportional to batches). */
  get spansLinked(): number {
    return this.linker.spansVisited;
  }

  /** The `pipeline.observe` callback. */
  readonly observe = (spans: readonly Span[]): void => {
    const now = this.options.now();
    this.batchNow = now;
    this.prune(now);
    this.setRange(now);
    const n = spans.length;
    if (this.batchServices.length < n) {
      this.batchServices = new Int32Array(n);
      this.batchDurations = new Uint8Array(n);
    }
    const services = this.batchServices;
    const durations = this.batchDurations;
    const buckets = this.batchBuckets;
    let resource: Resource | undefined;
    let service = 0;
    for (let i = 0; i < n; i++) {
      const span = spans[i];
      // A batch holds its spans resource by resource: the service changes with the Resource.
      if (span.resource !== resource) {
        resource = span.resource;
        service = this.serviceId(resource.serviceName);
      }
      services[i] = service;
      const bucket = this.bucketFor(span);
      buckets[i] = bucket;
      if (bucket === undefined) continue;
      const duration = durationBucketOf(span);
      durations[i] = duration;
      if (isEntrySpan(span)) record(bucket.nodes, service, span, duration);
    }
    this.linker.add(spans, services, now);
    // Buckets may be pruned later: the batch must not keep them alive.
    buckets.length = 0;
  };

  /**
   * Whether every call in the window was observed: it starts after the retained range began and
   * after the aggregator started covering the store. Outside it, ask the store instead.
   */
  covers(window: TopologyWindow): boolean {
    const retainedFrom = this.options.now() - this.options.retentionMs;
    return window.startMs >= Math.max(retainedFrom, this.options.coveredSinceMs);
  }

  /** Same answer as the store's `getDependencies` + the v1 handler's filter and sum. */
  dependencies(window: TopologyWindow): DependencyLink[] {
    return this.sumEdges(window).map(([parent, child, s]) => ({ parent, child, callCount: s.count }));
  }

  topology(window: TopologyWindow): Topology {
    const seconds = this.windowSeconds(window);
    const edges = this.sumEdges(window).map(([parent, child, s]) => ({
      parent,
      child,
      callCount: s.count,
      callsPerSecond: s.count / seconds,
      errorRate: s.count === 0 ? 0 : s.errors / s.count,
      p95Ms: p95(s),
    }));
    const names = new Set<string>();
    for (const e of edges) names.add(e.parent).add(e.child);
    if (window.service !== '') names.add(window.service);
    const nodeStats = new Map<string, Sum>();
    for (const bucket of this.bucketsIn(window)) {
      const rows = bucket.nodes;
      for (let row = 0; row < rows.count; row++) {
        const service = this.serviceNames[rows.keyOf(row)];
        if (window.service !== '' && !names.has(service)) continue;
        let sum = nodeStats.get(service);
        if (sum === undefined) nodeStats.set(service, (sum = newSum()));
        merge(sum, rows, row);
      }
    }
    for (const service of nodeStats.keys()) names.add(service);
    const nodes = [...names].map((service) => {
      const s = nodeStats.get(service) ?? newSum();
      return {
        service,
        callsPerSecond: s.count / seconds,
        errorRate: s.count === 0 ? 0 : s.errors / s.count,
        p95Ms: p95(s),
      };
    });
    return { nodes, edges };
  }

  private serviceId(name: string): number {
    let id = this.serviceIds.get(name);
    if (id === undefined) {
      id = this.serviceNames.length;
      this.serviceNames.push(name);
      this.serviceIds.set(name, id);
    }
    return id;
  }

  /**
   * Only called by the linker during `observe`, so `batchNow` is the batch's clock. A child of
   * this batch (`index` ≥ 0) comes with its service, bucket and duration already worked out.
   */
  private recordCall(parent: number, child: Span, index: number): void {
    let bucket: Bucket | undefined;
    let service: number;
    let duration: number;
    if (index >= 0) {
      bucket = this.batchBuckets[index];
      if (bucket === undefined) return;
      service = this.batchServices[index];
      duration = this.batchDurations[index];
    } else {
      bucket = this.bucketFor(child);
      if (bucket === undefined) return;
      service = this.serviceId(child.resource.serviceName);
      duration = durationBucketOf(child);
    }
    record(bucket.edges, edgeKey(parent, service), child, duration);
  }

  /**
   * The start range (ns) of the spans kept for the batch at `now`, the same as testing
   * `startMs < now - retentionMs || startMs > now + maxFutureMs` with startMs = ⌊start / 1 ms⌋.
   */
  private setRange(now: number): void {
    this.firstNs = msToNs(Math.ceil(now - this.options.retentionMs), -BEYOND_NS);
    this.endNs = msToNs(Math.floor(now + this.options.maxFutureMs) + 1, BEYOND_NS);
    this.lastBucket = undefined;
  }

  private bucketFor(span: Span): Bucket | undefined {
    const start = span.startTimeUnixNano;
    // Spans of a batch mostly start close together: most fall in the previous span's bucket.
    if (start >= this.lastFromNs && start < this.lastToNs && this.lastBucket !== undefined)
      return this.lastBucket;
    // Outside the retained range the bucket would be pruned at once or grow memory unboundedly.
    if (start < this.firstNs || start >= this.endNs) return undefined;
    const startMs = Number(start / NS_PER_MS);
    const bucketMs = this.options.bucketMs;
    const key = Math.floor(startMs / bucketMs);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = {
        edges: new SlotRows(ROW_FIELDS),
        nodes: new SlotRows(ROW_FIELDS),
        fromNs: BigInt(Math.ceil(key * bucketMs)) * NS_PER_MS,
        toNs: BigInt(Math.ceil((key + 1) * bucketMs)) * NS_PER_MS,
      };
      this.buckets.set(key, bucket);
    }
    this.lastBucket = bucket;
    // The start range of the bucket, cut to the retained range.
    this.lastFromNs = bucket.fromNs > this.firstNs ? bucket.fromNs : this.firstNs;
    this.lastToNs = bucket.toNs < this.endNs ? bucket.toNs : this.endNs;
    return bucket;
  }

  private prune(now: number): void {
    const oldest = Math.floor((now - this.options.retentionMs) / this.options.bucketMs);
    for (const key of this.buckets.keys()) if (key < oldest) this.buckets.delete(key);
    // The remembered bucket may just have been dropped.
    this.lastBucket = undefined;
  }

  private *bucketsIn(window: TopologyWindow): Iterable<Bucket> {
    const first = Math.floor(window.startMs / this.options.bucketMs);
    const last = Math.floor(window.endMs / this.options.bucketMs);
    for (const [key, bucket] of this.buckets) if (key >= first && key <= last) yield bucket;
  }

  private sumEdges(window: TopologyWindow): [string, string, Sum][] {
    const sums = new Map<number, Map<number, Sum>>();
    const out: [string, string, Sum][] = [];
    const names = this.serviceNames;
    const only = window.service === '' ? -1 : (this.serviceIds.get(window.service) ?? -2);
    if (only === -2) return out;
    for (const bucket of this.bucketsIn(window)) {
      // Parent by parent, each in the order its first edge appeared, as nested maps would list them.
      const rows = bucket.edges;
      const byParent = new Map<number, number[]>();
      for (let row = 0; row < rows.count; row++) {
        const parent = edgeOf(rows.keyOf(row))[0];
        const list = byParent.get(parent);
        if (list) list.push(row);
        else byParent.set(parent, [row]);
      }
      for (const [parent, list] of byParent) {
        for (const row of list) {
          const child = edgeOf(rows.keyOf(row))[1];
          if (only !== -1 && parent !== only && child !== only) continue;
          let byChild = sums.get(parent);
          if (byChild === undefined) sums.set(parent, (byChild = new Map()));
          let sum = byChild.get(child);
          if (sum === undefined) {
            byChild.set(child, (sum = newSum()));
            out.push([names[parent], names[child], sum]);
          }
          merge(sum, rows, row);
        }
      }
    }
    return out;
  }

  /** Seconds the window covers with retained data, so rates are not diluted past retention. */
  private windowSeconds(window: TopologyWindow): number {
    const start = Math.max(window.startMs, this.options.now() - this.options.retentionMs);
    return Math.max(window.endMs - start, this.options.bucketMs) / 1000;
  }
}
