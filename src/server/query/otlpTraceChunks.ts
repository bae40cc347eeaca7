/**
 * An API v3 traces response (`{"result":<OTLP TracesData>}`) as a sequence of text chunks whose
 * concatenation is byte for byte `{"result":${JSON.stringify(tracesToOtlpJson(traces))}}`, so
 * that a trace of any size can be streamed. Spans are grouped under their resource and scope by
 * the same rule as tracesToOtlpJson (ResourceScopeGrouping), one trace after the other.
 */
import type { SpanSequence } from '../../core/adjust/adjustPlan';
import { ResourceScopeGrouping, resourceJson, scopeJson, spanJson } from '../../core/otlp/toOtlpJson';
import { SPANS_PER_CHUNK } from './jaegerTraceChunks';

export function* otlpTraceChunks(
  traces: readonly SpanSequence[],
  spansPerChunk = SPANS_PER_CHUNK,
): Generator<string, void, undefined> {
  if (traces.every((t) => t.length === 0)) {
    yield '{"result":{}}';
    return;
  }
  let text = '{"result":{"resourceSpans":[';
  let groups = 0;
  for (const trace of traces) {
    const grouping = new ResourceScopeGrouping();
    for (let from = 0; from < trace.length; from += spansPerChunk) {
      const to = Math.min(trace.length, from + spansPerChunk);
      const parts: string[] = [text];
      for (let i = from; i < to; i++) {
        const span = trace.span(i);
        const group = grouping.next(span);
        if (group === 'resource') {
          if (groups++) parts.push(']}]},');
          parts.push(`{"resource":${JSON.stringify(resourceJson(span.resource))},"scopeSpans":[`);
        } else if (group === 'scope') parts.push(']},');
        else parts.push(',');
        if (group !== 'same') parts.push(`{"scope":${JSON.stringify(scopeJson(span.scope))},"spans":[`);
        parts.push(JSON.stringify(spanJson(span)));
      }
      yield parts.join('');
      text = '';
    }
  }
  yield ']}]}]}}';
}
