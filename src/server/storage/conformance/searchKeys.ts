/** Conformance: which traces each search key (service, operation, tags, special keys) finds. */
import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode, type Span } from '../../../core/model/trace';
import type { ConformanceContext } from './harness';
import {
  bool,
  dbl,
  findTraceNumbers,
  int,
  makeResource,
  makeScope,
  makeSpan,
  query,
  spanIdOf,
  str,
  T0,
  traceIdOf,
  writeEach,
} from './spans';

/** One distinguishing feature per trace. */
const shop = makeResource('shop', [str('host.name', 'h1'), str('region', 'eu')]);
const billing = makeResource('billing', [str('region', 'us')]);
const libA = makeScope('lib-a', '1.0', [str('lib.flavor', 'vanilla')]);

/** Written in this order, so newest-first results list higher trace numbers first. */
const searchFixture: Span[][] = [
  [
    makeSpan({
      trace: 1,
      span: 1,
      name: 'GET /cart',
      kind: SpanKind.Server,
      resource: shop,
      scope: libA,
      attributes: [int('http.status_code', 200n), dbl('ratio', 72.5), bool('cached', true)],
    }),
  ],
  [
    makeSpan({
      trace: 2,
      span: 1,
      name: 'charge',
      kind: SpanKind.Client,
      status: StatusCode.Error,
      resource: billing,
    }),
  ],
  [
    makeSpan({
      trace: 3,
      span: 1,
      name: 'GET /cart',
      kind: SpanKind.Internal,
      status: StatusCode.Ok,
      resource: shop,
      // Must never satisfy `error=true`: Jaeger reads the status, not this attribute.
      attributes: [bool('error', true), str('zone', 'z1')],
    }),
  ],
  [
    makeSpan({
      trace: 4,
      span: 1,
      name: 'publish',
      kind: SpanKind.Producer,
      resource: shop,
      events: [{ timeUnixNano: T0, name: 'exception', attributes: [str('exception.type', 'Boom')] }],
      links: [
        {
          traceId: traceIdOf(1),
          spanId: spanIdOf(1),
          traceState: '',
          attributes: [str('link.reason', 'retry')],
        },
      ],
    }),
  ],
  [
    makeSpan({ trace: 5, span: 1, name: 'checkout', resource: shop, attributes: [str('customer', 'c-5')] }),
    makeSpan({
      trace: 5,
      span: 2,
      parent: 1,
      name: 'refund',
      status: StatusCode.Error,
      resource: billing,
      attributes: [str('note', 'x')],
    }),
  ],
];

type SearchCase = [label: string, q: Parameters<typeof query>[0], expected: number[]];

const searchCases: SearchCase[] = [
  ['service', { serviceName: 'shop' }, [5, 4, 3, 1]],
  ['another service', { serviceName: 'billing' }, [5, 2]],
  ['unknown service', { serviceName: 'nope' }, []],
  ['operation across services', { operationName: 'GET /cart' }, [3, 1]],
  ['service and operation', { serviceName: 'shop', operationName: 'GET /cart' }, [3, 1]],
  ['operation is case-sensitive', { serviceName: 'shop', operationName: 'get /cart' }, []],
  ['operation of another service', { serviceName: 'billing', operationName: 'GET /cart' }, []],
  ['error=true needs status ERROR', { tags: { error: 'true' } }, [5, 2]],
  ['error=T', { tags: { error: 'T' } }, [5, 2]],
  ['error=1', { tags: { error: '1' } }, [5, 2]],
  ['error=false takes UNSET and OK', { tags: { error: 'false' } }, [5, 4, 3, 1]],
  ['error=0', { tags: { error: '0' } }, [5, 4, 3, 1]],
  ['error=garbage matches nothing', { tags: { error: 'xyz' } }, []],
  ['error=yes is not a Go bool', { tags: { error: 'yes' } }, []],
  ['span.status=OK', { tags: { 'span.status': 'OK' } }, [3]],
  ['span.status is case-insensitive', { tags: { 'span.status': 'ok' } }, [3]],
  ['span.status=ERROR', { tags: { 'span.status': 'ERROR' } }, [5, 2]],
  ['span.status=other means UNSET', { tags: { 'span.status': 'bogus' } }, [5, 4, 1]],
  ['span.kind=server', { tags: { 'span.kind': 'server' } }, [1]],
  ['span.kind is case-insensitive', { tags: { 'span.kind': 'CLIENT' } }, [2]],
  ['span.kind=producer', { tags: { 'span.kind': 'producer' } }, [4]],
  ['span.kind=internal', { tags: { 'span.kind': 'internal' } }, [3]],
  ['span.kind=other means UNSPECIFIED', { tags: { 'span.kind': 'bogus' } }, [5]],
  ['scope.name', { tags: { 'scope.name': 'lib-a' } }, [1]],
  ['scope.version', { tags: { 'scope.version': '1.0' } }, [1]],
  ['empty scope.name', { tags: { 'scope.name': '' } }, [5, 4, 3, 2]],
  ['resource.<key>', { tags: { 'resource.region': 'us' } }, [5, 2]],
  ['resource.service.name', { tags: { 'resource.service.name': 'shop' } }, [5, 4, 3, 1]],
  ['resource.<key> ignores span attributes', { tags: { 'resource.zone': 'z1' } }, []],
  ['resource attribute by plain key', { tags: { 'host.name': 'h1' } }, [5, 4, 3, 1]],
  ['span attribute', { tags: { zone: 'z1' } }, [3]],
  ['scope attribute', { tags: { 'lib.flavor': 'vanilla' } }, [1]],
  ['event attribute', { tags: { 'exception.type': 'Boom' } }, [4]],
  ['link attribute', { tags: { 'link.reason': 'retry' } }, [4]],
  ['int by its string form', { tags: { 'http.status_code': '200' } }, [1]],
  ['int compared as a string', { tags: { 'http.status_code': '200.0' } }, []],
  ['double by its string form', { tags: { ratio: '72.5' } }, [1]],
  ['bool by its string form', { tags: { cached: 'true' } }, [1]],
  ['values are case-sensitive', { tags: { zone: 'Z1' } }, []],
  ['unknown value', { tags: { zone: 'z2' } }, []],
  [
    'all criteria on one span',
    { serviceName: 'shop', tags: { 'http.status_code': '200', 'span.kind': 'server' } },
    [1],
  ],
  ['criteria met by different spans', { tags: { customer: 'c-5', error: 'true' } }, []],
  ['service of another span', { serviceName: 'billing', tags: { customer: 'c-5' } }, []],
  ['service and tag on one span', { serviceName: 'billing', tags: { note: 'x' } }, [5]],
];

export function describeSearchKeys({ open }: ConformanceContext): void {
  describe('findTraces criteria', () => {
    it.each(searchCases)('%s', async (_label, q, expected) => {
      const store = await open();
      await writeEach(store, searchFixture);
      expect(await findTraceNumbers(store, query(q))).toEqual(expected);
    });

    it('finds values longer than the indexed length by testing the spans', async () => {
      const store = await open(10);
      const long = 'x'.repeat(1000);
      await store.writeSpans([makeSpan({ trace: 1, span: 1, attributes: [str('sql', long)] })]);
      await store.writeSpans([makeSpan({ trace: 2, span: 1, attributes: [str('sql', 'short')] })]);
      const withService = query({ searchDepth: 2, serviceName: 'shop', tags: { sql: long } });
      expect(await findTraceNumbers(store, withService)).toEqual([1]);
      expect(await findTraceNumbers(store, query({ searchDepth: 2, tags: { sql: long } }))).toEqual([1]);
    });

    it('matches values that look like search syntax literally', async () => {
      const store = await open();
      const tricky = ['"quoted"', 'a AND b', 'NOT x', '*', 'ünï', '', 'x\u0000y'];
      for (const [n, value] of tricky.entries()) {
        await store.writeSpans([makeSpan({ trace: n + 1, span: 1, attributes: [str('v', value)] })]);
      }
      for (const [n, value] of tricky.entries()) {
        expect(await findTraceNumbers(store, query({ tags: { v: value } }))).toEqual([n + 1]);
      }
    });
  });
}
