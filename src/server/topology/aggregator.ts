/**
 * Incremental service topology: parent service → child service calls counted as spans are
 * ingested (fed by `pipeline.observe`), so `/api/dependencies` and `/api/topology` answer by
 * summing a few time buckets instead of rescanning every stored span (0.6–1.4 s over 1M spans).
 *
 * Calls are bucketed by the child span's start time. Memory is bounded: at most
 * retention / bucketMs buckets, each holding only the edges and services active in it.
 */
import { isErrorSpan, SpanKind, type Span } from '../../core/model/trace';
import type { DependencyLink } from '../storage/traceStore';
import { BUCKET_COUNT, bucketIndex, histogramQuantile } from '../metrics/histogram';
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

interface Stats {
  count: number;
  errors: number;
  /** Child durations in the spanmetrics buckets, so p95 is computed as Jaeger's SPM does. */
  histogram: Uint32Array;
}

interface Bucket {
  /** parent → child → stats; nested maps spare a key string per call. */
  edges: Map<string, Map<string, Stats>>;
  nodes: Map<string, Stats>;
}

function newStats(): Stats {
  return { count: 0, errors: 0, histogram: new Uint32Array(BUCKET_COUNT) };
}

function record(stats: Stats, span: Span): void {
  stats.count++;
  if (isErrorSpan(span)) stats.errors++;
  const durationMs = Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e6;
  stats.histogram[bucketIndex(durationMs)]++;
}

function statsOf(map: Map<string, Stats>, key: string): Stats {
  let stats = map.get(key);
  if (stats === undefined) map.set(key, (stats = newStats()));
  return stats;
}

function merge(into: Stats, from: Stats): void {
  into.count += from.count;
  into.errors += from.errors;
  for (let i = 0; i < BUCKET_COUNT; i++) into.histogram[i] += from.histogram[i];
}

function p95(stats: Stats): number | null {
  const q = histogramQuantile(0.95, stats.histogram);
  return Number.isFinite(q) ? q : null;
}

/** A span that serves a request: what a node's rate, errors and p95 describe. */
function isEntrySpan(span: Span): boolean {
  return (
    span.kind === SpanKind.Server ||
    span.kind === SpanKind.Consumer ||
    span.parentSpanId === '' ||
    // The regular expression only for IDs that could match it.
    (span.parentSpanId.charCodeAt(0) === 48 && /^0+$/.test(span.parentSpanId))
  );
}

export class TopologyAggregator {
  private readonly buckets = new Map<number, Bucket>();
  private readonly linker: TraceLinker;
  private readonly options: TopologyAggregatorOptions;
  /** The clock for the batch being observed, read once per batch. */
  private batchNow = 0;
  /** The bucket the previous span fell in: spans of a batch mostly start close together. */
  private lastKey = Number.NaN;
  private lastBucket: Bucket | undefined;

  constructor(options: Partial<TopologyAggregatorOptions> = {}) {
    this.options = { ...defaultTopologyOptions, ...options };
    this.linker = new TraceLinker(this.options, (parent, child) => this.recordCall(parent, child));
  }

  /** The `pipeline.observe` callback. */
  readonly observe = (spans: readonly Span[]): void => {
    const now = this.options.now();
    this.batchNow = now;
    this.prune(now);
    for (const span of spans) {
      if (!isEntrySpan(span)) continue;
      const bucket = this.bucketFor(span);
      if (bucket !== undefined) record(statsOf(bucket.nodes, span.resource.serviceName), span);
    }
    this.linker.add(spans, now);
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
    const nodeStats = new Map<string, Stats>();
    for (const bucket of this.bucketsIn(window)) {
      for (const [service, s] of bucket.nodes) {
        if (window.service !== '' && !names.has(service)) continue;
        let sum = nodeStats.get(service);
        if (sum === undefined) nodeStats.set(service, (sum = newStats()));
        merge(sum, s);
      }
    }
    for (const service of nodeStats.keys()) names.add(service);
    const nodes = [...names].map((service) => {
      const s = nodeStats.get(service) ?? newStats();
      return {
        service,
        callsPerSecond: s.count / seconds,
        errorRate: s.count === 0 ? 0 : s.errors / s.count,
        p95Ms: p95(s),
      };
    });
    return { nodes, edges };
  }

  /** Only called by the linker during `observe`, so `batchNow` is the batch's clock. */
  private recordCall(parent: string, child: Span): void {
    const bucket = this.bucketFor(child);
    if (bucket === undefined) return;
    let byChild = bucket.edges.get(parent);
    if (byChild === undefined) bucket.edges.set(parent, (byChild = new Map()));
    record(statsOf(byChild, child.resource.serviceName), child);
  }

  private bucketFor(span: Span): Bucket | undefined {
    const startMs = Number(span.startTimeUnixNano / 1_000_000n);
    const now = this.batchNow;
    // Outside the retained range the bucket would be pruned at once or grow memory unboundedly.
    if (startMs < now - this.options.retentionMs || startMs > now + this.options.maxFutureMs)
      return undefined;
    const key = Math.floor(startMs / this.options.bucketMs);
    if (key === this.lastKey && this.lastBucket !== undefined) return this.lastBucket;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) this.buckets.set(key, (bucket = { edges: new Map(), nodes: new Map() }));
    this.lastKey = key;
    this.lastBucket = bucket;
    return bucket;
  }

  private prune(now: number): void {
    const oldest = Math.floor((now - this.options.retentionMs) / this.options.bucketMs);
    for (const key of this.buckets.keys()) if (key < oldest) this.buckets.delete(key);
    // The remembered bucket may just have been dropped.
    this.lastKey = Number.NaN;
    this.lastBucket = undefined;
  }

  private *bucketsIn(window: TopologyWindow): Iterable<Bucket> {
    const first = Math.floor(window.startMs / this.options.bucketMs);
    const last = Math.floor(window.endMs / this.options.bucketMs);
    for (const [key, bucket] of this.buckets) if (key >= first && key <= last) yield bucket;
  }

  private sumEdges(window: TopologyWindow): [string, string, Stats][] {
    const sums = new Map<string, Map<string, Stats>>();
    const out: [string, string, Stats][] = [];
    for (const bucket of this.bucketsIn(window)) {
      for (const [parent, byChild] of bucket.edges) {
        for (const [child, s] of byChild) {
          if (window.service !== '' && parent !== window.service && child !== window.service) continue;
          let row = sums.get(parent);
          if (row === undefined) sums.set(parent, (row = new Map()));
          let sum = row.get(child);
          if (sum === undefined) {
            row.set(child, (sum = newStats()));
            out.push([parent, child, sum]);
          }
          merge(sum, s);
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
