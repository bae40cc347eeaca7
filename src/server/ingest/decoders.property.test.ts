/**
 * Property tests of the ingest decoders: whatever arrives, the result is spans that keep the
 * model's invariants or a DecodeError (which the receivers answer with a 4xx), never another
 * exception and never a slow path. Inputs range from random values to near-valid requests with
 * one field wrong, where decoders are most likely to slip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../core/model/decodeError';
import type { Span } from '../../core/model/trace';
import { spansFromOtlpJson } from '../../core/otlp/fromOtlpJson';
import { spansFromZipkinV2 } from '../../core/zipkin/fromZipkinV2';
import { ExportTraceServiceRequest } from './otlpProto';
import { spansFromOtlpWire } from './otlpWireDecode';

const RUNS = 400;
/** A decode of these small inputs that takes longer than this is a hang in the making. */
const SLOW_MS = 1000;

/** How the runs of one property ended, to check that the inputs reach deep into the decoder. */
class Outcomes {
  withSpans = 0;
  /** DecodeErrors about a field inside a span, past the envelope. */
  deepErrors = 0;
  runs = 0;
}

function expectSpansOrDecodeError(decode: () => Span[], outcomes = new Outcomes()): void {
  const started = performance.now();
  let spans: Span[] | undefined;
  outcomes.runs++;
  try {
    spans = decode();
    if (spans.length > 0) outcomes.withSpans++;
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    expect(err.message.length).toBeGreaterThan(0);
    if (/spans\[\d+\]/.test(err.message)) outcomes.deepErrors++;
  }
  expect(performance.now() - started).toBeLessThan(SLOW_MS);
  for (const span of spans ?? []) {
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(span.parentSpanId).toMatch(/^([0-9a-f]{16})?$/);
    expect(typeof span.startTimeUnixNano).toBe('bigint');
    expect(typeof span.endTimeUnixNano).toBe('bigint');
    expect(typeof span.name).toBe('string');
    expect(typeof span.resource.serviceName).toBe('string');
  }
}

/**
 * The property on `runs` inputs from a new seed each time (exploration), then on a fixed seed
 * with coverage counted: that a few inputs decode to spans and a few fail inside a span is a fact
 * about the generator checked once, not a draw that fails one run in thirty.
 */
function checkDecoder<T>(inputs: fc.Arbitrary<T>, decode: (input: T) => Span[], runs: number): void {
  fc.assert(
    fc.property(inputs, (input) => expectSpansOrDecodeError(() => decode(input))),
    { numRuns: runs },
  );
  const outcomes = new Outcomes();
  fc.assert(
    fc.property(inputs, (input) => expectSpansOrDecodeError(() => decode(input), outcomes)),
    { numRuns: runs, seed: COVERAGE_SEED },
  );
  expectDeepCoverage(outcomes);
}

const COVERAGE_SEED = 20261124;

/** At least a few runs decoded spans and a few failed inside a span: the inputs are not all rejected at the door. */
function expectDeepCoverage(outcomes: Outcomes): void {
  expect(outcomes.withSpans, 'runs that decoded spans').toBeGreaterThan(outcomes.runs * 0.02);
  expect(outcomes.deepErrors, 'runs refused inside a span').toBeGreaterThan(outcomes.runs * 0.02);
}

// Values a careless decoder trips on: wrong types, huge and negative numbers, odd strings.
const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: length, maxLength: length });
const oddString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    'NaN',
    '-1',
    '1e309',
    '18446744073709551616',
    '0x10',
    ' 1',
    '\u0000',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'binary' }),
);
const leaf = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({}),
);
/** A valid value most of the time and a wrong one now and then, so that runs get deep into a span. */
function mostly<T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown> = leaf): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: wrong });
}

const timeLike = mostly(
  fc.oneof(
    fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
    fc.bigInt({ min: 0n, max: 2n ** 53n }).map(Number),
  ),
);
const text = mostly(fc.string());

const anyValue = fc.letrec((tie) => ({
  value: mostly(
    fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ stringValue: text }),
      fc.record({
        intValue: mostly(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String), timeLike),
      }),
      fc.record({ doubleValue: mostly(fc.double()) }),
      fc.record({ boolValue: mostly(fc.boolean()) }),
      fc.record({ bytesValue: mostly(fc.base64String()) }),
      fc.record({ arrayValue: mostly(fc.record({ values: fc.array(tie('value'), { maxLength: 3 }) })) }),
      fc.record({
        kvlistValue: mostly(
          fc.record({ values: fc.array(fc.record({ key: text, value: tie('value') }), { maxLength: 3 }) }),
        ),
      }),
    ),
  ),
})).value;

const keyValues = mostly(fc.array(fc.record({ key: text, value: anyValue }), { maxLength: 4 }));

const otlpSpan = fc.record(
  {
    traceId: mostly(hex(32), fc.oneof(hex(16), leaf)),
    spanId: mostly(hex(16)),
    parentSpanId: mostly(fc.oneof(hex(16), fc.constant(''))),
    traceState: text,
    flags: mostly(fc.nat()),
    name: text,
    kind: mostly(
      fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('SPAN_KIND_CLIENT', 'SPAN_KIND_SERVER')),
    ),
    startTimeUnixNano: timeLike,
    endTimeUnixNano: timeLike,
    attributes: keyValues,
    events: mostly(
      fc.array(
        fc.record({ timeUnixNano: timeLike, name: text, attributes: keyValues }, { requiredKeys: [] }),
        {
          maxLength: 2,
        },
      ),
    ),
    links: mostly(
      fc.array(
        fc.record(
          { traceId: mostly(hex(32)), spanId: mostly(hex(16)), attributes: keyValues },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    ),
    status: mostly(
      fc.record({ code: mostly(fc.integer({ min: 0, max: 2 })), message: text }, { requiredKeys: [] }),
    ),
  },
  { requiredKeys: ['traceId', 'spanId'] },
);

const otlpJsonBody = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      resourceSpans: mostly(
        fc.array(
          fc.record(
            {
              resource: mostly(fc.record({ attributes: keyValues })),
              scopeSpans: mostly(
                fc.array(
                  fc.record(
                    {
                      scope: mostly(
                        fc.record({ name: text, version: text, attributes: keyValues }, { requiredKeys: [] }),
                      ),
                      spans: mostly(fc.array(otlpSpan, { minLength: 1, maxLength: 3 })),
                    },
                    { requiredKeys: ['spans'] },
                  ),
                  { minLength: 1, maxLength: 2 },
                ),
              ),
            },
            { requiredKeys: ['scopeSpans'] },
          ),
          { minLength: 1, maxLength: 2 },
        ),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.anything() },
);

describe('OTLP/JSON decoder', () => {
  it('yields spans or a DecodeError for any input', () => {
    checkDecoder(otlpJsonBody, (body) => spansFromOtlpJson(body), RUNS);
  });

  it('also for any text that JSON.parse accepts, as the receiver feeds it', () => {
    fc.assert(
      fc.property(fc.json(), (text) => expectSpansOrDecodeError(() => spansFromOtlpJson(JSON.parse(text)))),
      { numRuns: RUNS },
    );
  });
});

/** Valid requests as protobuf bytes, the seeds of the mutations below. */
const validProtobuf = fc
  .array(
    fc.record({
      traceId: fc.uint8Array({ minLength: 16, maxLength: 16 }),
      spanId: fc.uint8Array({ minLength: 8, maxLength: 8 }),
      name: fc.string(),
      start: fc.bigInt({ min: 0n, max: 2n ** 63n }),
      attributes: fc.array(fc.tuple(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), {
        maxLength: 3,
      }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((spans) => {
    const value = (v: string | number | boolean) =>
      typeof v === 'string' ? { stringValue: v } : typeof v === 'number' ? { intValue: v } : { boolValue: v };
    const message = ExportTraceServiceRequest.fromObject({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          scopeSpans: [
            {
              scope: { name: 'lib' },
              spans: spans.map((s) => ({
                traceId: Buffer.from(s.traceId).toString('base64'),
                spanId: Buffer.from(s.spanId).toString('base64'),
                name: s.name,
                kind: 2,
                startTimeUnixNano: s.start.toString(),
                endTimeUnixNano: (s.start + 1000n).toString(),
                attributes: s.attributes.map(([key, v]) => ({ key, value: value(v) })),
                events: [{ timeUnixNano: s.start.toString(), name: 'e' }],
                status: { code: 2, message: 'm' },
              })),
            },
          ],
        },
      ],
    });
    return ExportTraceServiceRequest.encode(message).finish();
  });

type Mutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 12 }) }),
);

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.kind === 'set') out[at] = m.byte;
    else if (m.kind === 'cut') out = out.subarray(0, at);
    else out = Uint8Array.from([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
  }
  return out;
}

describe('OTLP protobuf wire decoder', () => {
  it('decodes every valid request', () => {
    fc.assert(
      fc.property(validProtobuf, (bytes) => {
        const spans = spansFromOtlpWire(bytes);
        expect(spans.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  it('yields spans or a DecodeError for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) =>
        expectSpansOrDecodeError(() => spansFromOtlpWire(bytes)),
      ),
      { numRuns: RUNS },
    );
  });

  it('yields spans or a DecodeError for valid requests with bytes changed, cut or inserted', () => {
    const mutated = fc.tuple(validProtobuf, fc.array(mutation, { minLength: 1, maxLength: 4 }));
    checkDecoder(mutated, ([bytes, mutations]) => spansFromOtlpWire(mutate(bytes, mutations)), RUNS * 2);
  });
});

const zipkinEndpoint = mostly(
  fc.record(
    {
      serviceName: text,
      ipv4: mostly(fc.ipV4()),
      ipv6: mostly(fc.ipV6()),
      port: mostly(fc.nat({ max: 65535 })),
    },
    { requiredKeys: [] },
  ),
);
const micros = mostly(fc.integer({ min: 1, max: 2 ** 52 }));
const zipkinSpan = fc.record(
  {
    traceId: mostly(fc.oneof(hex(16), hex(32))),
    id: mostly(hex(16)),
    parentId: mostly(hex(16)),
    name: text,
    kind: mostly(
      fc.constantFrom('CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'),
      fc.oneof(fc.constant('WEIRD'), leaf),
    ),
    timestamp: micros,
    duration: micros,
    debug: mostly(fc.boolean()),
    shared: mostly(fc.boolean()),
    localEndpoint: zipkinEndpoint,
    remoteEndpoint: zipkinEndpoint,
    annotations: mostly(fc.array(fc.record({ timestamp: micros, value: text }), { maxLength: 2 })),
    tags: mostly(fc.dictionary(fc.string(), text, { maxKeys: 4 })),
  },
  { requiredKeys: ['traceId', 'id'] },
);

describe('Zipkin v2 decoder', () => {
  it('yields spans or a DecodeError for any input', () => {
    const body = fc.oneof(
      { weight: 6, arbitrary: fc.array(zipkinSpan, { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.jsonValue() },
      { weight: 1, arbitrary: fc.anything() },
    );
    checkDecoder(body, (b) => spansFromZipkinV2(b), RUNS);
  });
});
