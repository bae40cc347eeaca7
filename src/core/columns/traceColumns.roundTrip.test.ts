/**
 * The key property of the columns: for any trace, what the page gets from the columns equals
 * what it computes from the Jaeger JSON the server writes for the same trace, through either of
 * the page's JSON decoders (the byte scan and the general one).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planAdjustments, type SpanSequence } from '../adjust/adjustPlan';
import { tracesFromJaegerResponse, traceFromJaeger } from '../jaeger/fromJaegerJson';
import type { JaegerTrace } from '../jaeger/jaegerJson';
import { writeJaegerSpan } from '../jaeger/jaegerSpanJson';
import { JsonByteWriter } from '../jaeger/jsonByteWriter';
import { JaegerProcessTable } from '../jaeger/toJaegerJson';
import { jaegerTraceId } from '../model/ids';
import type { Trace } from '../model/trace';
import { spansFromOtlpJson } from '../otlp/fromOtlpJson';
import { scanJaegerResponse } from '../jaeger/scanJaegerResponse';
import { syntheticTrace } from '../testing/syntheticTrace';
import { groupByTrace } from '../trace/groupByTrace';
import type { TraceColumns } from '../tree/traceColumns';
import { columnsOfTrace } from '../tree/traceIndex';
import { encodeAdjustedColumns } from './adjustedForColumns';
import { columnsEdgeCases } from './columnsEdgeCases.fixture';
import { decodeTraceColumns } from './decodeTraceColumns';
import { encodeTraceColumns, joinParts, TraceColumnsEncoder } from './encodeTraceColumns';

const decoder = new TextDecoder();
const utf8 = (bytes: Uint8Array) => decoder.decode(bytes);
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../testdata/${name}`, import.meta.url), 'utf8'));

/** The body of `GET /api/traces/{id}` for the sequence, written with the server's span writer. */
function jaegerResponse(sequence: SpanSequence): Uint8Array {
  const w = new JsonByteWriter();
  const table = new JaegerProcessTable();
  const traceId = sequence.length ? jaegerTraceId(sequence.span(0).traceId) : '';
  w.ascii(`{"data":[{"traceID":${JSON.stringify(traceId)},"spans":[`);
  for (let i = 0; i < sequence.length; i++) {
    const span = sequence.span(i);
    if (i) w.ascii(',');
    writeJaegerSpan(w, span, table.idJsonOf(span.resource));
  }
  const warnings = sequence.warnings.length ? [...sequence.warnings] : null;
  w.json(`],"processes":${JSON.stringify(table.processes)},"warnings":${JSON.stringify(warnings)}}]`);
  w.ascii(',"total":0,"limit":0,"offset":0,"errors":null}');
  return w.take().slice();
}

/** Event times and packed span IDs of decoded spans, as the scan gives them. */
function eventsAndIds(trace: Trace): Pick<TraceColumns, 'events' | 'spanIdBytes'> {
  const offsets = new Int32Array(trace.spans.length + 1);
  const times: number[] = [];
  const ids = new Uint8Array(16 * trace.spans.length);
  trace.spans.forEach((s, i) => {
    for (const e of s.events) times.push(Number(e.timeUnixNano / 1000n));
    offsets[i + 1] = times.length;
    for (let c = 0; c < 16; c++) ids[16 * i + c] = s.spanId.charCodeAt(c);
  });
  return { events: { offsets, timesUs: Float64Array.from(times) }, spanIdBytes: ids };
}

function expectColumnsAsJson(stored: Trace): TraceColumns {
  const sequence = planAdjustments(stored);
  const bytes = encodeTraceColumns(sequence);
  // What the server sends: the same bytes, mostly without building the adjusted spans.
  expect(encodeAdjustedColumns(stored)).toEqual(bytes);
  const columns = decodeTraceColumns(bytes);
  const body = jaegerResponse(sequence);

  // The page's fast path: the byte scan, then the columns of its lazy spans.
  const scanned = scanJaegerResponse(body, utf8);
  expect(scanned, 'the scan reads the response').not.toBeNull();
  if (scanned) {
    const viaScan = columnsOfTrace(scanned.trace, { times: scanned.times, parents: scanned.parents });
    expect(columns).toEqual({ ...viaScan, events: scanned.events, spanIdBytes: scanned.spanIdBytes });
  }
  // The general decoder, every column derived from span objects.
  const decoded = tracesFromJaegerResponse(JSON.parse(utf8(body)))[0];
  expect(columns).toEqual({ ...columnsOfTrace(decoded), ...eventsAndIds(decoded) });
  return columns;
}

const storedTraces = (name: string): Trace[] => {
  const json = fixture(name);
  return tracesFromJaegerResponse(json);
};

describe('trace columns equal the columns of the Jaeger JSON response', () => {
  it.each(Object.entries(columnsEdgeCases()))('%s', (_name, trace) => {
    expectColumnsAsJson(trace);
  });

  it('on the real Jaeger fixtures', () => {
    const traces: Trace[] = [
      ...storedTraces('jaeger-ui-01.json'),
      ...storedTraces('otlp2jaeger-out.json'),
      ...storedTraces('jaeger-ui-otlp2jaeger-multi-out.json'),
      ...storedTraces('jaeger-ui-genai-trace.json'),
      traceFromJaeger((fixture('jaeger-ui-flamegraph-trace.json') as { data: JaegerTrace }).data),
      traceFromJaeger({ traceID: '', spans: fixture('anonymizer-trace-success.json') } as JaegerTrace),
      ...groupByTrace(spansFromOtlpJson(fixture('memory-store-otel-traces-01.json'))),
      ...groupByTrace(spansFromOtlpJson(fixture('otlp2jaeger-in.json'))),
    ];
    expect(traces.length).toBeGreaterThan(8);
    for (const trace of traces) expectColumnsAsJson(trace);
  });

  it('on synthetic traces of a few thousand spans (batches, skew, events, errors)', () => {
    for (const [spans, seed] of [
      [3_000, 7],
      [5_000, 42],
    ]) {
      const columns = expectColumnsAsJson(syntheticTrace(spans, seed));
      expect(columns.spanCount).toBe(spans);
      expect(columns.events?.timesUs.length).toBeGreaterThan(0);
    }
  });

  it('carries what the edge cases are about', () => {
    const cases = columnsEdgeCases();
    const refs = decodeTraceColumns(
      encodeTraceColumns(planAdjustments(cases['follows-from and multiple references'])),
    );
    // Span 3's FOLLOWS_FROM parent loses to its CHILD_OF link (so it blocks its new parent);
    // span 4 hangs under its first link, a FOLLOWS_FROM one (untyped links are written so).
    expect([...refs.parents.parentOf]).toEqual([-1, 0, 1, 1, 0, 0, -1, -1, 0]);
    expect([...refs.flags].map((f) => f & 4)).toEqual([0, 4, 0, 4, 0, 0, 0, 0, 4]);
    expect(refs.parents.orphans).toBe(1);
    const cycles = decodeTraceColumns(
      encodeTraceColumns(planAdjustments(cases['orphans, a self-parent and a parent cycle'])),
    );
    expect(cycles.parents).toMatchObject({ orphans: 1, selfParents: 1, duplicates: 0 });
    const times = decodeTraceColumns(
      encodeTraceColumns(
        planAdjustments(cases['times cut to microseconds, zero and negative durations, sorted events']),
      ),
    );
    expect(times.times.minStart % 1000n).toBe(0n);
    // Events sorted by name (stable) by the adjusters, each cut to whole microseconds.
    const minUs = Number(times.times.minStart / 1000n);
    expect([...(times.events?.timesUs ?? [])].map((t) => t - minUs)).toEqual([5_007, 4_007, 5_008]);
  });

  it('is the same whether the spans are added at once or in slices', () => {
    const sequence = planAdjustments(syntheticTrace(2_000, 3));
    const encoder = new TraceColumnsEncoder(sequence);
    while (!encoder.done) encoder.add(333);
    expect(joinParts(encoder.finish())).toEqual(encodeTraceColumns(sequence));
  });
});
