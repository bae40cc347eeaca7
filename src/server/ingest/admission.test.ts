import { describe, expect, it } from 'vitest';
import { stringAttribute, type Attribute } from '../../core/model/attributes';
import { emptyScope, SpanKind, StatusCode, type Resource, type Span } from '../../core/model/trace';
import {
  admitSpans,
  EARLIEST_START_NS,
  NO_INGEST_LIMITS,
  truncateText,
  type IngestLimits,
} from './admission';

const NOW = 1_700_000_000_000_000_000n;
const HOUR_NS = 3_600_000_000_000n;
const resource: Resource = { serviceName: 'svc', attributes: [stringAttribute('service.name', 'svc')] };

function span(overrides: Partial<Span> = {}, n = 1): Span {
  return {
    traceId: '0'.repeat(31) + '1',
    spanId: n.toString(16).padStart(16, '0'),
    parentSpanId: '',
    traceState: '',
    flags: 1,
    name: 'op',
    kind: SpanKind.Server,
    startTimeUnixNano: NOW - 1_000_000n,
    endTimeUnixNano: NOW,
    attributes: [],
    events: [],
    links: [],
    status: { code: StatusCode.Unset, message: '' },
    resource,
    scope: emptyScope,
    warnings: [],
    ...overrides,
  };
}

const limits = (overrides: Partial<IngestLimits>): IngestLimits => ({ ...NO_INGEST_LIMITS, ...overrides });

describe('admitSpans', () => {
  it('passes spans through untouched, same objects, when nothing is over a limit', () => {
    const spans = [span({ attributes: [stringAttribute('a', 'short')] })];
    const result = admitSpans(
      spans,
      limits({
        maxAttributesPerSpan: 10,
        maxAttributeValueLength: 100,
        maxSpansPerRequest: 5,
        maxFutureSkewMs: 1,
      }),
      NOW,
    );
    expect(result).toEqual({ spans, rejected: 0, message: '' });
    expect(result.spans[0]).toBe(spans[0]);
  });

  it('refuses spans that start before 2000 or end too far ahead, and keeps the rest', () => {
    const spans = [
      span({}, 1),
      span({ startTimeUnixNano: 0n, endTimeUnixNano: 5n }, 2),
      span({ startTimeUnixNano: EARLIEST_START_NS - 1n, endTimeUnixNano: EARLIEST_START_NS + 1n }, 3),
      span({ startTimeUnixNano: NOW + 2n * HOUR_NS, endTimeUnixNano: NOW + 3n * HOUR_NS }, 4),
      span({ startTimeUnixNano: NOW, endTimeUnixNano: NOW + 2n * HOUR_NS }, 5),
      // End before start is repaired later by the sanitizer, not refused.
      span({ startTimeUnixNano: NOW, endTimeUnixNano: 0n }, 6),
    ];
    const result = admitSpans(spans, limits({ maxFutureSkewMs: 3_600_000 }), NOW);
    expect(result.spans.map((s) => s.spanId)).toEqual([spans[0].spanId, spans[5].spanId]);
    expect(result.rejected).toBe(4);
    expect(result.message).toBe(
      [
        '2 spans refused: start time before 2000-01-01T00:00:00Z (e.g. span 0000000000000002 starting 1970-01-01T00:00:00Z)',
        '1 span refused: start time too far in the future (max_future_skew) (e.g. span 0000000000000004 starting 2023-11-15T00:13:20Z)',
        '1 span refused: end time too far in the future (max_future_skew) (e.g. span 0000000000000005 starting 2023-11-14T22:13:20Z)',
      ].join('; '),
    );
  });

  it('does not look at the future when max_future_skew is 0, but still refuses the 1970s', () => {
    const result = admitSpans(
      [span({ startTimeUnixNano: NOW * 2n, endTimeUnixNano: NOW * 2n }), span({ startTimeUnixNano: 1n }, 2)],
      NO_INGEST_LIMITS,
      NOW,
    );
    expect(result.spans).toHaveLength(1);
    expect(result.rejected).toBe(1);
  });

  it('refuses the spans past the per-request limit', () => {
    const spans = Array.from({ length: 7 }, (_, i) => span({}, i + 1));
    const result = admitSpans(spans, limits({ maxSpansPerRequest: 5 }), NOW);
    expect(result.spans).toEqual(spans.slice(0, 5));
    expect(result.rejected).toBe(2);
    expect(result.message).toBe(
      '2 spans refused: over the limit of 5 spans per request (max_spans_per_request); send smaller batches (e.g. the 2 after the first 5)',
    );
  });

  it('truncates long values everywhere (attributes, nested values, names, events, resource) and says so on the span', () => {
    const long = 'x'.repeat(50);
    const nested: Attribute = {
      key: 'nested',
      type: 'map',
      value: [{ key: 'inner', type: 'array', value: [{ type: 'string', value: long }] }],
    };
    const big: Resource = { serviceName: long, attributes: [stringAttribute('service.name', long)] };
    const s = span({
      name: long,
      attributes: [stringAttribute('k', long), stringAttribute('ok', 'short'), nested],
      events: [{ timeUnixNano: NOW, name: 'e', attributes: [stringAttribute('ev', long)] }],
      status: { code: StatusCode.Error, message: long },
      resource: big,
    });
    const result = admitSpans([s], limits({ maxAttributeValueLength: 12 }), NOW);
    const out = result.spans[0];
    expect(result.rejected).toBe(0);
    expect(out.name).toBe('xxxxxxxxxxxx');
    expect(out.attributes[0]).toEqual(stringAttribute('k', 'xxxxxxxxxxxx'));
    expect(out.attributes[1]).toBe(s.attributes[1]);
    expect(out.attributes[2]).toEqual({
      key: 'nested',
      type: 'map',
      value: [{ key: 'inner', type: 'array', value: [{ type: 'string', value: 'xxxxxxxxxxxx' }] }],
    });
    expect(out.events[0].attributes[0]).toEqual(stringAttribute('ev', 'xxxxxxxxxxxx'));
    expect(out.status.message).toBe('xxxxxxxxxxxx');
    expect(out.resource).toEqual({
      serviceName: 'xxxxxxxxxxxx',
      attributes: [stringAttribute('service.name', 'xxxxxxxxxxxx')],
    });
    expect(out.warnings).toEqual([
      '7 values were truncated to 12 characters on ingest (max_attribute_value_length)',
    ]);
    expect(result.message).toBe(
      '7 values truncated to 12 characters (max_attribute_value_length), e.g. "k", "inner", "span name"',
    );
  });

  it('shares one limited resource between the spans that shared it', () => {
    const big: Resource = { serviceName: 's', attributes: [stringAttribute('host', 'y'.repeat(20))] };
    const result = admitSpans(
      [span({ resource: big }, 1), span({ resource: big }, 2)],
      limits({ maxAttributeValueLength: 4 }),
      NOW,
    );
    expect(result.spans[0].resource).toBe(result.spans[1].resource);
    expect(result.spans[0].resource.attributes[0]).toEqual(stringAttribute('host', 'yyyy'));
  });

  it('drops attributes past the count limit, keeping the first ones', () => {
    const attributes = Array.from({ length: 5 }, (_, i) => stringAttribute(`a${i}`, 'v'));
    const result = admitSpans(
      [
        span({
          attributes,
          links: [{ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceState: '', attributes }],
        }),
      ],
      limits({ maxAttributesPerSpan: 3 }),
      NOW,
    );
    const out = result.spans[0];
    expect(out.attributes.map((a) => a.key)).toEqual(['a0', 'a1', 'a2']);
    expect(out.links[0].attributes).toHaveLength(3);
    expect(out.warnings).toEqual([
      '4 attributes were dropped on ingest, past the limit of 3 per span, event or link (max_attributes_per_span)',
    ]);
    expect(result.message).toBe(
      '4 attributes dropped past the limit of 3 per span, event, link or resource (max_attributes_per_span)',
    );
  });

  it('keeps binary values decodable when cutting them', () => {
    const value = Buffer.alloc(30, 7).toString('base64');
    const result = admitSpans(
      [span({ attributes: [{ key: 'b', type: 'binary', value }] })],
      limits({ maxAttributeValueLength: 10 }),
      NOW,
    );
    const cut = result.spans[0].attributes[0];
    expect(cut.value).toBe(value.slice(0, 8));
    expect(Buffer.from(String(cut.value), 'base64').toString('base64')).toBe(cut.value);
  });
});

describe('truncateText', () => {
  it('never splits a surrogate pair', () => {
    expect(truncateText('ab😀cd', 3)).toBe('ab');
    expect(truncateText('ab😀cd', 4)).toBe('ab😀');
    expect(truncateText('abc', 5)).toBe('abc');
  });
});
