/**
 * A v1 traces response (`{"data":[trace…],"total":0,"limit":0,"offset":0,"errors":…}`) as a
 * sequence of text chunks whose concatenation is byte for byte what
 * `JSON.stringify(envelope(traces.map(toJaegerTrace)), null, pretty ? 4 : undefined)` writes,
 * so that a trace of any size can be streamed: each chunk adjusts, converts and serializes a
 * slice of spans, and the processes table (which follows the spans) is written last.
 */
import type { SpanSequence } from '../../core/adjust/adjustPlan';
import type { JaegerError } from '../../core/jaeger/jaegerJson';
import { writeJaegerSpan } from '../../core/jaeger/jaegerSpanJson';
import { JsonByteWriter } from '../../core/jaeger/jsonByteWriter';
import { JaegerProcessTable, toJaegerSpan } from '../../core/jaeger/toJaegerJson';
import { jaegerTraceId } from '../../core/model/ids';

/** Spans per chunk: about 1 MB of JSON, a few milliseconds of work between two turns of the event loop. */
export const SPANS_PER_CHUNK = 1000;

/** A piece of the body: text, or UTF-8 bytes written directly (the compact span lists). */
export type BodyChunk = string | Uint8Array;

export interface JaegerChunkOptions {
  /** `prettyPrint`: indented with 4 spaces, as JSON.stringify(…, null, 4). */
  pretty: boolean;
  errors?: JaegerError[] | null;
  spansPerChunk?: number;
}

/** JSON layout: separators and indentation of JSON.stringify, compact or with 4-space indents. */
class Layout {
  constructor(readonly pretty: boolean) {}

  /** A line break and the indentation of `depth` (nothing when compact). */
  nl(depth: number): string {
    return this.pretty ? `\n${'    '.repeat(depth)}` : '';
  }

  key(name: string): string {
    return this.pretty ? `"${name}": ` : `"${name}":`;
  }

  /** A whole value, nested at `depth`. */
  value(v: unknown, depth: number): string {
    if (!this.pretty) return JSON.stringify(v);
    return JSON.stringify(v, null, 4).replace(/\n/g, this.nl(depth));
  }
}

export function* jaegerTraceChunks(
  traces: readonly SpanSequence[],
  { pretty, errors = null, spansPerChunk = SPANS_PER_CHUNK }: JaegerChunkOptions,
): Generator<BodyChunk, void, undefined> {
  const l = new Layout(pretty);
  let head = `{${l.nl(1)}${l.key('data')}`;
  if (traces.length === 0) head += '[]';
  else {
    head += '[';
    for (let t = 0; t < traces.length; t++) {
      head += `${t ? ',' : ''}${l.nl(2)}`;
      yield head;
      yield* traceChunks(traces[t], l, spansPerChunk);
      head = '';
    }
    head += `${l.nl(1)}]`;
  }
  const tail = [
    `${l.key('total')}0`,
    `${l.key('limit')}0`,
    `${l.key('offset')}0`,
    `${l.key('errors')}${l.value(errors, 1)}`,
  ];
  yield `${head},${l.nl(1)}${tail.join(`,${l.nl(1)}`)}${l.nl(0)}}`;
}

/** One trace object at depth 2: `{"traceID":…,"spans":[…],"processes":{…},"warnings":…}`. */
function* traceChunks(trace: SpanSequence, l: Layout, spansPerChunk: number): Generator<BodyChunk> {
  const traceId = trace.length ? jaegerTraceId(trace.span(0).traceId) : '';
  let text = `{${l.nl(3)}${l.key('traceID')}${JSON.stringify(traceId)},${l.nl(3)}${l.key('spans')}`;
  const table = new JaegerProcessTable();
  if (trace.length === 0) text += '[]';
  else {
    text += '[';
    const w = l.pretty ? null : new JsonByteWriter();
    for (let from = 0; from < trace.length; from += spansPerChunk) {
      const to = Math.min(trace.length, from + spansPerChunk);
      if (w) {
        w.ascii(`${text}${from ? ',' : ''}`);
        writeSpanList(w, trace, from, to, table);
        yield w.take();
      } else yield `${text}${from ? ',' : ''}${prettySpanList(trace, from, to, table, l)}`;
      text = '';
    }
    text = `${l.nl(3)}]`;
  }
  const warnings = trace.warnings.length ? [...trace.warnings] : null;
  yield `${text},${l.nl(3)}${l.key('processes')}${l.value(table.processes, 3)},${l.nl(3)}${l.key('warnings')}${l.value(warnings, 3)}${l.nl(2)}}`;
}

/** Spans `from` to `to` as elements of the compact spans array, without the brackets. */
function writeSpanList(
  w: JsonByteWriter,
  trace: SpanSequence,
  from: number,
  to: number,
  table: JaegerProcessTable,
): void {
  // Written as bytes (jaegerSpanJson.ts): many times faster than objects and JSON.stringify.
  for (let i = from; i < to; i++) {
    const span = trace.span(i);
    if (i > from) w.ascii(',');
    writeJaegerSpan(w, span, table.idJsonOf(span.resource));
  }
}

/** Spans `from` to `to` as elements of the indented spans array (depth 4), without the brackets. */
function prettySpanList(
  trace: SpanSequence,
  from: number,
  to: number,
  table: JaegerProcessTable,
  l: Layout,
): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const span = trace.span(i);
    parts.push(`${l.nl(4)}${l.value(toJaegerSpan(span, table.idOf(span.resource)), 4)}`);
  }
  return parts.join(',');
}
