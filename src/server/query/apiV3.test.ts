import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { expectV3Error, ID1, ID2, ID3, start, startV3Fixture, traceIds } from './apiV3.fixture';

let app: RunningAllInOne;
const json = async (res: Response): Promise<any> => res.json();
beforeAll(async () => {
  app = await startV3Fixture();
});
afterAll(() => app.close());

const get = (path: string) => fetch(`${app.urls.query}${path}`);
const errorOf = async (path: string): Promise<string> => (await json(await get(path))).error.message;

describe('GET /api/v3/services and /api/v3/operations', () => {
  it('lists services, escaping HTML characters as Go’s encoding/json does', async () => {
    const res = await get('/api/v3/services');
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(text).toContain('"worker\\u003c\\u0026\\u003e"');
    expect(JSON.parse(text).services.sort()).toEqual(['driver', 'frontend', 'worker<&>']);
  });

  it('reports an unspecified kind as internal and filters by spanKind or its span_kind alias', async () => {
    const ops = async (q: string) => (await json(await get(`/api/v3/operations?${q}`))).operations;
    const worker = `service=${encodeURIComponent('worker<&>')}`;
    expect((await ops(worker)).sort((a: any, b: any) => a.name.localeCompare(b.name))).toEqual([
      { name: 'orphan-op', spanKind: 'internal' },
      { name: 'tick', spanKind: 'internal' },
    ]);
    expect(await ops(`${worker}&spanKind=internal`)).toEqual([{ name: 'orphan-op', spanKind: 'internal' }]);
    expect(await ops(`${worker}&span_kind=internal`)).toEqual([{ name: 'orphan-op', spanKind: 'internal' }]);
    expect(await ops('service=driver&spanKind=server&span_kind=client')).toEqual([
      { name: 'FindNearest', spanKind: 'server' },
    ]);
    expect(await ops('service=driver&spanKind=client')).toEqual([]);
    expect(await json(await get('/api/v3/operations'))).toEqual({ operations: [] });
  });
});

describe('GET /api/v3/traces/{trace_id}', () => {
  it('answers {"result": TracesData} with 32-digit IDs, string nanos and integer enums', async () => {
    const res = await get('/api/v3/traces/1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = await json(res);
    const [front, driver] = body.result.resourceSpans;
    expect(front.scopeSpans[0].scope).toEqual({ name: 'test-instrumentation', version: '1.0.0' });
    expect(front.scopeSpans[0].spans[0]).toEqual({
      traceId: ID1,
      spanId: 'eee19b7ec3c1b174',
      name: 'HTTP GET /dispatch',
      kind: 2,
      startTimeUnixNano: start(0).toString(),
      endTimeUnixNano: (start(0) + 100_000_000n).toString(),
      attributes: [
        { key: 'http.method', value: { stringValue: 'GET' } },
        { key: 'http.status_code', value: { intValue: '200' } },
      ],
      status: {},
    });
    expect(driver.scopeSpans[0].scope).toEqual({});
    expect(driver.scopeSpans[0].spans[0].status).toEqual({ message: 'redis timeout', code: 2 });
    expect(driver.scopeSpans[0].spans[0].parentSpanId).toBe('eee19b7ec3c1b174');
  });

  it('applies the adjusters (sorted attributes, warnings attribute) unless rawTraces / raw_traces', async () => {
    const resourceKeys = async (q: string) =>
      (await json(await get(`/api/v3/traces/1${q}`))).result.resourceSpans[0].resource.attributes.map(
        (a: any) => a.key,
      );
    expect(await resourceKeys('')).toEqual(['host.name', 'service.name']);
    expect(await resourceKeys('?rawTraces=true')).toEqual(['service.name', 'host.name']);
    expect(await resourceKeys('?raw_traces=1')).toEqual(['service.name', 'host.name']);
    expect(await resourceKeys('?rawTraces=false&raw_traces=true')).toEqual(['host.name', 'service.name']);

    const orphan = async (q: string) =>
      (await json(await get(`/api/v3/traces/${ID3}${q}`))).result.resourceSpans[0].scopeSpans[0].spans[0];
    expect((await orphan('')).attributes).toEqual([
      {
        key: '@jaeger@warnings',
        value: {
          arrayValue: {
            values: [
              {
                stringValue:
                  'parent span ID=00000000000000ff is not in the trace; skipping clock skew adjustment',
              },
            ],
          },
        },
      },
    ]);
    expect((await orphan('?rawTraces=true')).attributes).toBeUndefined();
  });

  it('accepts short, upper-case and base64 IDs, and start/end time hints under both names', async () => {
    for (const id of ['F0000000000000000000000000000002', Buffer.from(ID2, 'hex').toString('base64')]) {
      expect(traceIds(await json(await get(`/api/v3/traces/${encodeURIComponent(id)}`)))).toEqual([ID2]);
    }
    const hints = 'startTime=2024-01-01T00:00:00Z&endTime=2030-01-01T00:00:00.123456789%2B02:00';
    expect((await get(`/api/v3/traces/1?${hints}`)).status).toBe(200);
    expect(
      (await get('/api/v3/traces/1?start_time=2024-01-01T00:00:00Z&end_time=2030-01-01T00:00:00Z')).status,
    ).toBe(200);
    expect((await get('/api/v3/traces/1?startTime=2024-01-01T00:00:00Z&start_time=bad')).status).toBe(200);
  });

  it('answers 404 No traces found as a v3 error', async () => {
    await expectV3Error(await get('/api/v3/traces/abcdef'), 404, 'No traces found');
  });

  it('explains malformed parameters, naming them as they were sent', async () => {
    const layout = '"2006-01-02T15:04:05.999999999Z07:00"';
    await expectV3Error(
      await get('/api/v3/traces/xyz!'),
      400,
      'malformed parameter trace_id: strconv.ParseUint: parsing "xyz!": invalid syntax',
    );
    expect(await errorOf(`/api/v3/traces/${'a'.repeat(33)}`)).toBe(
      `malformed parameter trace_id: TraceID cannot be longer than 32 hex characters: ${'a'.repeat(33)}`,
    );
    expect(await errorOf(`/api/v3/traces/zz${'0'.repeat(16)}`)).toBe(
      'malformed parameter trace_id: strconv.ParseUint: parsing "zz": invalid syntax',
    );
    expect(await errorOf('/api/v3/traces/1?startTime=yesterday')).toBe(
      `malformed parameter startTime: parsing time "yesterday" as ${layout}: cannot parse "yesterday" as "2006"`,
    );
    expect(await errorOf('/api/v3/traces/1?end_time=2024-13-01T00:00:00Z')).toBe(
      'malformed parameter end_time: parsing time "2024-13-01T00:00:00Z": month out of range',
    );
    expect(await errorOf('/api/v3/traces/1?endTime=2024-01-01')).toBe(
      `malformed parameter endTime: parsing time "2024-01-01" as ${layout}: cannot parse "" as "T"`,
    );
    expect(await errorOf('/api/v3/traces/1?start_time=2024-01-01T00:00:00')).toBe(
      `malformed parameter start_time: parsing time "2024-01-01T00:00:00" as ${layout}: cannot parse "" as "Z07:00"`,
    );
    expect(await errorOf('/api/v3/traces/1?rawTraces=maybe')).toBe(
      'malformed parameter rawTraces: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    expect(await errorOf('/api/v3/traces/1?raw_traces=yes')).toBe(
      'malformed parameter raw_traces: strconv.ParseBool: parsing "yes": invalid syntax',
    );
  });
});

describe('routing', () => {
  it('answers other methods and unknown v3 paths with the plain 404', async () => {
    const post = await fetch(`${app.urls.query}/api/v3/traces`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect(await post.text()).toBe('404 page not found\n');
    expect((await get('/api/v3/dependencies')).status).toBe(404);
  });
});
