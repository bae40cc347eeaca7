/**
 * An API v3 traces response (`{"result":<OTLP TracesData>}`) as a sequence of UTF-8 chunks whose
 * concatenation is byte for byte `{"result":${JSON.stringify(tracesToOtlpJson(traces))}}`, so
 * that a trace of any size can be streamed. Spans are grouped under their resource and scope by
 * the same rule as tracesToOtlpJson (ResourceScopeGrouping), one trace after the other.
 */
import type { SpanSequence } from '../../core/adjust/adjustPlan';
import { JsonByteWriter } from '../../core/jaeger/jsonByteWriter';
import { writeOtlpSpan } from '../../core/otlp/otlpSpanBytes';
import { ResourceScopeGrouping, resourceJson, scopeJson } from '../../core/otlp/toOtlpJson';
import { SPANS_PER_CHUNK, type BodyChunk } from './jaegerTraceChunks';

export function* otlpTraceChunks(
  traces: readonly SpanSequence[],
  spansPerChunk = SPANS_PER_CHUNK,
): Generator<BodyChunk, void, undefined> {
  if (traces.every((t) => t.length === 0)) {
    yield '{"result":{}}';
    return;
  }
  const w = new JsonByteWriter();
  w.ascii('{"result":{"resourceSpans":[');
  let groups = 0;
  for (const trace of traces) {
    const grouping = new ResourceScopeGrouping();
    for (let from = 0; from < trace.length; from += spansPerChunk) {
      const to = Math.min(trace.length, from + spansPerChunk);
      for (let i = from; i < to; i++) {
        const span = trace.span(i);
        const group = grouping.next(span);
        if (group === 'resource') {
          if (groups++) w.ascii(']}]},');
          w.ascii('{"resource":');
          w.json(JSON.stringify(resourceJson(span.resource)));
          w.ascii(',"scopeSpans":[');
        } else if (group === 'scope') w.ascii(']},');
        else w.ascii(',');
        if (group !== 'same') {
          w.ascii('{"scope":');
          w.json(JSON.stringify(scopeJson(span.scope)));
          w.ascii(',"spans":[');
        }
        writeOtlpSpan(w, span);
      }
      yield w.take();
    }
  }
  yield ']}]}]}}';
}
