import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spansFromOtlpJson } from '../otlp/fromOtlpJson';
import { groupByTrace } from '../trace/groupByTrace';
import { envelope } from './jaegerJson';
import { toJaegerTrace } from './toJaegerJson';
import { kindOf } from './fromJaegerJson';
import { SpanKind, StatusCode, type Span } from '../model/trace';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../testdata/${name}`, import.meta.url), 'utf8'));

function baseSpan(overrides: Partial<Span> = {}): Span {
  return {
    traceId: '0000000000000000000000000000abcd',
    spanId: '00000000000000aa',
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: 'op',
    kind: SpanKind.Unspecified,
    startTimeUnixNano: 1_000_000_999n,
    endTimeUnixNano: 1_002_000_000n,
    attributes: [],
    events: [],
    links: [],
    status: { code: StatusCode.Unset, message: '' },
    resource: { serviceName: 'svc', attributes: [{ key: 'service.name', type: 'string', value: 'svc' }] },
    scope: { name: '', version: '', attributes: [] },
    warnings: [],
    ...overrides,
  };
}

describe('toJaegerTrace', () => {
  it('reproduces Jaeger’s /api/transform golden output for its golden input', () => {
    const traces = groupByTrace(spansFromOtlpJson(fixture('otlp2jaeger-in.json')));
    const actual = envelope(traces.map((t) => toJaegerTrace(t.spans)));
    expect(actual).toEqual(fixture('otlp2jaeger-out.json'));
  });

  it('renders a trace ID with zero high bits as 16 hex digits and truncates times to microseconds', () => {
    const t = toJaegerTrace([baseSpan()]);
    expect(t.traceID).toBe('000000000000abcd');
    expect(t.spans[0].startTime).toBe(1_000_000);
    expect(t.spans[0].duration).toBe(1_999);
  });

  it('adds the synthetic tags in Jaeger’s order and sends big int64 values as strings', () => {
    const t = toJaegerTrace([
      baseSpan({
        kind: SpanKind.Client,
        status: { code: StatusCode.Error, message: 'boom' },
        traceState: 'a=b',
        scope: { name: 'lib', version: '1.0', attributes: [] },
        attributes: [
          { key: 'big', type: 'int64', value: 9223372036854775222n },
          { key: 'small', type: 'int64', value: 42n },
          {
            key: 'list',
            type: 'array',
            value: [
              { type: 'string', value: 'x' },
              { type: 'int64', value: 1n },
            ],
          },
        ],
      }),
    ]);
    expect(t.spans[0].tags).toEqual([
      { key: 'otel.scope.name', type: 'string', value: 'lib' },
      { key: 'otel.scope.version', type: 'string', value: '1.0' },
      { key: 'big', type: 'int64', value: '9223372036854775222' },
      { key: 'small', type: 'int64', value: 42 },
      { key: 'list', type: 'string', value: '["x",1]' },
      { key: 'span.kind', type: 'string', value: 'client' },
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
      { key: 'error', type: 'bool', value: true },
      { key: 'otel.status_description', type: 'string', value: 'boom' },
      { key: 'w3c.tracestate', type: 'string', value: 'a=b' },
    ]);
  });

  it('puts the parent reference first, types links by opentracing.ref_type, and shares equal processes', () => {
    const resourceA = {
      serviceName: 'a',
      attributes: [{ key: 'service.name', type: 'string' as const, value: 'a' }],
    };
    const resourceA2 = {
      serviceName: 'a',
      attributes: [{ key: 'service.name', type: 'string' as const, value: 'a' }],
    };
    const t = toJaegerTrace([
      baseSpan({ resource: resourceA }),
      baseSpan({
        spanId: '00000000000000bb',
        parentSpanId: '00000000000000aa',
        resource: resourceA2,
        links: [
          { traceId: 'f'.repeat(32), spanId: '1'.repeat(16), traceState: '', attributes: [] },
          {
            traceId: 'f'.repeat(32),
            spanId: '2'.repeat(16),
            traceState: '',
            attributes: [{ key: 'opentracing.ref_type', type: 'string', value: 'child_of' }],
          },
        ],
      }),
    ]);
    expect(t.spans[1].references).toEqual([
      { refType: 'CHILD_OF', traceID: '000000000000abcd', spanID: '00000000000000aa' },
      { refType: 'FOLLOWS_FROM', traceID: 'f'.repeat(32), spanID: '1'.repeat(16) },
      { refType: 'CHILD_OF', traceID: 'f'.repeat(32), spanID: '2'.repeat(16) },
    ]);
    expect(Object.keys(t.processes)).toEqual(['p1']);
    expect(t.spans.map((s) => s.processID)).toEqual(['p1', 'p1']);
  });

  it('turns events into logs with the event name first', () => {
    const t = toJaegerTrace([
      baseSpan({
        events: [
          {
            timeUnixNano: 1_500_000_000n,
            name: 'exception',
            attributes: [{ key: 'exception.message', type: 'string', value: 'x' }],
          },
        ],
      }),
    ]);
    expect(t.spans[0].logs).toEqual([
      {
        timestamp: 1_500_000,
        fields: [
          { key: 'event', type: 'string', value: 'exception' },
          { key: 'exception.message', type: 'string', value: 'x' },
        ],
      },
    ]);
  });
});

describe('kindOf', () => {
  it('reads the span.kind tag, and nothing an object inherits', () => {
    const tag = (value: string) => [{ key: 'span.kind', type: 'string' as const, value }];
    expect(kindOf(tag('server'))).toBe(SpanKind.Server);
    for (const value of ['toString', 'constructor', '__proto__', 'weird']) expect(kindOf(tag(value))).toBe(0);
  });
});
