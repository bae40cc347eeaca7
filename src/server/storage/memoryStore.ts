/**
 * The all-in-one's in-memory trace store, with the semantics of Jaeger's v2 memory store
 * (reference §3): a ring of `maxTraces` traces in insertion order, services and operations that
 * are never evicted, and searches that return the newest-inserted traces in which one single span
 * meets every criterion.
 *
 * Unlike Jaeger, a search does not test every trace: an inverted index (service, operation,
 * attribute values, error status, scope) narrows the candidates first, and the exact span
 * predicate only runs on those. Traces are numbered by an insertion sequence; slot = seq % max,
 * and the live traces are always the contiguous range [nextSeq - live, nextSeq).
 */
import type { Span, Trace } from '../../core/model/trace';
import { computeDependencies } from './dependencies';
import { InvertedIndex } from './memory/invertedIndex';
import type { PostingList } from './memory/postingList';
import { ServiceCatalog } from './memory/serviceCatalog';
import { compileSpanCriteria, someSpanMatches, type CompiledSpanCriteria } from './spanMatcher';
import {
  StoreQueryError,
  type DependencyLink,
  type Operation,
  type TraceQuery,
  type TraceStore,
} from './traceStore';

interface TraceEntry {
  readonly traceId: string;
  readonly seq: number;
  /** Spans in arrival order; the array grows when later batches bring more of the trace. */
  readonly spans: Span[];
  // Span-level extremes let a search skip a whole trace on its time and duration bounds.
  minStart: bigint;
  maxStart: bigint;
  maxEnd: bigint;
  minDuration: bigint;
  maxDuration: bigint;
}

export function createMemoryStore(opts: { maxTraces: number }): TraceStore {
  return new MemoryTraceStore(opts.maxTraces);
}

class MemoryTraceStore implements TraceStore {
  private readonly ring: (TraceEntry | undefined)[];
  private readonly seqByTraceId = new Map<string, number>();
  private readonly index = new InvertedIndex();
  private readonly catalog = new ServiceCatalog();
  private nextSeq = 0;
  private spanCount = 0;

  constructor(private readonly maxTraces: number) {
    if (!Number.isInteger(maxTraces) || maxTraces <= 0)
      throw new Error('max traces must be greater than zero');
    this.ring = new Array<TraceEntry | undefined>(maxTraces).fill(undefined);
  }

  async writeSpans(spans: readonly Span[]): Promise<void> {
    // In batch order, where spans sharing a Resource are next to each other.
    this.catalog.recordAll(spans);
    for (const [traceId, group] of groupByTrace(spans)) this.storeTrace(traceId, group);
  }

  async getTrace(traceId: string): Promise<Trace | null> {
    const seq = this.seqByTraceId.get(traceId);
    return seq === undefined ? null : toTrace(this.entryAt(seq));
  }

  async getServices(): Promise<string[]> {
    return this.catalog.services();
  }

  async getOperations(service: string, spanKind: string): Promise<Operation[]> {
    return this.catalog.operationsOf(service, spanKind);
  }

  async findTraces(query: TraceQuery): Promise<Trace[]> {
    // `!(x > 0)` also rejects NaN.
    if (!(query.searchDepth > 0) || query.searchDepth > this.maxTraces) {
      throw new StoreQueryError('search depth must be greater than 0 and less than max traces');
    }
    const criteria = compileSpanCriteria(query);
    if (criteria === null) return [];
    const lists = this.index.candidateLists(criteria);
    if (lists === null) return [];
    // Walk the shortest list; the others are only probed (binary search), shortest first since
    // it is the likeliest to reject.
    lists.sort((a, b) => a.length - b.length);
    const driver: PostingList | undefined = lists[0];
    const probes = lists.slice(1);
    const oldestSeq = this.nextSeq - this.seqByTraceId.size;
    const count = driver ? driver.length : this.seqByTraceId.size;
    const found: Trace[] = [];
    for (let i = count - 1; i >= 0 && found.length < query.searchDepth; i--) {
      const seq = driver ? driver.at(i) : oldestSeq + i;
      if (!inAll(probes, seq)) continue;
      const entry = this.entryAt(seq);
      if (mayHaveMatchingSpan(entry, criteria) && someSpanMatches(entry.spans, criteria)) {
        found.push(toTrace(entry));
      }
    }
    return found;
  }

  /** Jaeger §7: traces strictly inside (start, end); an end of 0 means "no end". */
  async getDependencies(start: bigint, end: bigint): Promise<DependencyLink[]> {
    if (start === 0n) throw new StoreQueryError('start time is required');
    if (end !== 0n && end < start) throw new StoreQueryError('end time must be greater than start time');
    const selected: Span[][] = [];
    for (const entry of this.ring) {
      if (entry && entry.minStart > start && (end === 0n || entry.maxEnd < end)) selected.push(entry.spans);
    }
    return computeDependencies(selected);
  }

  stats(): { traces: number; spans: number } {
    return { traces: this.seqByTraceId.size, spans: this.spanCount };
  }

  async close(): Promise<void> {
    this.ring.fill(undefined);
    this.seqByTraceId.clear();
    this.index.clear();
    this.catalog.clear();
    this.nextSeq = 0;
    this.spanCount = 0;
  }

  private entryAt(seq: number): TraceEntry {
    const entry = this.ring[seq % this.maxTraces];
    if (entry === undefined || entry.seq !== seq) throw new Error(`memory store index out of sync at ${seq}`);
    return entry;
  }

  private storeTrace(traceId: string, spans: readonly Span[]): void {
    const known = this.seqByTraceId.get(traceId);
    // Appending to a known trace keeps its place in the ring, as in Jaeger.
    const entry = known === undefined ? this.insertTrace(traceId, spans[0]) : this.entryAt(known);
    for (const span of spans) {
      widenBounds(entry, span);
      entry.spans.push(span);
    }
    this.index.addSpans(spans, entry.seq);
    this.spanCount += spans.length;
  }

  private insertTrace(traceId: string, first: Span): TraceEntry {
    const seq = this.nextSeq++;
    const slot = seq % this.maxTraces;
    const evicted = this.ring[slot];
    if (evicted !== undefined) this.evict(evicted);
    const duration = first.endTimeUnixNano - first.startTimeUnixNano;
    const entry: TraceEntry = {
      traceId,
      seq,
      spans: [],
      minStart: first.startTimeUnixNano,
      maxStart: first.startTimeUnixNano,
      maxEnd: first.endTimeUnixNano,
      minDuration: duration,
      maxDuration: duration,
    };
    this.ring[slot] = entry;
    this.seqByTraceId.set(traceId, seq);
    return entry;
  }

  /** The evicted trace is the oldest, so it leaves every posting list from the front. */
  private evict(entry: TraceEntry): void {
    this.index.removeOldestTrace(entry.spans, entry.seq);
    this.seqByTraceId.delete(entry.traceId);
    this.spanCount -= entry.spans.length;
    this.ring[entry.seq % this.maxTraces] = undefined;
  }
}

/** Groups a batch per trace ID; new traces take ring slots in order of first appearance. */
function groupByTrace(spans: readonly Span[]): Map<string, Span[]> {
  const groups = new Map<string, Span[]>();
  for (const span of spans) {
    const group = groups.get(span.traceId);
    if (group) group.push(span);
    else groups.set(span.traceId, [span]);
  }
  return groups;
}

function widenBounds(entry: TraceEntry, span: Span): void {
  const start = span.startTimeUnixNano;
  const end = span.endTimeUnixNano;
  const duration = end - start;
  if (start < entry.minStart) entry.minStart = start;
  if (start > entry.maxStart) entry.maxStart = start;
  if (end > entry.maxEnd) entry.maxEnd = end;
  if (duration < entry.minDuration) entry.minDuration = duration;
  if (duration > entry.maxDuration) entry.maxDuration = duration;
}

/** A quick rejection on trace-wide extremes before testing each span. */
function mayHaveMatchingSpan(entry: TraceEntry, c: CompiledSpanCriteria): boolean {
  if (c.startTimeMin !== undefined && entry.maxStart < c.startTimeMin) return false;
  if (c.startTimeMax !== undefined && entry.minStart > c.startTimeMax) return false;
  if (c.durationMin !== undefined && entry.maxDuration < c.durationMin) return false;
  if (c.durationMax !== undefined && entry.minDuration > c.durationMax) return false;
  return true;
}

function inAll(lists: readonly PostingList[], seq: number): boolean {
  for (const list of lists) if (!list.has(seq)) return false;
  return true;
}

/** A new spans array, so later writes cannot change a trace already handed out. */
function toTrace(entry: TraceEntry): Trace {
  return { traceId: entry.traceId, spans: entry.spans.slice(), warnings: [] };
}
