/**
 * The behaviour every TraceStore must show, written against the interface only, so the memory
 * store and the SQLite store are held to the same Jaeger semantics (reference §1.4, §3, §7).
 * Call describeTraceStoreConformance from a store's *.test.ts file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Attribute } from '../../core/model/attributes';
import {
  emptyScope,
  SpanKind,
  StatusCode,
  type Resource,
  type Scope,
  type Span,
  type SpanEvent,
  type SpanLink,
} from '../../core/model/trace';
import { StoreQueryError, type TraceQuery, type TraceStore } from './traceStore';

// ---------- hand-built spans ----------

/** 2023-11-14T22:13:20Z in ns: a realistic epoch so time bounds are tested with full digits. */
export const T0 = 1_700_000_000_000_000_000n;

export function traceIdOf(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function spanIdOf(n: number): string {
  return n.toString(16).padStart(16, '0');
}

export const str = (key: string, value: string): Attribute => ({ key, type: 'string', value });
export const int = (key: string, value: bigint): Attribute => ({ key, type: 'int64', value });
export const dbl = (key: string, value: number): Attribute => ({ key, type: 'float64', value });
export const bool = (key: string, value: boolean): Attribute => ({ key, type: 'bool', value });

export function makeResource(serviceName: string, attributes: Attribute[] = []): Resource {
  return { serviceName, attributes: [str('service.name', serviceName), ...attributes] };
}

export function makeScope(name: string, version: string, attributes: Attribute[] = []): Scope {
  return { name, version, attributes };
}

export interface SpanSpec {
  trace: number;
  span: number;
  parent?: number;
  name?: string;
  kind?: SpanKind;
  /** Offset from T0, ns. */
  start?: bigint;
  duration?: bigint;
  status?: StatusCode;
  attributes?: Attribute[];
  events?: SpanEvent[];
  links?: SpanLink[];
  resource?: Resource;
  scope?: Scope;
}

const defaultResource = makeResource('shop');

export function makeSpan(spec: SpanSpec): Span {
  const start = T0 + (spec.start ?? 0n);
  return {
    traceId: traceIdOf(spec.trace),
    spanId: spanIdOf(spec.span),
    parentSpanId: spec.parent === undefined ? '' : spanIdOf(spec.parent),
    traceState: '',
    flags: 1,
    name: spec.name ?? 'op',
    kind: spec.kind ?? SpanKind.Unspecified,
    startTimeUnixNano: start,
    endTimeUnixNano: start + (spec.duration ?? 1000n),
    attributes: spec.attributes ?? [],
    events: spec.events ?? [],
    links: spec.links ?? [],
    status: { code: spec.status ?? StatusCode.Unset, message: '' },
    resource: spec.resource ?? defaultResource,
    scope: spec.scope ?? emptyScope,
    warnings: [],
  };
}

export function query(
  q: Partial<Omit<TraceQuery, 'attributes'>> & { tags?: Record<string, string> },
): TraceQuery {
  return {
    serviceName: q.serviceName ?? '',
    operationName: q.operationName ?? '',
    attributes: new Map(Object.entries(q.tags ?? {})),
    startTimeMin: q.startTimeMin,
    startTimeMax: q.startTimeMax,
    durationMin: q.durationMin,
    durationMax: q.durationMax,
    searchDepth: q.searchDepth ?? 20,
  };
}

/** Trace numbers of the results, in the store's order. */
export async function findTraceNumbers(store: TraceStore, q: TraceQuery): Promise<number[]> {
  return (await store.findTraces(q)).map((t) => parseInt(t.traceId, 16));
}

/** One writeSpans call per trace: insertion order inside one batch is unspecified (§3.2). */
async function writeEach(store: TraceStore, traces: Span[][]): Promise<void> {
  for (const spans of traces) await store.writeSpans(spans);
}

// ---------- the search fixture: one distinguishing feature per trace ----------

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

// ---------- the suite ----------

export function describeTraceStoreConformance(
  name: string,
  create: (opts: { maxTraces: number }) => Promise<TraceStore>,
): void {
  describe(`${name}: TraceStore conformance`, () => {
    const opened: TraceStore[] = [];
    async function open(maxTraces = 100): Promise<TraceStore> {
      const store = await create({ maxTraces });
      opened.push(store);
      return store;
    }
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    describe('writeSpans and getTrace', () => {
      it('returns null for an unknown trace', async () => {
        const store = await open();
        expect(await store.getTrace(traceIdOf(42))).toBeNull();
      });

      it('merges spans of one trace written in separate calls, in arrival order', async () => {
        const store = await open();
        await store.writeSpans([makeSpan({ trace: 1, span: 1 }), makeSpan({ trace: 2, span: 9 })]);
        await store.writeSpans([makeSpan({ trace: 1, span: 2, parent: 1 })]);
        const trace = await store.getTrace(traceIdOf(1));
        expect(trace?.traceId).toBe(traceIdOf(1));
        expect(trace?.spans.map((s) => s.spanId)).toEqual([spanIdOf(1), spanIdOf(2)]);
        expect((await store.getTrace(traceIdOf(2)))?.spans).toHaveLength(1);
        expect(store.stats()).toEqual({ traces: 2, spans: 3 });
      });

      it('hands out traces that later writes do not change', async () => {
        const store = await open();
        await store.writeSpans([makeSpan({ trace: 1, span: 1 })]);
        const before = await store.getTrace(traceIdOf(1));
        const found = await store.findTraces(query({ serviceName: 'shop' }));
        await store.writeSpans([makeSpan({ trace: 1, span: 2 })]);
        expect(before?.spans).toHaveLength(1);
        expect(found[0].spans).toHaveLength(1);
        expect((await store.getTrace(traceIdOf(1)))?.spans).toHaveLength(2);
      });
    });

    describe('services and operations', () => {
      it('lists each non-empty service once', async () => {
        const store = await open();
        await store.writeSpans([makeSpan({ trace: 1, span: 1 }), makeSpan({ trace: 1, span: 2 })]);
        await store.writeSpans([makeSpan({ trace: 2, span: 1, resource: makeResource('billing') })]);
        await store.writeSpans([makeSpan({ trace: 3, span: 1, resource: makeResource('') })]);
        expect((await store.getServices()).sort()).toEqual(['billing', 'shop']);
      });

      it('lists one operation per distinct (name, kind), filtered by exact kind', async () => {
        const store = await open();
        await store.writeSpans([
          makeSpan({ trace: 1, span: 1, name: 'GET /cart', kind: SpanKind.Server }),
          makeSpan({ trace: 1, span: 2, name: 'GET /cart', kind: SpanKind.Client }),
          makeSpan({ trace: 1, span: 3, name: 'GET /cart', kind: SpanKind.Server }),
          makeSpan({ trace: 1, span: 4, name: 'query' }),
          makeSpan({ trace: 1, span: 5, name: 'publish', kind: SpanKind.Producer }),
          makeSpan({ trace: 1, span: 6, name: 'charge', resource: makeResource('billing') }),
        ]);
        const byName = (a: { name: string; spanKind: string }, b: { name: string; spanKind: string }) =>
          `${a.name}/${a.spanKind}`.localeCompare(`${b.name}/${b.spanKind}`);
        expect((await store.getOperations('shop', '')).sort(byName)).toEqual([
          { name: 'GET /cart', spanKind: 'client' },
          { name: 'GET /cart', spanKind: 'server' },
          { name: 'publish', spanKind: 'producer' },
          { name: 'query', spanKind: '' },
        ]);
        expect(await store.getOperations('shop', 'server')).toEqual([
          { name: 'GET /cart', spanKind: 'server' },
        ]);
        expect(await store.getOperations('shop', 'consumer')).toEqual([]);
        expect(await store.getOperations('billing', '')).toEqual([{ name: 'charge', spanKind: '' }]);
        expect(await store.getOperations('nope', '')).toEqual([]);
      });
    });

    describe('findTraces criteria', () => {
      it.each(searchCases)('%s', async (_label, q, expected) => {
        const store = await open();
        await writeEach(store, searchFixture);
        expect(await findTraceNumbers(store, query(q))).toEqual(expected);
      });
    });

    describe('findTraces time and duration bounds', () => {
      // Trace n has one span starting at n*1000 ns after T0 and lasting n*100 ns.
      async function openTimed(): Promise<TraceStore> {
        const store = await open();
        for (const n of [1, 2, 3]) {
          await store.writeSpans([
            makeSpan({ trace: n, span: 1, start: BigInt(n) * 1000n, duration: BigInt(n) * 100n }),
          ]);
        }
        return store;
      }
      const at = (n: number) => T0 + BigInt(n) * 1000n;

      it.each<[string, Parameters<typeof query>[0], number[]]>([
        ['start min is inclusive', { startTimeMin: at(2) }, [3, 2]],
        ['start max is inclusive', { startTimeMax: at(2) }, [2, 1]],
        ['start min = max', { startTimeMin: at(2), startTimeMax: at(2) }, [2]],
        ['start window between spans', { startTimeMin: at(2) + 1n, startTimeMax: at(3) - 1n }, []],
        ['only the start is tested', { startTimeMin: at(1) + 50n }, [3, 2]],
        ['duration min is inclusive', { durationMin: 200n }, [3, 2]],
        ['duration max is inclusive', { durationMax: 200n }, [2, 1]],
        ['duration min = max', { durationMin: 200n, durationMax: 200n }, [2]],
        ['duration window between spans', { durationMin: 201n, durationMax: 299n }, []],
      ])('%s', async (_label, q, expected) => {
        const store = await openTimed();
        expect(await findTraceNumbers(store, query(q))).toEqual(expected);
      });

      it('needs one span within both duration bounds', async () => {
        const store = await open();
        await store.writeSpans([
          makeSpan({ trace: 1, span: 1, duration: 100n }),
          makeSpan({ trace: 1, span: 2, duration: 500n }),
        ]);
        expect(await findTraceNumbers(store, query({ durationMin: 200n, durationMax: 400n }))).toEqual([]);
        expect(await findTraceNumbers(store, query({ durationMin: 400n, durationMax: 600n }))).toEqual([1]);
      });
    });

    describe('findTraces limit and order', () => {
      it('returns up to searchDepth matching traces, newest inserted first', async () => {
        const store = await open();
        // Matching traces are odd; the even ones must not use up the limit.
        for (let n = 1; n <= 9; n++) {
          const resource = n % 2 === 1 ? makeResource('shop') : makeResource('other');
          await store.writeSpans([makeSpan({ trace: n, span: 1, resource, start: BigInt(10 - n) })]);
        }
        expect(await findTraceNumbers(store, query({ serviceName: 'shop', searchDepth: 2 }))).toEqual([9, 7]);
        expect(await findTraceNumbers(store, query({ serviceName: 'shop', searchDepth: 5 }))).toEqual([
          9, 7, 5, 3, 1,
        ]);
        expect(await findTraceNumbers(store, query({ searchDepth: 3 }))).toEqual([9, 8, 7]);
      });

      it.each([0, -1, 11])('rejects searchDepth %d with maxTraces 10', async (searchDepth) => {
        const store = await open(10);
        await expect(store.findTraces(query({ searchDepth }))).rejects.toThrow(
          new StoreQueryError('search depth must be greater than 0 and less than max traces'),
        );
      });

      it('accepts searchDepth equal to maxTraces', async () => {
        const store = await open(10);
        await store.writeSpans([makeSpan({ trace: 1, span: 1 })]);
        expect(await findTraceNumbers(store, query({ searchDepth: 10 }))).toEqual([1]);
      });
    });

    describe('getDependencies', () => {
      const frontend = makeResource('frontend');
      const driver = makeResource('driver');
      const redis = makeResource('redis');

      async function openWithCalls(): Promise<TraceStore> {
        const store = await open();
        await store.writeSpans([
          makeSpan({ trace: 1, span: 1, resource: frontend }),
          makeSpan({ trace: 1, span: 2, parent: 1, resource: frontend }),
          makeSpan({ trace: 1, span: 3, parent: 1, resource: driver }),
          makeSpan({ trace: 1, span: 4, parent: 99, resource: redis }),
          makeSpan({ trace: 2, span: 1, resource: frontend, start: 5000n }),
        ]);
        // The parent of this span arrived in the previous batch.
        await store.writeSpans([makeSpan({ trace: 2, span: 2, parent: 1, resource: driver, start: 5000n })]);
        return store;
      }
      const sorted = (links: { parent: string; child: string; callCount: number }[]) =>
        [...links].sort((a, b) => `${a.parent}>${a.child}`.localeCompare(`${b.parent}>${b.child}`));

      it('counts calls per service pair, self-edges included, unknown parents skipped', async () => {
        const store = await openWithCalls();
        expect(sorted(await store.getDependencies(T0 - 1n, T0 + 1_000_000n))).toEqual([
          { parent: 'frontend', child: 'driver', callCount: 2 },
          { parent: 'frontend', child: 'frontend', callCount: 1 },
        ]);
      });

      it('only takes traces strictly inside the window', async () => {
        const store = await openWithCalls();
        // Trace 1 starts exactly at T0; trace 2 ends exactly at T0 + 6000.
        expect(await store.getDependencies(T0, T0 + 1_000_000n)).toEqual([
          { parent: 'frontend', child: 'driver', callCount: 1 },
        ]);
        expect(sorted(await store.getDependencies(T0 - 1n, T0 + 6000n))).toEqual([
          { parent: 'frontend', child: 'driver', callCount: 1 },
          { parent: 'frontend', child: 'frontend', callCount: 1 },
        ]);
      });

      it('rejects a missing start and an end before the start', async () => {
        const store = await open();
        await expect(store.getDependencies(0n, T0)).rejects.toBeInstanceOf(StoreQueryError);
        await expect(store.getDependencies(T0, T0 - 1n)).rejects.toBeInstanceOf(StoreQueryError);
      });
    });
  });
}
