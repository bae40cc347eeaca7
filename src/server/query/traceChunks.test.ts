/**
 * The streamed trace responses against the one-string serializers they replace: for any trace,
 * any slice size and both layouts, the chunks put together are byte for byte the old output.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAdjustments, rawSequence } from '../../core/adjust/adjustPlan';
import { adjustTrace } from '../../core/adjust/adjustTrace';
import { envelope, type JaegerError } from '../../core/jaeger/jaegerJson';
import { traceFromJaeger } from '../../core/jaeger/fromJaegerJson';
import { toJaegerTrace } from '../../core/jaeger/toJaegerJson';
import type { Attribute, AttributeValue } from '../../core/model/attributes';
import {
  SpanKind,
  StatusCode,
  type Resource,
  type Scope,
  type Span,
  type Trace,
} from '../../core/model/trace';
import { spansFromOtlpJson } from '../../core/otlp/fromOtlpJson';
import { tracesToOtlpJson } from '../../core/otlp/toOtlpJson';
import { syntheticTrace } from '../../core/testing/syntheticTrace';
import { groupByTrace } from '../../core/trace/groupByTrace';
import { jaegerTraceChunks, type BodyChunk } from './jaegerTraceChunks';
import { otlpTraceChunks } from './otlpTraceChunks';

const testdata = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../core/testdata/${name}`, import.meta.url), 'utf8'));

/** What the v1 handlers sent before streaming: one JSON.stringify of the whole envelope. */
function oldV1(traces: readonly Trace[], raw: boolean, pretty: boolean, errors: JaegerError[] | null = null) {
  const data = traces.map((t) => {
    const a = raw ? t : adjustTrace(t);
    return toJaegerTrace(a.spans, a.warnings);
  });
  return JSON.stringify(envelope(data, 0, errors), null, pretty ? 4 : undefined);
}

/** What the v3 handlers sent before streaming. */
function oldV3(traces: readonly Trace[], raw: boolean) {
  return `{"result":${JSON.stringify(tracesToOtlpJson(raw ? traces : traces.map(adjustTrace)))}}`;
}

function streamedV1(
  traces: readonly Trace[],
  raw: boolean,
  pretty: boolean,
  errors: JaegerError[] | null = null,
  spansPerChunk?: number,
) {
  const sequences = traces.map((t) => (raw ? rawSequence(t) : planAdjustments(t)));
  return bodyText([...jaegerTraceChunks(sequences, { pretty, errors, spansPerChunk })]);
}

/** The body the chunks make, as the client reads it: every chunk's UTF-8 bytes, decoded once. */
function bodyText(chunks: readonly BodyChunk[]): string {
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString('utf8');
}

function streamedV3(traces: readonly Trace[], raw: boolean, spansPerChunk?: number) {
  const sequences = traces.map((t) => (raw ? rawSequence(t) : planAdjustments(t)));
  return bodyText([...otlpTraceChunks(sequences, spansPerChunk)]);
}

// Strings that JSON and Go escape differently, or not at all: quotes, controls, HTML, U+2028,
// non-BMP characters and a lone surrogate.
const text = fc.constantFrom(
  '',
  'a',
  'b"q',
  'back\\slash',
  'line\nbreak',
  '<&>',
  '\u2028',
  'é😀',
  '\ud800',
  'x',
);

const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(
  text.map((value) => ({ type: 'string' as const, value })),
  fc.boolean().map((value) => ({ type: 'bool' as const, value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type: 'int64' as const, value })),
  fc
    .oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e21, 5e-324))
    .map((value) => ({ type: 'float64' as const, value })),
  fc.constantFrom('AQID', 'AQI', '').map((value) => ({ type: 'binary' as const, value })),
  fc.constant({ type: 'empty' as const, value: null }),
);
const value: fc.Arbitrary<AttributeValue> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  fc.array(scalar, { maxLength: 2 }).map((value) => ({ type: 'array' as const, value })),
  fc
    .array(fc.tuple(text, scalar), { maxLength: 2 })
    .map((kvs) => ({ type: 'map' as const, value: kvs.map(([key, v]) => ({ key, ...v }) as Attribute) })),
);
const attributes = fc
  .array(
    fc.tuple(
      fc.constantFrom('b', 'a', 'event', 'host.name', '@jaeger@warnings', 'opentracing.ref_type', ''),
      value,
    ),
    { maxLength: 4 },
  )
  .map((kvs) => kvs.map(([key, v]) => ({ key, ...v }) as Attribute));

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const TRACE_ID = hex(0xabc, 32);

const resources: Resource[] = ['a', 'b', 'a'].map((name, i) => ({
  serviceName: name,
  attributes: [
    { key: 'service.name', type: 'string', value: name },
    ...(i === 1 ? [{ key: 'host.name', type: 'string' as const, value: 'h1' }] : []),
    { key: 'z', type: 'int64', value: BigInt(i % 2) },
  ],
}));
const scopes: Scope[] = [
  { name: 'lib', version: '1.0', attributes: [] },
  { name: '', version: '', attributes: [{ key: 'k', type: 'bool', value: true }] },
];

const spanArb = fc.record({
  id: fc.integer({ min: 1, max: 8 }),
  parent: fc.integer({ min: 0, max: 9 }),
  kind: fc.constantFrom(...Object.values(SpanKind)),
  flags: fc.constantFrom(0, 1, 0x101),
  name: text,
  start: fc.bigInt({ min: 0n, max: 2n ** 62n }),
  duration: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  attributes,
  events: fc.array(
    fc.record({ timeUnixNano: fc.bigInt({ min: 0n, max: 2n ** 62n }), name: text, attributes }),
    {
      maxLength: 2,
    },
  ),
  links: fc.array(
    fc.record({
      traceId: fc.constantFrom(TRACE_ID, hex(7, 32)),
      spanId: fc.integer({ min: 1, max: 9 }).map((n) => hex(n, 16)),
      traceState: fc.constantFrom('', 'k=v'),
      attributes,
    }),
    { maxLength: 2 },
  ),
  status: fc.record({ code: fc.constantFrom(...Object.values(StatusCode)), message: text }),
  traceState: fc.constantFrom('', 'a=b'),
  resource: fc.integer({ min: 0, max: resources.length - 1 }),
  scope: fc.integer({ min: 0, max: scopes.length - 1 }),
  warnings: fc.array(text, { maxLength: 2 }),
});
type SpanRecord = typeof spanArb extends fc.Arbitrary<infer T> ? T : never;

function toSpan(r: SpanRecord): Span {
  return {
    traceId: TRACE_ID,
    spanId: hex(r.id, 16),
    parentSpanId: r.parent ? hex(r.parent, 16) : '',
    traceState: r.traceState,
    flags: r.flags,
    name: r.name,
    kind: r.kind,
    startTimeUnixNano: r.start,
    endTimeUnixNano: r.start + r.duration,
    attributes: r.attributes,
    events: r.events,
    links: r.links,
    status: r.status,
    resource: resources[r.resource],
    scope: scopes[r.scope],
    warnings: r.warnings,
  };
}

const traceArb = fc
  .tuple(fc.array(spanArb, { maxLength: 10 }), fc.array(text, { maxLength: 1 }))
  .map(([spans, warnings]): Trace => ({ traceId: TRACE_ID, spans: spans.map(toSpan), warnings }));

describe('streamed trace responses', () => {
  it('write exactly the old Jaeger JSON and OTLP JSON for any traces, slice size and layout', () => {
    fc.assert(
      fc.property(
        fc.array(traceArb, { maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.constant<JaegerError[]>([{ msg: 'trace not found', traceID: '0000000000000001' }]), {
          nil: null,
        }),
        (traces, raw, pretty, spansPerChunk, errors) => {
          expect(streamedV1(traces, raw, pretty, errors, spansPerChunk)).toBe(
            oldV1(traces, raw, pretty, errors),
          );
          expect(streamedV3(traces, raw, spansPerChunk)).toBe(oldV3(traces, raw));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('write exactly the old output for Jaeger’s fixtures', () => {
    const otlp = groupByTrace(spansFromOtlpJson(testdata('otlp2jaeger-in.json')));
    const jaeger = [traceFromJaeger(testdata('jaeger-ui-01.json') as Parameters<typeof traceFromJaeger>[0])];
    for (const traces of [otlp, jaeger]) {
      for (const pretty of [false, true]) {
        for (const raw of [false, true]) {
          expect(streamedV1(traces, raw, pretty, null, 2)).toBe(oldV1(traces, raw, pretty));
        }
      }
      expect(streamedV3(traces, false, 2)).toBe(oldV3(traces, false));
    }
  });

  it('write exactly the old output for a realistic 2,500-span trace, in slices of the default size', () => {
    const trace = syntheticTrace(2500, 3);
    const v1 = [...jaegerTraceChunks([planAdjustments(trace)], { pretty: false })];
    expect(v1.length).toBeGreaterThan(3);
    expect(bodyText(v1)).toBe(oldV1([trace], false, false));
    expect(streamedV1([trace], false, true)).toBe(oldV1([trace], false, true));
    expect(bodyText([...otlpTraceChunks([planAdjustments(trace)])])).toBe(oldV3([trace], false));
  });

  it('answer no traces as the empty envelopes', () => {
    expect(streamedV1([], false, false)).toBe(oldV1([], false, false));
    expect(streamedV1([], false, true)).toBe(oldV1([], false, true));
    expect(streamedV3([], false)).toBe('{"result":{}}');
  });
});
