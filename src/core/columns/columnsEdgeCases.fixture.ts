/**
 * Hand-made traces whose columns are easy to get wrong: the cases where the Jaeger JSON a trace
 * is answered as decodes to something other than the stored model (parents re-chosen among
 * references, attributes that override the kind or the status, times cut to microseconds).
 */
import type { Attribute } from '../model/attributes';
import {
  emptyScope,
  SpanKind,
  StatusCode,
  type Resource,
  type Span,
  type SpanLink,
  type Trace,
} from '../model/trace';

const TRACE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER_TRACE = '0000000000000000' + 'ffeeddccbbaa9988';
const T0 = 1_700_000_000_123_456_789n;

const resource = (serviceName: string, host = ''): Resource => ({
  serviceName,
  attributes: [
    { key: 'service.name', type: 'string', value: serviceName },
    ...(host ? [{ key: 'host.name', type: 'string' as const, value: host }] : []),
  ],
});
const FRONTEND = resource('frontend', 'web-1');
const BACKEND = resource('backend', 'db-1');
const UNNAMED = resource('');

const id = (n: number) => n.toString(16).padStart(16, '0');

function span(n: number, fields: Partial<Span> = {}): Span {
  return {
    traceId: TRACE,
    spanId: id(n),
    parentSpanId: '',
    traceState: '',
    flags: 1,
    name: `op-${n}`,
    kind: SpanKind.Internal,
    startTimeUnixNano: T0 + BigInt(n) * 1_000_000n,
    endTimeUnixNano: T0 + BigInt(n) * 1_000_000n + 500_000n,
    attributes: [],
    events: [],
    links: [],
    status: { code: StatusCode.Unset, message: '' },
    resource: FRONTEND,
    scope: emptyScope,
    warnings: [],
    ...fields,
  };
}

const link = (spanId: string, refType?: 'child_of' | 'follows_from', traceId = TRACE): SpanLink => ({
  traceId,
  spanId,
  traceState: '',
  attributes: refType ? [{ key: 'opentracing.ref_type', type: 'string', value: refType }] : [],
});

const attr = (key: string, value: Attribute['value'] | number | boolean): Attribute =>
  typeof value === 'number'
    ? Number.isInteger(value)
      ? { key, type: 'int64', value: BigInt(value) }
      : { key, type: 'float64', value }
    : typeof value === 'boolean'
      ? { key, type: 'bool', value }
      : ({ key, type: 'string', value } as Attribute);

const trace = (spans: Span[], warnings: string[] = []): Trace => ({ traceId: TRACE, spans, warnings });

/** Named traces, each stored as the server would hold them (before the adjusters). */
export function columnsEdgeCases(): Record<string, Trace> {
  return {
    'orphans, a self-parent and a parent cycle': trace([
      span(1),
      span(2, { parentSpanId: id(99) }),
      span(3, { parentSpanId: id(3) }),
      span(4, { parentSpanId: id(5) }),
      span(5, { parentSpanId: id(4) }),
      span(6, { parentSpanId: id(4) }),
    ]),
    'duplicate span IDs, exact copies and a client/server shared ID': (() => {
      const client = span(2, { parentSpanId: id(1), kind: SpanKind.Client });
      const copy = span(3, { parentSpanId: id(1) });
      return trace([
        span(1),
        client,
        span(2, { parentSpanId: id(1), kind: SpanKind.Server, resource: BACKEND, name: 'server half' }),
        copy,
        { ...copy },
        span(3, { parentSpanId: id(1), name: 'same ID, other span' }),
        span(4, { parentSpanId: id(3) }),
        span(5, { parentSpanId: id(2) }),
      ]);
    })(),
    'follows-from and multiple references': trace([
      span(1),
      // FOLLOWS_FROM to its parent: the parent does not wait for it.
      span(2, { parentSpanId: id(1), links: [link(id(1), 'follows_from')] }),
      // A FOLLOWS_FROM parent and a CHILD_OF link in the same trace: JSON makes the latter the parent.
      span(3, { parentSpanId: id(1), links: [link(id(1), 'follows_from'), link(id(2), 'child_of')] }),
      // No parent ID, but links in the trace: JSON nests it under the first.
      span(4, { links: [link(id(2)), link(id(3), 'follows_from')] }),
      span(5, { links: [link(id(9), 'follows_from', OTHER_TRACE), link(id(1), 'child_of')] }),
      // A CHILD_OF parent plus links to other traces and to a sibling.
      span(6, {
        parentSpanId: id(1),
        links: [link(id(1), 'child_of'), link(id(7), undefined, OTHER_TRACE), link(id(2), 'follows_from')],
      }),
      // Links only to another trace: a root with links.
      span(7, { links: [link(id(1), 'child_of', OTHER_TRACE)] }),
      // A follows-from link to a parent that is not in the trace.
      span(8, { parentSpanId: id(77), links: [link(id(77), 'follows_from')] }),
      // The same link twice.
      span(9, { parentSpanId: id(1), links: [link(id(1), 'follows_from'), link(id(1), 'follows_from')] }),
    ]),
    'producer, consumer and kinds and statuses overridden by attributes': trace([
      span(1, { kind: SpanKind.Producer, status: { code: StatusCode.Ok, message: '' } }),
      span(2, { parentSpanId: id(1), kind: SpanKind.Consumer, resource: BACKEND }),
      span(3, { parentSpanId: id(1), kind: SpanKind.Server, attributes: [attr('http.status_code', 503)] }),
      span(4, { parentSpanId: id(1), kind: SpanKind.Server, attributes: [attr('http.status_code', 404)] }),
      span(5, { parentSpanId: id(1), kind: SpanKind.Client, attributes: [attr('http.status_code', '404')] }),
      span(6, {
        parentSpanId: id(1),
        status: { code: StatusCode.Error, message: 'boom' },
        attributes: [attr('error', false)],
      }),
      span(7, {
        parentSpanId: id(1),
        status: { code: StatusCode.Error, message: '' },
        attributes: [attr('error', false), attr('otel.status_code', 'OK')],
      }),
      span(8, { parentSpanId: id(1), attributes: [attr('span.kind', 'client'), attr('error', true)] }),
      span(9, { parentSpanId: id(1), kind: SpanKind.Server, attributes: [attr('span.kind', 'nonsense')] }),
      span(10, {
        parentSpanId: id(1),
        attributes: [attr('otel.status_code', 'ERROR'), attr('span.kind', 'producer')],
      }),
      span(11, { parentSpanId: id(1), attributes: [attr('http.status_code', 500.5)] }),
      span(12, { parentSpanId: id(1), kind: SpanKind.Unspecified }),
      // The first attribute of a name is the tag the decoder reads.
      span(13, {
        parentSpanId: id(1),
        attributes: [
          attr('span.kind', 'consumer'),
          attr('error', 'false'),
          attr('span.kind', 'client'),
          attr('error', true),
          attr('http.status_code', 200),
          attr('http.status_code', 502),
        ],
      }),
    ]),
    'times cut to microseconds, zero and negative durations, sorted events': trace([
      span(1, { startTimeUnixNano: T0 + 999n, endTimeUnixNano: T0 + 10_000_999n }),
      span(2, { parentSpanId: id(1), startTimeUnixNano: T0 + 1_500n, endTimeUnixNano: T0 + 1_500n }),
      span(3, { parentSpanId: id(1), startTimeUnixNano: T0 + 2_999n, endTimeUnixNano: T0 + 2_001n }),
      span(4, {
        parentSpanId: id(1),
        startTimeUnixNano: T0 + 5_000_000n,
        endTimeUnixNano: T0 + 5_000_000n,
        events: [
          { timeUnixNano: T0 + 5_000_999n, name: 'zeta', attributes: [] },
          { timeUnixNano: T0 + 5_000_001n, name: 'alpha', attributes: [attr('b', 1), attr('a', 2)] },
          { timeUnixNano: T0 + 4_000_000n, name: 'alpha', attributes: [] },
        ],
      }),
      span(5, { parentSpanId: id(1), startTimeUnixNano: T0 - 7_777n, endTimeUnixNano: T0 + 20_000_000n }),
    ]),
    'a lone span that ends before it starts': trace([
      span(1, { startTimeUnixNano: T0 + 5_000n, endTimeUnixNano: T0 - 2_000_000n }),
    ]),
    'services without names, clock skew across hosts and trace warnings': trace(
      [
        span(1, { resource: FRONTEND, startTimeUnixNano: T0, endTimeUnixNano: T0 + 1_000_000n }),
        // On another host and outside its parent: the adjusters warn, the times stay.
        span(2, { parentSpanId: id(1), resource: BACKEND, startTimeUnixNano: T0 - 5_000_000n }),
        span(3, { parentSpanId: id(2), resource: UNNAMED, name: '' }),
        span(4, { parentSpanId: id(2), resource: resource('ünïcödé ☃ 🚀'), name: 'GET /café 🍰 \u0007' }),
      ],
      ['trace warning one', 'invalid parent span IDs=deadbeef'],
    ),
  };
}
