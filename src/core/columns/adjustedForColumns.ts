/**
 * The columns of a stored trace as the adjusted trace response writes it (adjustPlan.ts),
 * without building every adjusted span: at a million spans `plan.span(i)` (sorted copies,
 * clock-skew warnings) and the plan's own pass over the span IDs cost more than the encoding.
 *
 * Without repeated span IDs (nearly every trace) the adjusters drop no span and change no ID,
 * parent or time; they sort attributes by key (a stable sort: the first attribute of each name,
 * which is all kind and status read, stays first), link attributes likewise, add warnings (not
 * a column) and sort events by name (stable), which reorders event times. So the stored spans
 * with their events sorted give the same columns, and the encoder counts repeated IDs anyway:
 * when it finds one, the trace is encoded again from the plan. Tested against the plan in
 * adjustedForColumns.test.ts.
 */
import { planAdjustments, type SpanSequence } from '../adjust/adjustPlan';
import type { Span, SpanEvent, Trace } from '../model/trace';
import { joinParts, TraceColumnsEncoder, type EncodedColumns } from './encodeTraceColumns';

const byName = (a: SpanEvent, b: SpanEvent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function withEventsByName(span: Span): Span {
  const events = span.events;
  for (let e = 1; e < events.length; e++) {
    if (events[e - 1].name > events[e].name) return { ...span, events: [...events].sort(byName) };
  }
  return span;
}

/** The stored spans as the columns of the adjusted trace read them, if no span ID repeats. */
function storedForColumns(trace: Trace): SpanSequence {
  const spans = trace.spans;
  return {
    traceId: trace.traceId,
    warnings: trace.warnings,
    length: spans.length,
    span: (i) => withEventsByName(spans[i]),
  };
}

function* encodeSteps(encoder: TraceColumnsEncoder, spansPerStep: number): Generator<void, EncodedColumns> {
  while (!encoder.done) {
    encoder.add(spansPerStep);
    if (!encoder.done) yield;
  }
  return encoder.finish();
}

/**
 * Encodes the adjusted trace's columns, pausing (yield) after every `spansPerStep` spans so
 * that a server can serve other requests in between.
 */
export function* adjustedColumnsSteps(
  trace: Trace,
  spansPerStep = Infinity,
): Generator<void, EncodedColumns> {
  const stored = yield* encodeSteps(new TraceColumnsEncoder(storedForColumns(trace)), spansPerStep);
  if (stored.duplicates === 0) return stored;
  // A repeated ID: the adjusters may rename, drop or keep spans, so the plan is read instead.
  return yield* encodeSteps(new TraceColumnsEncoder(planAdjustments(trace)), spansPerStep);
}

/** The adjusted trace's columns as one buffer. */
export function encodeAdjustedColumns(trace: Trace): Uint8Array {
  const steps = adjustedColumnsSteps(trace);
  for (;;) {
    const step = steps.next();
    if (step.done) return joinParts(step.value);
  }
}
