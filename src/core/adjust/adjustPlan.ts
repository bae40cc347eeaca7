/**
 * The adjuster chain of adjustTrace.ts split in two, so that a huge trace can be answered in
 * slices: `planAdjustments` makes the decisions that need the whole trace (which spans are exact
 * copies, which server spans get a new ID, where each parent is, which IDs repeat) in a few
 * linear passes that allocate little, and `AdjustPlan.span(i)` then builds the i-th adjusted span
 * on demand. The spans it yields, in order, equal `adjustTrace(trace).spans`.
 */
import { sortAttributesByKey } from '../model/attributes';
import type { Resource, Span, Trace } from '../model/trace';
import { SpanKind } from '../model/trace';
import { clockSkewWarning, hostKey, sortCollections, spanFingerprint } from './adjustTrace';
import { indexSpanIds, type SpanPositions } from './spanIdIndex';

/** The spans of a trace as a response writes them: a count and the i-th span. */
export interface SpanSequence {
  readonly traceId: string;
  readonly warnings: readonly string[];
  readonly length: number;
  span(i: number): Span;
}

/** The raw trace: spans as stored. */
export function rawSequence(trace: Trace): SpanSequence {
  return {
    traceId: trace.traceId,
    warnings: trace.warnings,
    length: trace.spans.length,
    span: (i) => trace.spans[i],
  };
}

/** The whole adjusted trace at once (the archive, trace summaries): the plan, every span built. */
export function adjustedTrace(trace: Trace): Trace {
  const plan = planAdjustments(trace);
  const spans: Span[] = new Array<Span>(plan.length);
  for (let i = 0; i < plan.length; i++) spans[i] = plan.span(i);
  return { ...trace, spans };
}

/** The next free span ID after `id`, as Jaeger's DeduplicateClientServerSpanIDs picks it. */
function nextFreeId(id: string, taken: (id: string) => boolean): string {
  let next = BigInt(`0x${id}`);
  let out: string;
  do {
    next = (next + 1n) & 0xffffffffffffffffn;
    out = next.toString(16).padStart(16, '0');
  } while (taken(out) || next === 0n);
  return out;
}

/**
 * Plans the adjusters for one trace. Without repeated span IDs (nearly every trace) this is one
 * pass and one table from span ID to position (spanIdIndex.ts); the copies and shared client/server IDs are only
 * looked for when an ID repeats.
 */
export function planAdjustments(trace: Trace): SpanSequence {
  const spans = trace.spans;
  const { positions, repeated } = indexSpanIds((i) => spans[i].spanId, spans.length);
  if (!repeated) return new PlannedTrace(trace, null, new Map(), new Map(), positions, new Set());

  // dedupeClientServerSpanIds: the first server span sharing a client's ID gets the next free ID.
  const clientIds = new Set<string>();
  for (const s of spans) if (s.kind === SpanKind.Client) clientIds.add(s.spanId);
  const newIds = new Set<string>();
  const renamed = new Map<string, string>();
  const newIdAt = new Map<number, string>();
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (s.kind !== SpanKind.Server || !clientIds.has(s.spanId) || renamed.has(s.spanId)) continue;
    const id = nextFreeId(s.spanId, (x) => positions.get(x) !== undefined || newIds.has(x));
    newIds.add(id);
    renamed.set(s.spanId, id);
    newIdAt.set(i, id);
  }
  const renamedOnly = new PlannedTrace(trace, null, newIdAt, renamed, new Map(), new Set());

  // dedupeSpans, on the renamed and sorted spans: only spans that share an ID can be copies.
  const counts = new Map<string, number>();
  for (let i = 0; i < spans.length; i++) {
    const id = renamedOnly.spanIdAt(i);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const kept: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < spans.length; i++) {
    if (counts.get(renamedOnly.spanIdAt(i)) !== 1) {
      const key = spanFingerprint(sortCollections(renamedOnly.renamedSpan(i)));
      if (seen.has(key)) continue;
      seen.add(key);
    }
    kept.push(i);
  }

  // clockSkewWarnings, on the kept spans: the first span of each ID is the parent, and IDs
  // still repeated after the copies are gone get the duplicate warning.
  const keptFirst = new Map<string, number>();
  const duplicated = new Set<string>();
  for (const i of kept) {
    const id = renamedOnly.spanIdAt(i);
    if (keptFirst.has(id)) duplicated.add(id);
    else keptFirst.set(id, i);
  }
  return new PlannedTrace(trace, kept, newIdAt, renamed, keptFirst, duplicated);
}

class PlannedTrace implements SpanSequence {
  readonly traceId: string;
  readonly warnings: readonly string[];
  readonly length: number;
  /** Sorted copies of the resources, so that spans of one resource keep sharing one object. */
  private readonly sortedResources = new Map<Resource, Resource>();
  private readonly hosts = new Map<Resource, string>();
  private readonly hostOf = (s: Span): string => {
    let host = this.hosts.get(s.resource);
    if (host === undefined) {
      host = hostKey(s);
      this.hosts.set(s.resource, host);
    }
    return host;
  };

  constructor(
    private readonly trace: Trace,
    /** Positions of the spans kept, in order; null = all. */
    private readonly kept: readonly number[] | null,
    /** Position → new span ID, for the server spans that got one. */
    private readonly newIdAt: ReadonlyMap<number, string>,
    /** Old shared ID → the server span's new ID. */
    private readonly renamed: ReadonlyMap<string, string>,
    /** Span ID (after renaming) → position of the first kept span with it. */
    private readonly firstById: SpanPositions,
    private readonly duplicated: ReadonlySet<string>,
  ) {
    this.traceId = trace.traceId;
    this.warnings = trace.warnings;
    this.length = kept ? kept.length : trace.spans.length;
  }

  spanIdAt(i: number): string {
    return this.newIdAt.get(i) ?? this.trace.spans[i].spanId;
  }

  /** The i-th stored span after dedupeClientServerSpanIds. */
  renamedSpan(i: number): Span {
    const s = this.trace.spans[i];
    if (this.renamed.size === 0) return s;
    const newId = this.newIdAt.get(i);
    const spanId = newId ?? s.spanId;
    let parentSpanId = newId === undefined ? s.parentSpanId : s.spanId;
    const moved = this.renamed.get(parentSpanId);
    if (moved !== undefined && moved !== spanId) parentSpanId = moved;
    return spanId === s.spanId && parentSpanId === s.parentSpanId ? s : { ...s, spanId, parentSpanId };
  }

  span(n: number): Span {
    const i = this.kept ? this.kept[n] : n;
    const renamed = this.renamedSpan(i);
    const sorted = sortCollections(renamed, this.sortResource);
    const parentAt = sorted.parentSpanId ? this.firstById.get(sorted.parentSpanId) : undefined;
    // Times and hosts do not change with adjustment, so the stored parent serves.
    const parent = parentAt === undefined ? undefined : this.trace.spans[parentAt];
    const warning = clockSkewWarning(sorted, parent, this.duplicated.has(sorted.spanId), this.hostOf);
    return warning ? { ...sorted, warnings: [...sorted.warnings, warning] } : sorted;
  }

  private readonly sortResource = (r: Resource): Resource => {
    let sorted = this.sortedResources.get(r);
    if (sorted === undefined) {
      sorted = { ...r, attributes: sortAttributesByKey(r.attributes) };
      this.sortedResources.set(r, sorted);
    }
    return sorted;
  };
}
