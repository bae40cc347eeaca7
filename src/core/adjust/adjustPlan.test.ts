import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attribute } from '../model/attributes';
import { SpanKind, StatusCode, type Resource, type Span, type Trace } from '../model/trace';
import { syntheticTrace } from '../testing/syntheticTrace';
import { adjustedTrace, planAdjustments, rawSequence, type SpanSequence } from './adjustPlan';
import { adjustTrace } from './adjustTrace';
import { indexSpanIds } from './spanIdIndex';

const TRACE_ID = 'ab'.repeat(16);

function spansOf(sequence: SpanSequence): Span[] {
  return Array.from({ length: sequence.length }, (_, i) => sequence.span(i));
}

const resources: Resource[] = [
  { serviceName: 'a', attributes: [{ key: 'service.name', type: 'string', value: 'a' }] },
  {
    serviceName: 'b',
    attributes: [
      { key: 'service.name', type: 'string', value: 'b' },
      { key: 'host.name', type: 'string', value: 'h1' },
    ],
  },
  {
    serviceName: 'c',
    attributes: [
      { key: 'service.name', type: 'string', value: 'c' },
      { key: 'host.name', type: 'string', value: 'h2' },
      { key: 'a.first', type: 'int64', value: 1n },
    ],
  },
];

const attributes = fc.array(
  fc.record({
    key: fc.constantFrom('x', 'b', 'a', 'host.name'),
    type: fc.constant('string' as const),
    value: fc.constantFrom('1', '2'),
  }),
  { maxLength: 3 },
) as fc.Arbitrary<Attribute[]>;

/** Few IDs, so that spans share them: copies, client/server pairs and missing parents all occur. */
const spanArb = fc.record({
  id: fc.integer({ min: 1, max: 6 }),
  parent: fc.integer({ min: 0, max: 7 }),
  kind: fc.constantFrom(SpanKind.Client, SpanKind.Server, SpanKind.Internal),
  start: fc.integer({ min: 0, max: 10 }),
  duration: fc.integer({ min: 0, max: 10 }),
  resource: fc.integer({ min: 0, max: 2 }),
  attributes,
  events: fc.array(fc.record({ name: fc.constantFrom('e', 'd'), attributes }), { maxLength: 2 }),
  warnings: fc.array(fc.constantFrom('w'), { maxLength: 1 }),
});

const hex16 = (n: number) => n.toString(16).padStart(16, '0');

type SpanRecord = typeof spanArb extends fc.Arbitrary<infer T> ? T : never;

function toSpan(r: SpanRecord): Span {
  return {
    traceId: TRACE_ID,
    spanId: hex16(r.id),
    parentSpanId: r.parent ? hex16(r.parent) : '',
    traceState: '',
    flags: 1,
    name: 'op',
    kind: r.kind,
    startTimeUnixNano: BigInt(r.start) * 1000n,
    endTimeUnixNano: BigInt(r.start + r.duration) * 1000n,
    attributes: r.attributes,
    events: r.events.map((e) => ({ timeUnixNano: 1n, ...e })),
    links: [],
    status: { code: StatusCode.Unset, message: '' },
    resource: resources[r.resource],
    scope: { name: 's', version: '', attributes: [] },
    warnings: r.warnings,
  };
}

describe('planAdjustments', () => {
  it('yields the spans of adjustTrace, in order, for any mix of shared IDs and copies', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 12 }), fc.boolean(), (records, copyFirst) => {
        const spans = records.map(toSpan);
        // Exact copies (same content, new object) are what dedupeSpans removes.
        if (copyFirst && spans.length) spans.push({ ...spans[0] });
        const trace: Trace = { traceId: TRACE_ID, spans, warnings: [] };
        expect(spansOf(planAdjustments(trace))).toEqual(adjustTrace(trace).spans);
        expect(adjustedTrace(trace)).toEqual(adjustTrace(trace));
      }),
      { numRuns: 500 },
    );
  });

  it('matches adjustTrace on a realistic trace, and shares one sorted resource per service', () => {
    const trace = syntheticTrace(3000, 7);
    const planned = spansOf(planAdjustments(trace));
    expect(planned).toEqual(adjustTrace(trace).spans);
    const byService = new Map<string, Set<Resource>>();
    for (const s of planned)
      byService.set(
        s.resource.serviceName,
        new Set([...(byService.get(s.resource.serviceName) ?? []), s.resource]),
      );
    expect(Math.max(...[...byService.values()].map((set) => set.size))).toBe(1);
  });

  it('keeps trace warnings and hands the raw spans through untouched', () => {
    const trace: Trace = { traceId: TRACE_ID, spans: [toSpan(fc.sample(spanArb, 1)[0])], warnings: ['t'] };
    const raw = rawSequence(trace);
    expect(raw.warnings).toEqual(['t']);
    expect(raw.span(0)).toBe(trace.spans[0]);
    expect(planAdjustments(trace).warnings).toEqual(['t']);
  });
});

describe('indexSpanIds', () => {
  it('finds the first position of every ID, hex or not, and tells whether one repeats', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 40 }).map((n) => hex16(n * 0x10001)),
            fc.constantFrom('AB', '00000000000000AB', 'x'),
          ),
          {
            maxLength: 60,
          },
        ),
        (ids) => {
          const { positions, repeated } = indexSpanIds((i) => ids[i], ids.length);
          expect(repeated).toBe(new Set(ids).size !== ids.length);
          for (const id of [...ids, hex16(999_999), '00000000000000ab'])
            expect(positions.get(id)).toBe(ids.includes(id) ? ids.indexOf(id) : undefined);
        },
      ),
      { numRuns: 300 },
    );
  });
});
