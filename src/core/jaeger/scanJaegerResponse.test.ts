import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import jaegerFixture from '../testdata/jaeger-ui-01.json';
import type { Span, Trace } from '../model/trace';
import { syntheticTrace } from '../testing/syntheticTrace';
import { spanParents, spanTimes } from '../tree/spanTree';
import { tracesFromJaegerResponse } from './fromJaegerJson';
import { envelope, type JaegerSpan, type JaegerTrace } from './jaegerJson';
import { DecodedSpans, LazyJaegerSpan, plainSpan } from './lazyJaegerSpan';
import { JaegerResponseScanner, scanJaegerResponse, type ScannedJaegerTrace } from './scanJaegerResponse';
import { toJaegerTrace } from './toJaegerJson';

const decoder = new TextDecoder();
const utf8 = (bytes: Uint8Array) => decoder.decode(bytes);
const encode = (body: unknown) =>
  new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));

/** Every field of a span through the Span interface, as a plain object. */
function fieldsOf(s: Span) {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    traceState: s.traceState,
    flags: s.flags,
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: s.startTimeUnixNano,
    endTimeUnixNano: s.endTimeUnixNano,
    attributes: s.attributes,
    events: s.events,
    links: s.links,
    status: { code: s.status.code, message: s.status.message },
    resource: s.resource,
    scope: s.scope,
    warnings: s.warnings,
  };
}

/** The scan agrees with the general decoder on everything the trace page and the index read. */
function expectSameAsGeneral(bytes: Uint8Array, scanned: ScannedJaegerTrace) {
  const general: Trace = tracesFromJaegerResponse(JSON.parse(utf8(bytes)))[0];
  expect(scanned.trace.traceId).toBe(general.traceId);
  expect(scanned.trace.warnings).toEqual(general.warnings);
  expect(scanned.trace.spans.map(fieldsOf)).toEqual(general.spans.map(fieldsOf));
  expect(scanned.times).toEqual(spanTimes(general.spans));
  expect(scanned.parents).toEqual(spanParents(general.spans));
  const eventTimes = general.spans.flatMap((s) => s.events.map((e) => Number(e.timeUnixNano / 1000n)));
  expect(Array.from(scanned.events.timesUs)).toEqual(eventTimes);
  expect(scanned.events.offsets[general.spans.length]).toBe(eventTimes.length);
}

function scan(bytes: Uint8Array): ScannedJaegerTrace {
  const scanned = scanJaegerResponse(bytes, utf8);
  if (!scanned) throw new Error('the scan did not handle this response');
  return scanned;
}

/** Feeds the response in pieces of the given sizes, as a download would. */
function scanInPieces(bytes: Uint8Array, sizes: number[]): ScannedJaegerTrace | null {
  const scanner = new JaegerResponseScanner(utf8);
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    at = Math.min(bytes.length, at + sizes[i % sizes.length]);
    scanner.advance(bytes.subarray(0, at));
  }
  return scanner.finish(bytes);
}

const jaegerBody = (trace: Trace) => encode(envelope([toJaegerTrace(trace.spans, trace.warnings)]));

describe('scanJaegerResponse', () => {
  it('reads a large realistic trace exactly as the general decoder does', () => {
    const bytes = jaegerBody(syntheticTrace(3_000, 5));
    expectSameAsGeneral(bytes, scan(bytes));
  });

  it('reads Jaeger UI test data and pretty-printed responses', () => {
    for (const body of [{ data: [jaegerFixture] }, JSON.stringify({ data: [jaegerFixture] }, null, 2)]) {
      const bytes = encode(body);
      expectSameAsGeneral(bytes, scan(bytes));
    }
  });

  it('gives the same result when the bytes arrive in pieces of any size', () => {
    for (const [spans, sizes] of [
      [12, [1]],
      [300, [7, 300, 2]],
      [300, [4096]],
      [300, [65_536]],
    ] as const) {
      const bytes = jaegerBody(syntheticTrace(spans, 2));
      const whole = scan(bytes);
      const pieces = scanInPieces(bytes, [...sizes]);
      expect(pieces?.trace.spans.map(fieldsOf)).toEqual(whole.trace.spans.map(fieldsOf));
      expect(pieces?.parents).toEqual(whole.parents);
      expect(pieces?.events).toEqual(whole.events);
    }
  });

  it('leaves other shapes and broken responses to the general decoder', () => {
    const trace = jaegerFixture as unknown as JaegerTrace;
    const first = trace.spans[0];
    const withSpan = (span: Partial<JaegerSpan> & Record<string, unknown>) => ({
      data: [{ ...trace, spans: [{ ...first, ...span }] }],
    });
    for (const body of [
      [trace],
      trace,
      { data: [] },
      { data: null, errors: [{ msg: 'trace not found' }] },
      withSpan({ process: { serviceName: 'embedded', tags: [] } }),
      withSpan({ spanID: 'not hex' }),
      withSpan({ startTime: '1' as unknown as number }),
      withSpan({ duration: undefined }),
      '{"data":[{"traceID":"1","spans":[{"spanID":"01"',
      '<html>',
    ]) {
      expect(scanJaegerResponse(encode(body), utf8)).toBeNull();
      expect(scanInPieces(encode(body), [3])).toBeNull();
    }
  });

  it('makes lazy spans that decode on use and cross postMessage as plain objects', () => {
    const bytes = jaegerBody(syntheticTrace(50, 9));
    const span = scan(bytes).trace.spans.find((s) => s.events.length > 0);
    expect(span).toBeInstanceOf(LazyJaegerSpan);
    const plain = plainSpan(span as Span);
    expect(plain).not.toBeInstanceOf(LazyJaegerSpan);
    expect(structuredClone(plain)).toEqual(plain);
    expect(plain.events).toBe((span as Span).events);
  });

  it('keeps every decoded span of a trace up to a size, and only recent ones beyond', () => {
    const span = syntheticTrace(1, 1).spans[0];
    const small = new DecodedSpans(10, 10, 2);
    const large = new DecodedSpans(11, 10, 2);
    for (const cache of [small, large]) for (let at = 0; at < 5; at++) cache.set(at, span);
    expect(small.keepsAll).toBe(true);
    expect([0, 1, 2, 3, 4].map((at) => small.get(at) === span)).toEqual([true, true, true, true, true]);
    expect(large.keepsAll).toBe(false);
    expect([0, 1, 2, 3, 4].map((at) => large.get(at) === span)).toEqual([false, false, false, true, true]);
  });

  it('agrees with the general decoder on arbitrary spans (property)', () => {
    const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
    const TRACE = 'abcdef0123456789abcdef0123456789';
    const spanIds = ['00000000000000a1', '00000000000000a2', '00000000000000a3', 'A4', '00000000000000a1'];
    const tagValue = fc.oneof(
      fc.constantFrom('server', 'client', 'ERROR', 'OK', 'true', 'false', '404', '500'),
      fc.constantFrom(true, false, null, 200, 404, 503, 1.5),
      fc.string(),
    );
    const tag = fc.record(
      {
        key: fc.constantFrom(
          'span.kind',
          'error',
          'otel.status_code',
          'otel.status_description',
          'http.status_code',
          'http.status_message',
          'otel.scope.name',
          'w3c.tracestate',
          'http.method',
          'db.statement',
          'ünïcode',
        ),
        type: fc.constantFrom('string', 'bool', 'int64', 'float64'),
        value: tagValue,
      },
      { requiredKeys: ['key'] },
    );
    const reference = fc.record({
      refType: fc.constantFrom('CHILD_OF', 'FOLLOWS_FROM'),
      traceID: fc.constantFrom(TRACE, TRACE.toUpperCase(), '0123456789abcdef'),
      spanID: fc.oneof(fc.constantFrom(...spanIds, 'zz'), hex(16)),
    });
    const span = fc.record(
      {
        traceID: fc.constantFrom(TRACE, TRACE.toUpperCase()),
        spanID: fc.constantFrom(...spanIds),
        parentSpanID: fc.constantFrom('', '00000000000000a1', 'a2', 'xyz'),
        flags: fc.integer({ min: 0, max: 3 }),
        operationName: fc.oneof(fc.string(), fc.constant(null)),
        references: fc.array(reference, { maxLength: 3 }),
        startTime: fc.oneof(
          fc.integer({ min: 1_700_000_000_000_000, max: 1_700_000_100_000_000 }),
          fc.double({ min: 1.7e15, max: 1.7e15 + 1e8, noNaN: true }),
        ),
        duration: fc.integer({ min: -5, max: 1_000_000 }),
        tags: fc.array(tag, { maxLength: 6 }),
        logs: fc.array(
          fc.record({
            timestamp: fc.integer({ min: 1_700_000_000_000_000, max: 1_700_000_100_000_000 }),
            fields: fc.array(tag, { maxLength: 2 }),
          }),
          { maxLength: 2 },
        ),
        processID: fc.constantFrom('p1', 'p2', '', 'missing'),
        warnings: fc.oneof(fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
      },
      { requiredKeys: ['traceID', 'spanID', 'startTime', 'duration'] },
    );
    const response = fc.record({
      spans: fc.array(span, { minLength: 1, maxLength: 6 }),
      pretty: fc.boolean(),
      warnings: fc.oneof(fc.constant(null), fc.array(fc.string(), { maxLength: 1 })),
    });
    let handled = 0;
    const agrees = fc.property(response, ({ spans, pretty, warnings }) => {
      const trace = {
        traceID: TRACE,
        spans,
        processes: {
          p1: { serviceName: 'one', tags: [{ key: 'hostname', value: 'h' }] },
          p2: { serviceName: 'two', tags: [] },
        },
        warnings,
      };
      const bytes = encode(JSON.stringify({ data: [trace], total: 0 }, null, pretty ? 2 : undefined));
      const scanned = scanJaegerResponse(bytes, utf8);
      let general: Trace | null = null;
      try {
        general = tracesFromJaegerResponse(JSON.parse(utf8(bytes)))[0];
      } catch {
        // The general decoder refuses it (e.g. a float time it cannot make a bigint of).
      }
      if (scanned === null) return;
      handled++;
      expect(general).not.toBeNull();
      expectSameAsGeneral(bytes, scanned);
    });
    // Exploration: a new seed each run.
    fc.assert(agrees, { numRuns: 300 });
    // The property says something only if the scan takes most of these responses: counted on a
    // fixed seed, so that this is a fact about the generator and not a draw.
    handled = 0;
    fc.assert(agrees, { numRuns: 300, seed: 20261124 });
    expect(handled).toBeGreaterThan(200);
  });
});
