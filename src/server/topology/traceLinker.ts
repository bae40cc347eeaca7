/**
 * Resolves a span's parent service as spans stream in, batch after batch. Per trace it keeps the
 * service of every span seen (bounded), and children whose parent has not arrived yet wait in the
 * trace until it does or the trace is evicted: OTLP exporters flush children before their parents
 * (a server span ends after its client calls), so "parent after child" is the common case.
 *
 * A batch is linked in two passes: every span of the batch is registered first, then parents are
 * looked up, so a child never waits for a parent that came in the same batch, whatever the order
 * of the spans in it. Services are small integers chosen by the caller (interned names), and the
 * work per batch is proportional to the batch, never to the size of the traces it extends.
 */
import { ZERO_SPAN_ID } from '../../core/model/ids';
import type { Span } from '../../core/model/trace';

/**
 * One resolved call: the parent's service called the child span. `childIndex` is the child's
 * place in the batch being added, or -1 for a child that waited from an earlier batch.
 */
export type CallSink = (parentService: number, child: Span, childIndex: number) => void;

export interface TraceLinkerOptions {
  /** A trace not touched for this long (ms, wall clock) is forgotten with its waiting children. */
  traceTtlMs: number;
  /** Most traces tracked at once; the least recently touched go first. */
  maxTraces: number;
  /** Most spans remembered per trace; beyond it new spans still resolve but are not remembered. */
  maxSpansPerTrace: number;
}

/**
 * Up to this many spans, a trace's span IDs are searched in a list: most traces are small, and a
 * short scan costs less than hashing into a Map of their own, which also takes more memory.
 */
const LIST_LIMIT = 16;
const NO_IDS: string[] = [];
const NO_SERVICES: number[] = [];

interface TraceState {
  /**
   * spanId → service, the first span carrying an ID wins (as in Jaeger's store computation):
   * in the two lists while the trace is small, then in `large` (the lists are dropped).
   */
  spanIds: string[];
  services: number[];
  large: Map<string, number> | null;
  /** Parent spanId → children waiting for it; created when the first child has to wait. */
  waiting: Map<string, Span[]> | null;
  waitingCount: number;
  touchedMs: number;
  /** The `add` call that last moved it to the back: a trace moves once per batch, not per span. */
  batch: number;
}

export class TraceLinker {
  // Insertion order = touch order (touched traces are re-inserted), so eviction pops the front.
  private readonly traces = new Map<string, TraceState>();
  private batch = 0;
  /** The trace of each span of the batch being added, between the two passes (reused). */
  private readonly states: (TraceState | undefined)[] = [];
  /**
   * The traces of the batch being added: a batch interleaves the spans of its traces, and this
   * small map is cheaper to ask than `traces`, which holds minutes of them.
   */
  private readonly batchTraces = new Map<string, TraceState>();
  /** Spans the linker has looked at, earlier batches' waiting children included (for tests). */
  spansVisited = 0;

  constructor(
    private readonly options: TraceLinkerOptions,
    private readonly sink: CallSink,
  ) {}

  get size(): number {
    return this.traces.size;
  }

  /** `services[i]` is the service of `spans[i]`. */
  add(spans: readonly Span[], services: ArrayLike<number>, nowMs: number): void {
    this.batch++;
    const states = this.states;
    let lastTraceId: string | undefined;
    let state: TraceState | undefined;
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      if (span.traceId !== lastTraceId) {
        lastTraceId = span.traceId;
        state = this.batchTraces.get(lastTraceId);
        if (state === undefined) {
          state = this.touch(lastTraceId, nowMs);
          this.batchTraces.set(lastTraceId, state);
        }
      }
      states[i] = state;
      this.register(span, services[i], state as TraceState);
    }
    for (let i = 0; i < spans.length; i++) this.link(spans[i], i, states[i] as TraceState);
    this.spansVisited += spans.length;
    states.length = 0;
    this.batchTraces.clear();
    this.evict(nowMs);
  }

  private register(span: Span, service: number, state: TraceState): void {
    if (serviceOf(state, span.spanId) !== undefined) return;
    const large = state.large;
    if (large !== null) {
      if (large.size < this.options.maxSpansPerTrace) large.set(span.spanId, service);
    } else if (state.spanIds.length < this.options.maxSpansPerTrace) {
      remember(state, span.spanId, service);
    }
    if (state.waiting === null) return;
    // Children that arrived in earlier batches are now calls from its service.
    const waiting = state.waiting.get(span.spanId);
    if (waiting === undefined) return;
    state.waiting.delete(span.spanId);
    state.waitingCount -= waiting.length;
    // Nobody waits any more: the trace is kept for minutes, its empty map need not be.
    if (state.waitingCount === 0) state.waiting = null;
    this.spansVisited += waiting.length;
    for (const child of waiting) this.sink(service, child, -1);
  }

  private link(span: Span, index: number, state: TraceState): void {
    const parentSpanId = span.parentSpanId;
    if (parentSpanId === '' || parentSpanId === ZERO_SPAN_ID) return;
    const parent = serviceOf(state, parentSpanId);
    if (parent !== undefined) {
      this.sink(parent, span, index);
    } else if (state.waitingCount < this.options.maxSpansPerTrace) {
      state.waiting ??= new Map();
      const list = state.waiting.get(parentSpanId);
      if (list) list.push(span);
      else state.waiting.set(parentSpanId, [span]);
      state.waitingCount++;
    }
  }

  private touch(traceId: string, nowMs: number): TraceState {
    let state = this.traces.get(traceId);
    if (state === undefined) {
      state = {
        spanIds: [],
        services: [],
        large: null,
        waiting: null,
        waitingCount: 0,
        touchedMs: nowMs,
        batch: this.batch,
      };
    } else if (state.batch !== this.batch) {
      this.traces.delete(traceId);
      state.touchedMs = nowMs;
      state.batch = this.batch;
    } else {
      return state;
    }
    this.traces.set(traceId, state);
    return state;
  }

  private evict(nowMs: number): void {
    const oldest = nowMs - this.options.traceTtlMs;
    for (const [id, state] of this.traces) {
      if (this.traces.size <= this.options.maxTraces && state.touchedMs >= oldest) break;
      this.traces.delete(id);
    }
  }
}

function serviceOf(state: TraceState, spanId: string): number | undefined {
  if (state.large !== null) return state.large.get(spanId);
  const ids = state.spanIds;
  for (let i = 0; i < ids.length; i++) if (ids[i] === spanId) return state.services[i];
  return undefined;
}

/** Records a span ID the trace does not have yet, moving the trace to a Map when it outgrows the lists. */
function remember(state: TraceState, spanId: string, service: number): void {
  if (state.spanIds.length < LIST_LIMIT) {
    state.spanIds.push(spanId);
    state.services.push(service);
    return;
  }
  const large = new Map<string, number>();
  state.spanIds.forEach((id, i) => large.set(id, state.services[i]));
  large.set(spanId, service);
  state.large = large;
  state.spanIds = NO_IDS;
  state.services = NO_SERVICES;
}
