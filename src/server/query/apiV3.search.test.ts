import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { expectV3Error, ID1, ID2, ID3, iso, start, startV3Fixture, traceIds, WINDOW } from './apiV3.fixture';

let app: RunningAllInOne;
const json = async (res: Response): Promise<any> => res.json();
beforeAll(async () => {
  app = await startV3Fixture();
});
afterAll(() => app.close());

const get = (path: string) => fetch(`${app.urls.query}${path}`);
const errorOf = async (path: string): Promise<string> => (await json(await get(path))).error.message;

describe('GET /api/v3/traces (search)', () => {
  it('returns whole traces, newest-inserted first, each trace’s resourceSpans after the previous', async () => {
    const body = await json(await get(`/api/v3/traces?${WINDOW}`));
    expect(traceIds(body)).toEqual([ID3, ID2, ID1]);
    expect(body.result.resourceSpans).toHaveLength(5);
  });

  it('does not escape HTML characters inside the OTLP part', async () => {
    const text = await (
      await get(`/api/v3/traces?${WINDOW}&query.serviceName=${encodeURIComponent('worker<&>')}`)
    ).text();
    expect(text).toContain('{"stringValue":"worker<&>"}');
  });

  it('filters by service, operation, duration and attributes under canonical and snake_case names', async () => {
    const ids = async (q: string) => {
      const res = await get(`/api/v3/traces?${WINDOW}&${q}`);
      return res.status === 404 ? [] : traceIds(await json(res));
    };
    expect(await ids('query.serviceName=frontend')).toEqual([ID2, ID1]);
    expect(await ids('query.service_name=frontend')).toEqual([ID2, ID1]);
    expect(await ids('query.serviceName=frontend&query.service_name=nobody')).toEqual([ID2, ID1]);
    expect(await ids('query.serviceName=nobody')).toEqual([]);
    expect(await ids('query.operationName=FindNearest')).toEqual([ID2, ID1]);
    expect(await ids('query.operation_name=tick')).toEqual([ID3]);
    expect(await ids('query.serviceName=frontend&query.durationMin=100ms')).toEqual([ID2, ID1]);
    expect(await ids('query.serviceName=frontend&query.duration_min=101ms')).toEqual([]);
    expect(await ids('query.durationMax=15ms')).toEqual([ID3]);
    expect(await ids('query.duration_max=15ms&query.duration_min=11ms')).toEqual([]);
    const attrs = (a: object) => `query.attributes=${encodeURIComponent(JSON.stringify(a))}`;
    expect(await ids(attrs({ 'http.method': 'GET' }))).toEqual([ID2, ID1]);
    expect(await ids(attrs({ 'http.method': 'POST' }))).toEqual([]);
    expect(await ids(attrs({ error: 'true', 'span.kind': 'unspecified' }))).toEqual([ID3]);
  });

  it('bounds the result by searchDepth, its aliases and the older query.num_traces', async () => {
    const count = async (q: string) =>
      traceIds(await json(await get(`/api/v3/traces?${WINDOW}&${q}`))).length;
    expect(await count('query.searchDepth=1')).toBe(1);
    expect(await count('query.search_depth=2')).toBe(2);
    expect(await count('query.num_traces=1')).toBe(1);
    expect(await count('query.searchDepth=2&query.num_traces=x')).toBe(2);
    await expectV3Error(
      await get(`/api/v3/traces?${WINDOW}&query.searchDepth=0`),
      500,
      'search depth must be greater than 0 and less than max traces',
    );
  });

  it('requires an ordered time range', async () => {
    const required = 'query.startTimeMin and query.startTimeMax are required';
    await expectV3Error(await get('/api/v3/traces'), 400, required);
    expect(await errorOf(`/api/v3/traces?query.startTimeMin=${iso(0)}`)).toBe(required);
    expect(await errorOf(`/api/v3/traces?query.start_time_max=${iso(0)}`)).toBe(required);
    const t = iso(0);
    expect(await errorOf(`/api/v3/traces?query.startTimeMin=${t}&query.startTimeMax=${t}`)).toBe(
      'query.startTimeMin must be before query.startTimeMax',
    );
    expect(await errorOf(`/api/v3/traces?query.start_time_min=${iso(1)}&query.start_time_max=${t}`)).toBe(
      'query.startTimeMin must be before query.startTimeMax',
    );
  });

  it('answers 404 No traces found for an empty search, and explains malformed parameters', async () => {
    await expectV3Error(
      await get(`/api/v3/traces?${WINDOW}&query.serviceName=nobody`),
      404,
      'No traces found',
    );
    const msg = (q: string) => errorOf(`/api/v3/traces?${q}`);
    expect(await msg(`query.start_time_min=bad&query.startTimeMax=${iso(0)}`)).toBe(
      'malformed parameter query.start_time_min: parsing time "bad" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "bad" as "2006"',
    );
    expect(await msg(`query.startTimeMin=${iso(0)}&query.startTimeMax=2024-02-30T00:00:00Z`)).toBe(
      'malformed parameter query.startTimeMax: parsing time "2024-02-30T00:00:00Z": day out of range',
    );
    expect(await msg(`${WINDOW}&query.searchDepth=abc`)).toBe(
      'malformed parameter query.searchDepth: strconv.Atoi: parsing "abc": invalid syntax',
    );
    expect(await msg(`${WINDOW}&query.search_depth=1.5`)).toBe(
      'malformed parameter query.search_depth: strconv.Atoi: parsing "1.5": invalid syntax',
    );
    expect(await msg(`${WINDOW}&query.num_traces=99999999999999999999`)).toBe(
      'malformed parameter query.num_traces: strconv.Atoi: parsing "99999999999999999999": value out of range',
    );
    expect(await msg(`${WINDOW}&query.durationMin=abc`)).toBe(
      'malformed parameter query.durationMin: time: invalid duration "abc"',
    );
    expect(await msg(`${WINDOW}&query.duration_max=5x`)).toBe(
      'malformed parameter query.duration_max: time: unknown unit "x" in duration "5x"',
    );
    expect(await msg(`${WINDOW}&query.attributes=${encodeURIComponent('{"a":1}')}`)).toBe(
      'malformed parameter query.attributes: json: cannot unmarshal number into Go value of type string',
    );
    expect(await msg(`${WINDOW}&query.attributes=nope`)).toBe(
      "malformed parameter query.attributes: invalid character 'o' in literal null (expecting 'u')",
    );
    expect(await msg(`${WINDOW}&query.rawTraces=maybe`)).toBe(
      'malformed parameter query.rawTraces: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    expect(await msg(`${WINDOW}&query.raw_traces=nah`)).toBe(
      'malformed parameter query.raw_traces: strconv.ParseBool: parsing "nah": invalid syntax',
    );
  });

  it('skips the adjusters with query.rawTraces or query.raw_traces', async () => {
    const keys = async (q: string) =>
      (
        await json(await get(`/api/v3/traces?${WINDOW}&query.searchDepth=2&query.serviceName=frontend${q}`))
      ).result.resourceSpans[0].resource.attributes.map((a: any) => a.key);
    expect(await keys('')).toEqual(['host.name', 'service.name']);
    expect(await keys('&query.rawTraces=true')).toEqual(['service.name', 'host.name']);
    expect(await keys('&query.raw_traces=true')).toEqual(['service.name', 'host.name']);
  });
});

describe('GET /api/v3/trace-summaries', () => {
  it('summarizes each found trace as Jaeger does, omitting zero values', async () => {
    const res = await get(`/api/v3/trace-summaries?${WINDOW}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(text).toContain('"rootServiceName"');
    const { summaries } = JSON.parse(text);
    expect(summaries.map((s: any) => s.traceId)).toEqual([ID3, ID2, ID1]);
    expect(summaries[2]).toEqual({
      tracelensInsights: {},
      traceId: ID1,
      rootServiceName: 'frontend',
      rootOperationName: 'HTTP GET /dispatch',
      minStartTimeUnixNano: start(0).toString(),
      maxEndTimeUnixNano: (start(0) + 100_000_000n).toString(),
      spanCount: 2,
      errorSpanCount: 1,
      services: [
        { name: 'driver', spanCount: 1, errorSpanCount: 1 },
        { name: 'frontend', spanCount: 1 },
      ],
    });
    expect(Object.keys(summaries[2])).toEqual([
      'traceId',
      'rootServiceName',
      'rootOperationName',
      'minStartTimeUnixNano',
      'maxEndTimeUnixNano',
      'spanCount',
      'errorSpanCount',
      'services',
      // Tracelens's extension comes last, after Jaeger's fields.
      'tracelensInsights',
    ]);
  });

  it('has no root when every span has a parent, counts orphans, and escapes like encoding/json', async () => {
    const res = await get(
      `/api/v3/trace-summaries?${WINDOW}&query.service_name=${encodeURIComponent('worker<&>')}`,
    );
    const text = await res.text();
    expect(text).toContain('"name":"worker\\u003c\\u0026\\u003e"');
    expect(JSON.parse(text)).toEqual({
      summaries: [
        {
          traceId: ID3,
          minStartTimeUnixNano: start(2).toString(),
          maxEndTimeUnixNano: (start(2) + 50_000_000n).toString(),
          spanCount: 2,
          errorSpanCount: 1,
          orphanSpanCount: 1,
          services: [{ name: 'worker<&>', spanCount: 2, errorSpanCount: 1 }],
          tracelensInsights: { 'error-origin': 1, gap: 1 },
        },
      ],
    });
  });

  it('answers 200 with no summaries for an empty search, and the search’s errors otherwise', async () => {
    const res = await get(`/api/v3/trace-summaries?${WINDOW}&query.serviceName=nobody`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"summaries":[]}');
    await expectV3Error(
      await get('/api/v3/trace-summaries'),
      400,
      'query.startTimeMin and query.startTimeMax are required',
    );
    expect(await errorOf(`/api/v3/trace-summaries?${WINDOW}&query.rawTraces=maybe`)).toBe(
      'malformed parameter query.rawTraces: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    expect((await get(`/api/v3/trace-summaries?${WINDOW}&query.rawTraces=true`)).status).toBe(200);
    await expectV3Error(
      await get(`/api/v3/trace-summaries?${WINDOW}&query.searchDepth=-1`),
      500,
      'search depth must be greater than 0 and less than max traces',
    );
  });
});
