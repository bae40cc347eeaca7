import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode, type Span } from '../model/trace';
import {
  adjustTrace,
  clockSkewWarnings,
  dedupeClientServerSpanIds,
  dedupeSpans,
  goDuration,
  sortCollections,
} from './adjustTrace';

const resource = (host = '') => ({
  serviceName: 'svc',
  attributes: host ? [{ key: 'host.name', type: 'string' as const, value: host }] : [],
});

function span(spanId: string, parentSpanId = '', over: Partial<Span> = {}): Span {
  return {
    traceId: 'a'.repeat(32),
    spanId,
    parentSpanId,
    traceState: '',
    flags: 0,
    name: `op-${spanId}`,
    kind: SpanKind.Internal,
    startTimeUnixNano: 1000n,
    endTimeUnixNano: 2000n,
    attributes: [],
    events: [],
    links: [],
    status: { code: StatusCode.Unset, message: '' },
    resource: resource('h1'),
    scope: { name: '', version: '', attributes: [] },
    warnings: [],
    ...over,
  };
}

describe('dedupeClientServerSpanIds', () => {
  it('gives the server half of a shared ID a new ID under the client, and moves its children', () => {
    const id = '00000000000000b1';
    const out = dedupeClientServerSpanIds([
      span('00000000000000a1'),
      span(id, '00000000000000a1', { kind: SpanKind.Client }),
      span(id, '00000000000000a1', { kind: SpanKind.Server }),
      span('00000000000000c1', id),
    ]);
    expect(out[1].spanId).toBe(id);
    expect(out[2].spanId).toBe('00000000000000b2');
    expect(out[2].parentSpanId).toBe(id);
    expect(out[3].parentSpanId).toBe('00000000000000b2');
  });

  it('leaves traces without shared IDs alone', () => {
    const spans = [
      span('0000000000000001'),
      span('0000000000000002', '0000000000000001', { kind: SpanKind.Server }),
    ];
    expect(dedupeClientServerSpanIds(spans)).toEqual(spans);
  });
});

describe('the other adjusters', () => {
  it('sorts attributes by key and events by name', () => {
    const s = sortCollections(
      span('0000000000000001', '', {
        attributes: [
          { key: 'b', type: 'string', value: '2' },
          { key: 'a', type: 'string', value: '1' },
        ],
        events: [
          { timeUnixNano: 1n, name: 'z', attributes: [] },
          { timeUnixNano: 2n, name: 'a', attributes: [] },
        ],
      }),
    );
    expect(s.attributes.map((a) => a.key)).toEqual(['a', 'b']);
    expect(s.events.map((e) => e.name)).toEqual(['a', 'z']);
  });

  it('drops exact duplicates but keeps spans that differ', () => {
    const a = span('0000000000000001');
    expect(dedupeSpans([a, { ...a }, { ...a, name: 'other' }])).toHaveLength(2);
  });

  it('warns about missing parents, duplicate IDs and children outside a parent on another host', () => {
    const out = clockSkewWarnings([
      span('0000000000000001', '', { startTimeUnixNano: 0n, endTimeUnixNano: 1000n }),
      span('0000000000000002', '0000000000000009'),
      span('0000000000000003', '0000000000000001', {
        resource: resource('h2'),
        startTimeUnixNano: 2000n,
        endTimeUnixNano: 2500n,
      }),
      span('0000000000000004', '0000000000000001', { startTimeUnixNano: 100n, endTimeUnixNano: 200n }),
    ]);
    expect(out[1].warnings).toEqual([
      'parent span ID=0000000000000009 is not in the trace; skipping clock skew adjustment',
    ]);
    expect(out[2].warnings).toEqual([
      'clock skew adjustment disabled; not applying calculated delta of -1.75µs',
    ]);
    expect(out[3].warnings).toEqual([]);
    const dup = clockSkewWarnings([span('0000000000000001'), span('0000000000000001', '', { name: 'x' })]);
    expect(dup[0].warnings).toEqual(['duplicate span IDs; skipping clock skew adjustment']);
  });

  it('formats durations as Go does', () => {
    expect(goDuration(1_500_000_000n)).toBe('1.5s');
    expect(goDuration(250_000_000n)).toBe('250ms');
    expect(goDuration(90_000_000_000n)).toBe('1m30s');
    expect(goDuration(-1750n)).toBe('-1.75µs');
    expect(goDuration(0n)).toBe('0s');
  });

  it('runs the whole chain', () => {
    const t = adjustTrace({
      traceId: 'a'.repeat(32),
      spans: [span('0000000000000001'), span('0000000000000001')],
      warnings: [],
    });
    expect(t.spans).toHaveLength(1);
  });
});
