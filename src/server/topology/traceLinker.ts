/**
 * Resolves a span's parent service as spans stream in, batch after batch. Per trace it keeps the
 * service of every span seen (bounded), and children whose parent has not arrived yet wait in the
 * trace until it does or the trace is evicted: OTLP exporters flush children before their parents
 * (a server span ends after its client calls), so "parent after child" is the common case.
 */
import { ZERO_SPAN_ID } from '../../core/model/ids';
import type { Span } from '../../core/model/trace';

/** One resolved call: the parent's service called the child span. */
export type CallSink = (parentService: string, child: Span) => void;

export interface TraceLinkerOptions {
  /** A trace not touched for this long (ms, wall clock) is forgotten with its waiting children. */
  traceTtlMs: number;
  /** Most traces tracked at once; the least recently touched go first. */
  maxTraces: number;
  /** Most spans remembered per trace; beyond it new spans still resolve but are not remembered. */
  maxSpansPerTrace: number;
}

interface TraceState {
  /** spanId → service; the first span carrying an ID wins, as in Jaeger's store computation. */
  services: Map<string, string>;
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

  constructor(
    private readonly options: TraceLinkerOptions,
    private readonly sink: CallSink,
  ) {}

  get size(): number {
    return this.traces.size;
  }

  add(spans: readonly Span[], nowMs: number): void {
    this.batch++;
    for (const span of spans) this.addSpan(span, nowMs);
    this.evict(nowMs);
  }

  private addSpan(span: Span, nowMs: number): void {
    const state = this.touch(span.traceId, nowMs);
    const service = span.resource.serviceName;
    const fresh = !state.services.has(span.spanId);
    if (fresh && state.services.size < this.options.maxSpansPerTrace)
      state.services.set(span.spanId, service);
    if (fresh && state.waiting !== null) {
      // Children that arrived before this span are now calls from its service.
      const waiting = state.waiting.get(span.spanId);
      if (waiting !== undefined) {
        state.waiting.delete(span.spanId);
        state.waitingCount -= waiting.length;
        // Nobody waits any more: the trace is kept for minutes, its empty map need not be.
        if (state.waitingCount === 0) state.waiting = null;
        for (const child of waiting) this.sink(service, child);
      }
    }
    if (span.parentSpanId === '' || span.parentSpanId === ZERO_SPAN_ID) return;
    const parent = state.services.get(span.parentSpanId);
    if (parent !== undefined) {
      this.sink(parent, span);
    } else if (state.waitingCount < this.options.maxSpansPerTrace) {
      state.waiting ??= new Map();
      const list = state.waiting.get(span.parentSpanId);
      if (list) list.push(span);
      else state.waiting.set(span.parentSpanId, [span]);
      state.waitingCount++;
    }
  }

  private touch(traceId: string, nowMs: number): TraceState {
    let state = this.traces.get(traceId);
    if (state === undefined) {
      state = { services: new Map(), waiting: null, waitingCount: 0, touchedMs: nowMs, batch: this.batch };
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
