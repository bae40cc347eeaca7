/**
 * The JSON view's documents: the body exactly as received, and the trace as this app read it
 * (after its adjustments) written back as Jaeger JSON or OTLP JSON. Each is kept as bytes with
 * an index of its pretty-printed lines, built a slice per request, so the page asks only for
 * the lines on screen and a 70 MB trace never becomes one string or one DOM node.
 */
import { JsonLineIndexer, jsonLineRange, type JsonLine } from '../../../core/analysis/jsonLines';
import { envelope } from '../../../core/jaeger/jaegerJson';
import { toJaegerTrace } from '../../../core/jaeger/toJaegerJson';
import { tracesToOtlpJson } from '../../../core/otlp/toOtlpJson';
import { defineAnalysis, type AnalysisContext } from './analysis';
import { perTrace } from './perTrace';

export type JsonSource = 'received' | 'jaeger' | 'otlp';

/**
 * The first request indexes only this much, so the first screen of a 70 MB trace shows at once;
 * each later one indexes the next slice, answering line requests in between.
 */
const FIRST_SLICE_BYTES = 1 << 20;
const SLICE_BYTES = 4 << 20;

/** Longest line text sent to the page; the rest is counted, and there in the download. */
const MAX_LINE_CHARS = 4000;
/** Lines per request at most: a screenful is ~50. */
const MAX_LINES = 2000;

const documentsOf = perTrace(() => new Map<JsonSource, JsonLineIndexer>());

function serialise(context: AnalysisContext, source: JsonSource): Uint8Array {
  if (source === 'received') return context.body;
  const { trace } = context.index;
  const value =
    source === 'jaeger' ? envelope([toJaegerTrace(trace.spans, trace.warnings)]) : tracesToOtlpJson([trace]);
  return new TextEncoder().encode(JSON.stringify(value));
}

function documentOf(context: AnalysisContext, source: JsonSource): JsonLineIndexer {
  const documents = documentsOf(context);
  let doc = documents.get(source);
  if (!doc) {
    doc = new JsonLineIndexer(serialise(context, source));
    documents.set(source, doc);
  }
  return doc;
}

export interface JsonOutline {
  byteLength: number;
  /** Lines found so far. */
  lineCount: number;
  /** Bytes indexed so far; the document is complete when this is its length. */
  indexedBytes: number;
  complete: boolean;
}

/** Indexes the next slice of the document and says how far it has got; ask until complete. */
export const jsonOutlineAnalysis = defineAnalysis((context, params: { source: JsonSource }) => {
  const doc = documentOf(context, params.source);
  if (!doc.done) doc.advance(doc.position === 0 ? FIRST_SLICE_BYTES : SLICE_BYTES);
  const result: JsonOutline = {
    byteLength: doc.bytes.length,
    lineCount: doc.lines().count,
    indexedBytes: doc.position,
    complete: doc.done,
  };
  return { result };
});

export const jsonLinesAnalysis = defineAnalysis(
  (context, params: { source: JsonSource; from: number; to: number }) => {
    const doc = documentOf(context, params.source);
    const to = Math.min(params.to, params.from + MAX_LINES);
    const result: JsonLine[] = jsonLineRange(doc.bytes, doc.lines(), params.from, to, MAX_LINE_CHARS);
    return { result };
  },
);

/** A copy of the whole document, for a download or the clipboard. */
export const jsonBytesAnalysis = defineAnalysis((context, params: { source: JsonSource }) => {
  const bytes = documentOf(context, params.source).bytes.slice();
  return { result: bytes, transfer: [bytes.buffer] };
});
